using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// True-class probability (TCP), the target of ConfidNet and of BTCP's confidence head: c_i = p̂(y_i | x_i), the
    /// probability the classifier gives to the example's true class (high for a correct, confident prediction; below
    /// 1/2 means the prediction is wrong). Returned detached, shape [N], same dtype and device as the logits.
    /// <para>
    /// <see cref="TcpNormalisation.Softmax"/>: p̂ = softmax(z) (ConfidNet; the paper's definition).
    /// <see cref="TcpNormalisation.MinShifted"/>: p̂ = (z − min_k z_k) / Σ_j (z_j − min_k z_k), what BTCP's reference
    /// network returns as its "probabilities" and its <c>train.py</c> gathers as TCP; a row whose outputs are all equal
    /// (0 / 0 in the reference) is given the uniform 1/C here.
    /// </para>
    /// </summary>
    /// <param name="logits">Classifier outputs [N, C].</param>
    /// <param name="labels">True classes, int64 [N] in [0, C).</param>
    /// <param name="normalisation">Which probabilities to read the true class's from.</param>
    public static Tensor TrueClassProbability(Tensor logits, Tensor labels, TcpNormalisation normalisation = TcpNormalisation.Softmax)
    {
        Guard.LogitsAndTargets(logits, labels, nameof(logits), nameof(labels));
        if (!Enum.IsDefined(normalisation))
            throw new ArgumentOutOfRangeException(nameof(normalisation), normalisation, "normalisation must be Softmax or MinShifted.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var z = logits.detach();
        Tensor probabilities;
        if (normalisation == TcpNormalisation.Softmax)
        {
            probabilities = nn.functional.softmax(z, 1);
        }
        else
        {
            var shifted = z - z.min(1, keepdim: true).values;
            var sums = shifted.sum(1, keepdim: true);
            var positive = sums.gt(0);
            probabilities = where(positive, shifted / where(positive, sums, ones_like(sums)), full_like(shifted, 1.0 / z.shape[1]));
        }
        return probabilities.gather(1, labels.unsqueeze(1)).squeeze(1).MoveToOuterDisposeScope();
    }
}

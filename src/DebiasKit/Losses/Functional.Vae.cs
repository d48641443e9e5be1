using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// KL(N(μ, diag σ²) ‖ N(0, I)) per example, in closed form: −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²) (Kingma and Welling, 2014,
    /// "Auto-Encoding Variational Bayes", appendix B).
    /// </summary>
    /// <param name="mean">μ, shape [N, D].</param>
    /// <param name="logVariance">log σ², shape [N, D].</param>
    /// <param name="reduction">None (per-example), Mean (over examples) or Sum.</param>
    public static Tensor GaussianKl(Tensor mean, Tensor logVariance, nn.Reduction reduction = nn.Reduction.Mean)
    {
        CheckLatent(mean, logVariance);
        using var scope = NewDisposeScope();
        var perExample = (1 + logVariance - mean.pow(2) - logVariance.exp()).sum(1).mul(-0.5);
        return Reduce(perExample, reduction).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The negative evidence lower bound of a VAE with a Bernoulli decoder, per example:
    /// Σ BCE(logits, x) over the features + β·KL(q(z | x) ‖ N(0, I)); β = 1 is the ELBO, other β the β-VAE weighting.
    /// Targets are intensities in [0, 1] (binarised or grey images).
    /// </summary>
    /// <param name="reconstructionLogits">Decoder logits, shape [N, F].</param>
    /// <param name="inputs">Targets in [0, 1], shape [N, F].</param>
    /// <param name="mean">μ of q(z | x), [N, D].</param>
    /// <param name="logVariance">log σ² of q(z | x), [N, D].</param>
    /// <param name="beta">Weight of the KL term, ≥ 0.</param>
    /// <param name="reduction">None (per-example), Mean (over examples) or Sum.</param>
    public static Tensor VaeLoss(Tensor reconstructionLogits, Tensor inputs, Tensor mean, Tensor logVariance, double beta = 1.0,
        nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.NotNull(reconstructionLogits, nameof(reconstructionLogits));
        Guard.NotNull(inputs, nameof(inputs));
        if (reconstructionLogits.dim() != 2 || !reconstructionLogits.shape.SequenceEqual(inputs.shape))
            throw new ArgumentException($"reconstructionLogits must be [N, F] with the shape of inputs; got [{string.Join(", ", reconstructionLogits.shape)}] and [{string.Join(", ", inputs.shape)}].", nameof(reconstructionLogits));
        CheckLatent(mean, logVariance);
        if (mean.shape[0] != inputs.shape[0])
            throw new ArgumentException($"mean has {mean.shape[0]} rows but inputs has {inputs.shape[0]}.", nameof(mean));
        Guard.NonNegative(beta, nameof(beta));
        using (var check = NewDisposeScope())
            if ((inputs < 0).any().item<bool>() || (inputs > 1).any().item<bool>() || inputs.isnan().any().item<bool>())
            throw new ArgumentException("inputs must be intensities in [0, 1] (no NaN).", nameof(inputs));
        using var scope = NewDisposeScope();
        var reconstruction = nn.functional.binary_cross_entropy_with_logits(reconstructionLogits, inputs.to_type(reconstructionLogits.dtype), reduction: nn.Reduction.None).sum(1);
        var kl = GaussianKl(mean, logVariance, nn.Reduction.None);
        return Reduce(reconstruction + kl * beta, reduction).MoveToOuterDisposeScope();
    }

    private static void CheckLatent(Tensor mean, Tensor logVariance)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(logVariance, nameof(logVariance));
        if (mean.dim() != 2 || !mean.shape.SequenceEqual(logVariance.shape))
            throw new ArgumentException($"mean and logVariance must both be [N, D]; got [{string.Join(", ", mean.shape)}] and [{string.Join(", ", logVariance.shape)}].", nameof(logVariance));
    }
}

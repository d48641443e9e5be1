using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Focal loss of Lin, Goyal, Girshick, He and Dollár, "Focal Loss for Dense Object Detection", ICCV 2017,
    /// multi-class form: loss_i = −w_{y_i} (1 − p_{i,y_i})^γ log p_{i,y_i}, with p = softmax(logits).
    /// <para>
    /// Variant pinned: the textbook form, where p_t is the unweighted softmax probability of the true class and
    /// the class weight multiplies the whole term. (The LDAM-DRW reference code computes p_t from the weighted
    /// cross-entropy instead; the two agree when no weights are given.) <see cref="nn.Reduction.Mean"/> is the plain
    /// mean over examples, as in that reference code. γ = 0 gives (weighted) cross-entropy.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="gamma">Focusing parameter γ ≥ 0.</param>
    /// <param name="weight">Optional per-class weights of shape [C].</param>
    /// <param name="reduction">None (per-example losses), Mean (over examples) or Sum.</param>
    public static Tensor FocalLoss(Tensor logits, Tensor targets, double gamma = 2.0, Tensor? weight = null,
        nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        Guard.NonNegative(gamma, nameof(gamma));
        Guard.ClassWeightTensor(weight, logits.shape[1]);
        return FocalLossUnchecked(logits, targets, gamma, weight, reduction);
    }

    internal static Tensor FocalLossUnchecked(Tensor logits, Tensor targets, double gamma, Tensor? weight, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var logPTrue = nn.functional.log_softmax(logits, 1).gather(1, targets.unsqueeze(1)).squeeze(1);   // [N]
        var modulating = gamma == 0 ? ones_like(logPTrue) : (1 - logPTrue.exp()).pow(gamma);
        var losses = -modulating * logPTrue;
        if (weight is not null) losses = losses * weight.index_select(0, targets);
        return Reduce(losses, reduction).MoveToOuterDisposeScope();
    }
}

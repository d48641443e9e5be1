using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Module form of <see cref="Functional.EasyLlpLoss(Tensor, Tensor, int, double, nn.Reduction)"/> (Busa-Fekete et al.,
/// NeurIPS 2023): input = one logit per instance [N] laid out bag after bag, target = the bags' label proportions [B].
/// </summary>
public sealed class EasyLlpLoss : Loss<Tensor, Tensor, Tensor>
{
    /// <param name="bagSize">Instances per bag k ≥ 1.</param>
    /// <param name="prior">Class prior p ∈ [0, 1].</param>
    /// <param name="reduction">None (per instance), Mean (over instances) or Sum.</param>
    public EasyLlpLoss(int bagSize, double prior, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        Guard.InRange(prior, 0, 1, nameof(prior));
        BagSize = bagSize;
        Prior = prior;
    }

    /// <summary>Instances per bag k.</summary>
    public int BagSize { get; }

    /// <summary>Class prior p.</summary>
    public double Prior { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Functional.CheckBagInputs(input, target, BagSize, nameof(input), nameof(target));
        using var scope = NewDisposeScope();
        return Functional.EasyLlpUnchecked(nn.functional.softplus(input.neg()), nn.functional.softplus(input), target, BagSize, Prior, reduction)
            .MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Module form of <see cref="Functional.AsymmetricLoss"/> (multi-label; input [N, L] logits, target [N, L] labels in [0, 1]).</summary>
public sealed class AsymmetricLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double gammaNegative, gammaPositive, clip;
    private readonly bool detachFocalWeight;

    /// <param name="gammaNegative">γ₋ ≥ 0 (timm default 4).</param>
    /// <param name="gammaPositive">γ₊ ≥ 0 (timm default 1).</param>
    /// <param name="clip">Probability margin m in [0, 1) (timm default 0.05).</param>
    /// <param name="detachFocalWeight">Compute the focusing weight without gradient.</param>
    /// <param name="reduction">None, Mean or Sum (timm's, the default).</param>
    public AsymmetricLoss(double gammaNegative = 4, double gammaPositive = 1, double clip = 0.05, bool detachFocalWeight = false,
        nn.Reduction reduction = nn.Reduction.Sum) : base(reduction)
    {
        Guard.NonNegative(gammaNegative, nameof(gammaNegative));
        Guard.NonNegative(gammaPositive, nameof(gammaPositive));
        Guard.InRange(clip, 0, 1, nameof(clip), highOpen: true);
        (this.gammaNegative, this.gammaPositive, this.clip, this.detachFocalWeight) = (gammaNegative, gammaPositive, clip, detachFocalWeight);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.MultiLabelLogitsAndTargets(input, target, nameof(input), nameof(target));
        return Functional.AsymmetricLossUnchecked(input, target, gammaNegative, gammaPositive, clip, detachFocalWeight, reduction);
    }
}

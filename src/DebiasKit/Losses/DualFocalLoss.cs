using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Module form of <see cref="Functional.DualFocalLoss"/>.</summary>
public sealed class DualFocalLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double gamma;

    /// <param name="gamma">Focusing parameter γ ≥ 0.</param>
    /// <param name="reduction">None, Mean (over examples) or Sum.</param>
    public DualFocalLoss(double gamma = 5.0, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        Guard.NonNegative(gamma, nameof(gamma));
        this.gamma = gamma;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        return Functional.DualFocalLossUnchecked(input, target, gamma, reduction);
    }
}

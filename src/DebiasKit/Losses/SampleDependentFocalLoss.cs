using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Module form of <see cref="Functional.SampleDependentFocalLoss"/> (FLSD; FLSD-53 by default).</summary>
public sealed class SampleDependentFocalLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double threshold, gammaLow, gammaHigh;

    /// <param name="threshold">True-class probability below which <paramref name="gammaLow"/> applies, in [0, 1].</param>
    /// <param name="gammaLow">γ ≥ 0 below the threshold.</param>
    /// <param name="gammaHigh">γ ≥ 0 at or above it.</param>
    /// <param name="reduction">None, Mean (over examples) or Sum.</param>
    public SampleDependentFocalLoss(double threshold = 0.2, double gammaLow = 5.0, double gammaHigh = 3.0,
        nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        Guard.InRange(threshold, 0, 1, nameof(threshold));
        Guard.NonNegative(gammaLow, nameof(gammaLow));
        Guard.NonNegative(gammaHigh, nameof(gammaHigh));
        (this.threshold, this.gammaLow, this.gammaHigh) = (threshold, gammaLow, gammaHigh);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target) =>
        Functional.SampleDependentFocalLoss(input, target, threshold, gammaLow, gammaHigh, reduction);
}

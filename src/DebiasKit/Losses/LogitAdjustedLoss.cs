using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Module form of <see cref="Functional.LogitAdjustedCrossEntropy"/> (Menon et al., ICLR 2021): the offsets τ·log π
/// are computed once from the prior.
/// </summary>
public sealed class LogitAdjustedLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double[] scaledLogPrior;
    private readonly Tensor? weight;

    /// <param name="prior">Class prior π (positive, summing to 1); see <see cref="Functional.ClassPrior"/>.</param>
    /// <param name="tau">τ ≥ 0 (paper default 1).</param>
    /// <param name="weight">Optional per-class weights of shape [C]; the module keeps its own reference.</param>
    /// <param name="reduction">None, Mean (weighted mean) or Sum.</param>
    public LogitAdjustedLoss(IReadOnlyList<double> prior, double tau = 1.0, Tensor? weight = null,
        nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        Functional.CheckPrior(prior, nameof(prior));
        Guard.NonNegative(tau, nameof(tau));
        Guard.ClassWeightTensor(weight, prior.Count);
        scaledLogPrior = Functional.ScaledLogPrior(prior, tau);
        this.weight = weight?.alias().DetachFromDisposeScope();
    }

    /// <summary>The per-class offsets τ·log π_j added to the logits.</summary>
    public IReadOnlyList<double> Offsets => scaledLogPrior;

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        if (input.shape[1] != scaledLogPrior.Length)
            throw new ArgumentException($"{nameof(input)} has {input.shape[1]} classes but the loss was built for {scaledLogPrior.Length}.", nameof(input));
        return Functional.LogitAdjustedCrossEntropyUnchecked(input, target, scaledLogPrior, weight, reduction);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) weight?.Dispose();
        base.Dispose(disposing);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Module form of <see cref="Functional.VectorScalingLoss"/>: the per-class factors are computed once from the class counts.</summary>
public sealed class VectorScalingLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double[] multiplicative, additive;
    private readonly Tensor? weight;

    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="gamma">γ ≥ 0.</param>
    /// <param name="tau">τ ≥ 0.</param>
    /// <param name="weight">Optional per-class weights [C]; the module keeps its own reference.</param>
    /// <param name="reduction">None, Mean (weighted mean) or Sum.</param>
    public VectorScalingLoss(IReadOnlyList<long> classCounts, double gamma = 0.3, double tau = 1.0, Tensor? weight = null,
        nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        (multiplicative, additive) = Functional.VectorScalingFactors(classCounts, gamma, tau);
        Guard.ClassWeightTensor(weight, classCounts.Count);
        this.weight = weight?.alias().DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        if (input.shape[1] != multiplicative.Length)
            throw new ArgumentException($"{nameof(input)} has {input.shape[1]} classes but the loss was built for {multiplicative.Length}.", nameof(input));
        return Functional.VectorScalingLossUnchecked(input, target, multiplicative, additive, weight, reduction);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) weight?.Dispose();
        base.Dispose(disposing);
    }
}

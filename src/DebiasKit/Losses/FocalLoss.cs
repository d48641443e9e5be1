using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Module form of <see cref="Functional.FocalLoss"/>.</summary>
public sealed class FocalLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double gamma;
    private readonly Tensor? weight;

    /// <param name="gamma">Focusing parameter γ ≥ 0.</param>
    /// <param name="weight">Optional per-class weights; the module keeps its own reference.</param>
    /// <param name="reduction">None, Mean (over examples) or Sum.</param>
    public FocalLoss(double gamma = 2.0, Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        Guard.NonNegative(gamma, nameof(gamma));
        if (weight is not null && weight.dim() != 1)
            throw new ArgumentException($"{nameof(weight)} must be a vector of per-class weights; got [{string.Join(", ", weight.shape)}].", nameof(weight));
        this.gamma = gamma;
        this.weight = weight?.alias().DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        Guard.ClassWeightTensor(weight, input.shape[1]);
        return Functional.FocalLossUnchecked(input, target, gamma, weight, reduction);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) weight?.Dispose();
        base.Dispose(disposing);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Module form of <see cref="Functional.LdamLoss"/>: the margins are computed once from the class counts.
/// </summary>
public sealed class LdamLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly double[] margins;
    private readonly double scale;
    private readonly Tensor? weight;

    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="maxMargin">Margin of the rarest class (reference default 0.5).</param>
    /// <param name="scale">Logit scale s (reference default 30).</param>
    /// <param name="weight">Optional per-class weights of shape [C]; the module keeps its own reference.</param>
    /// <param name="reduction">None, Mean (weighted mean) or Sum.</param>
    public LdamLoss(IReadOnlyList<long> classCounts, double maxMargin = 0.5, double scale = 30.0,
        Tensor? weight = null, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        margins = Functional.LdamMargins(classCounts, maxMargin);
        Guard.Positive(scale, nameof(scale));
        Guard.ClassWeightTensor(weight, classCounts.Count);
        this.scale = scale;
        this.weight = weight?.alias().DetachFromDisposeScope();
    }

    /// <summary>The per-class margins Δ_j.</summary>
    public IReadOnlyList<double> Margins => margins;

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        if (input.shape[1] != margins.Length)
            throw new ArgumentException($"{nameof(input)} has {input.shape[1]} classes but the loss was built for {margins.Length}.", nameof(input));
        return Functional.LdamLossUnchecked(input, target, margins, scale, weight, reduction);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) weight?.Dispose();
        base.Dispose(disposing);
    }
}

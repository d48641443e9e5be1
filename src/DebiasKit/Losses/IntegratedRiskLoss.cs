using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Module form of <c>Functional.IntegratedRiskLoss</c>
/// (Li and Zhang, arXiv:2303.06075) for one particle: the utility matrix, α, weights and margins are fixed at construction.
/// </summary>
public sealed class IntegratedRiskLoss : Loss<Tensor, Tensor, Tensor>
{
    private readonly Tensor utility;
    private readonly double alpha;
    private readonly Tensor? weight;
    private readonly double[]? targetMargins;

    /// <param name="utility">The utility matrix U of shape [C, C] (see <see cref="UtilityMatrix"/>); the module keeps its own reference.</param>
    /// <param name="alpha">α &gt; 0 (the utility term is scaled by 1/α).</param>
    /// <param name="weight">Optional per-class weights of shape [C]; the module keeps its own reference.</param>
    /// <param name="targetMargins">Optional per-class margins subtracted from the true-class logit.</param>
    /// <param name="reduction">None, Mean or Sum, as in the functional.</param>
    public IntegratedRiskLoss(Tensor utility, double alpha, Tensor? weight = null, IReadOnlyList<double>? targetMargins = null,
        nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        Guard.NotNull(utility, nameof(utility));
        if (utility.dim() != 2 || utility.shape[0] != utility.shape[1])
            throw new ArgumentException($"{nameof(utility)} must be a square [C, C] matrix; got [{string.Join(", ", utility.shape)}].", nameof(utility));
        long classes = utility.shape[0];
        using (var probe = zeros(1, classes))
        using (var probeTargets = zeros(1, dtype: ScalarType.Int64))
        using (Functional.IntegratedRiskLoss(probe, probeTargets, utility, alpha, weight, targetMargins)) { }   // one set of checks
        this.alpha = alpha;
        this.utility = utility.alias().DetachFromDisposeScope();
        this.weight = weight?.alias().DetachFromDisposeScope();
        this.targetMargins = targetMargins?.ToArray();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Guard.LogitsAndTargets(input, target, nameof(input), nameof(target));
        if (input.shape[1] != utility.shape[0])
            throw new ArgumentException($"{nameof(input)} has {input.shape[1]} classes but the loss was built for {utility.shape[0]}.", nameof(input));
        return Functional.IntegratedRiskLossUnchecked(input, target, utility, alpha, weight, targetMargins, reduction);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            utility.Dispose();
            weight?.Dispose();
        }
        base.Dispose(disposing);
    }
}

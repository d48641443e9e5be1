using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>MAC and the score of every (target, attribute set) pair, in target-major order (for a paired test before/after).</summary>
public sealed record MacResult(double Mac, IReadOnlyList<double> Scores);

/// <summary>
/// Mean average cosine distance, MAC (Manzini et al., 2019): for every target word t and every attribute set A_j,
/// S(t, A_j) = mean_{a∈A_j} (1 − cos(t, a)); MAC is the mean of S over all (t, A_j). Higher means the targets sit further
/// from the stereotype attributes (1 = orthogonal on average). Variant pinned: cosine distance 1 − cos, as in the
/// reference code's <c>multiclass_evaluation</c> (scipy's <c>spatial.distance.cosine</c>).
/// </summary>
public static class MeanAverageCosine
{
    /// <summary>MAC of the rows of <paramref name="targets"/> ([n, d]) against <paramref name="attributeSets"/> (each [m_j, d]).</summary>
    public static MacResult Compute(Tensor targets, IReadOnlyList<Tensor> attributeSets)
    {
        VectorChecks.Rows(targets, nameof(targets), minRows: 1);
        Guard.NotNull(attributeSets, nameof(attributeSets));
        if (attributeSets.Count == 0) throw new ArgumentException("attributeSets must hold at least one attribute set.", nameof(attributeSets));
        for (int j = 0; j < attributeSets.Count; j++) VectorChecks.Rows(attributeSets[j], $"{nameof(attributeSets)}[{j}]", targets.shape[1], minRows: 1);
        using var scope = NewDisposeScope();
        var t = VectorChecks.UnitRows(targets);
        var columns = attributeSets.Select(a => 1 - t.matmul(VectorChecks.UnitRows(a).T).mean([1])).ToArray();
        var scores = stack(columns, 1).cpu().data<double>().ToArray(); // [n, sets], target-major
        return new MacResult(scores.Average(), scores);
    }
}

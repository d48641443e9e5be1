using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>
/// The multi-label summary of a scored test set: average precision per label and their mean (mAP, through
/// <see cref="MultiLabelMetrics"/>), and the mean predicted probability of the positive and of the negative entries,
/// the "probability balance" Asymmetric Loss (Ridnik et al., ICCV 2021) is designed to move (it raises the
/// probabilities of positives, which binary cross-entropy keeps low when negatives dominate).
/// </summary>
/// <param name="MeanAveragePrecision">Mean of <paramref name="PerLabelAveragePrecision"/> over the labels with at least one positive.</param>
/// <param name="PerLabelAveragePrecision">AP of each label (column); NaN for a label without positives.</param>
/// <param name="MeanPositiveProbability">Mean score over the entries whose target is 1.</param>
/// <param name="MeanNegativeProbability">Mean score over the entries whose target is 0.</param>
public sealed record MultiLabelEvaluation(double MeanAveragePrecision, double[] PerLabelAveragePrecision,
    double MeanPositiveProbability, double MeanNegativeProbability)
{
    /// <summary>Evaluates probabilities <paramref name="scores"/> [N, L] against 0/1 <paramref name="targets"/> [N, L].</summary>
    /// <param name="scores">Per-label probabilities (or any finite scores; the mean probabilities then average scores).</param>
    /// <param name="targets">Label sets; an entry counts as positive when it is above 0.5.</param>
    public static MultiLabelEvaluation Of(Tensor scores, Tensor targets)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(targets, nameof(targets));
        if (scores.dim() != 2)
            throw new ArgumentException($"scores must have shape [N, L]; got [{string.Join(", ", scores.shape)}].", nameof(scores));
        if (!targets.shape.SequenceEqual(scores.shape))
            throw new ArgumentException($"targets must have the shape of scores [{string.Join(", ", scores.shape)}]; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        int n = (int)scores.shape[0], labels = (int)scores.shape[1];
        if (n == 0) throw new ArgumentException("scores must hold at least one example.", nameof(scores));
        double[] s, t;
        using (var scope = NewDisposeScope())
        {
            s = scores.to(float64).cpu().contiguous().data<double>().ToArray();
            t = targets.to(float64).cpu().contiguous().data<double>().ToArray();
        }
        var grid = new double[n, labels];
        var truth = new bool[n, labels];
        double positiveSum = 0, negativeSum = 0;
        long positives = 0, negatives = 0;
        for (int j = 0; j < labels; j++)   // label by label, the order the sums have always been taken in
            for (int i = 0; i < n; i++)
            {
                grid[i, j] = s[(long)i * labels + j];
                truth[i, j] = t[(long)i * labels + j] > 0.5;
                if (truth[i, j]) { positiveSum += grid[i, j]; positives++; }
                else { negativeSum += grid[i, j]; negatives++; }
            }
        var perLabel = MultiLabelMetrics.PerLabelAveragePrecision(grid, truth);
        var used = perLabel.Where(ap => !double.IsNaN(ap)).ToArray();
        if (used.Length == 0) throw new ArgumentException("targets must mark at least one positive for some label.", nameof(targets));
        return new MultiLabelEvaluation(used.Average(), perLabel,
            positives > 0 ? positiveSum / positives : double.NaN, negatives > 0 ? negativeSum / negatives : double.NaN);
    }
}

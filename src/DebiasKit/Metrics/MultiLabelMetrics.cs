namespace DebiasKit.Metrics;

/// <summary>Ranking metrics of multi-label classification (each example may carry several labels).</summary>
public static class MultiLabelMetrics
{
    /// <summary>
    /// Average precision of one label: AP = Σ_k (R_k − R_{k−1}) · P_k over the distinct score thresholds in decreasing
    /// order, P_k and R_k being precision and recall when every example scoring at least the k-th threshold is called
    /// positive. Without ties this is the mean, over the positives, of the precision at each positive's rank.
    /// Variant: scikit-learn's <c>average_precision_score</c> (no interpolation; tied scores enter together).
    /// </summary>
    /// <param name="scores">Score of each example for the label (higher = more likely positive); finite.</param>
    /// <param name="positive">Whether each example carries the label; at least one must.</param>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(positive, nameof(positive));
        if (scores.Count != positive.Count)
            throw new ArgumentException($"scores has {scores.Count} values but positive has {positive.Count}.", nameof(scores));
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"scores[{i}] is {scores[i]}; scores must be finite.", nameof(scores));
        long positives = positive.Count(p => p);
        if (positives == 0) throw new ArgumentException("positive must mark at least one example: average precision is undefined without positives.", nameof(positive));
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        long called = 0, hits = 0;
        for (int k = 0; k < order.Length;)
        {
            double threshold = scores[order[k]];
            for (; k < order.Length && scores[order[k]] == threshold; k++)
            {
                called++;
                if (positive[order[k]]) hits++;
            }
            double recall = (double)hits / positives;
            ap += (recall - previousRecall) * hits / called;
            previousRecall = recall;
        }
        return ap;
    }

    /// <summary>
    /// Mean average precision: the mean of <see cref="AveragePrecision"/> over the labels (columns) that have at least
    /// one positive example (the convention of multi-label benchmarks such as MS-COCO; labels without positives are skipped).
    /// </summary>
    /// <param name="scores">Scores, [examples, labels].</param>
    /// <param name="targets">Label sets, [examples, labels]: true where the example carries the label.</param>
    public static double MeanAveragePrecision(double[,] scores, bool[,] targets)
    {
        var perLabel = PerLabelAveragePrecision(scores, targets).Where(ap => !double.IsNaN(ap)).ToArray();
        if (perLabel.Length == 0) throw new ArgumentException("targets must mark at least one positive for some label.", nameof(targets));
        return perLabel.Average();
    }

    /// <summary>
    /// <see cref="AveragePrecision"/> of every label (column), NaN for a label without positive examples (which
    /// <see cref="MeanAveragePrecision"/> skips).
    /// </summary>
    /// <param name="scores">Scores, [examples, labels].</param>
    /// <param name="targets">Label sets, [examples, labels]: true where the example carries the label.</param>
    public static double[] PerLabelAveragePrecision(double[,] scores, bool[,] targets)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(targets, nameof(targets));
        int n = scores.GetLength(0), labels = scores.GetLength(1);
        if (targets.GetLength(0) != n || targets.GetLength(1) != labels)
            throw new ArgumentException($"targets must have the shape of scores [{n}, {labels}]; it has [{targets.GetLength(0)}, {targets.GetLength(1)}].", nameof(targets));
        var perLabel = new double[labels];
        for (int j = 0; j < labels; j++)
        {
            var column = new double[n];
            var truth = new bool[n];
            for (int i = 0; i < n; i++) { column[i] = scores[i, j]; truth[i] = targets[i, j]; }
            perLabel[j] = truth.Any(t => t) ? AveragePrecision(column, truth) : double.NaN;
        }
        return perLabel;
    }
}

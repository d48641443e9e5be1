namespace DebiasKit.Metrics;

/// <summary>Metrics of a binary classifier's scores.</summary>
public static class BinaryMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random negative, ties counted
    /// one half (the Mann–Whitney U statistic over n₊·n₋, computed from mid-ranks in O(n log n)).
    /// </summary>
    /// <param name="scores">One finite score per example; higher means "more likely 1".</param>
    /// <param name="labels">One 0/1 label per example, both classes present.</param>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<long> labels)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(labels, nameof(labels));
        if (scores.Count != labels.Count)
            throw new ArgumentException($"{nameof(scores)} has {scores.Count} values but {nameof(labels)} has {labels.Count}.", nameof(labels));
        Guard.Finite(scores, nameof(scores));
        long positives = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"{nameof(labels)} must be 0 or 1; element {i} is {labels[i]}.");
            positives += labels[i];
        }
        long negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"{nameof(labels)} must contain both classes; got {positives} positives and {negatives} negatives.", nameof(labels));

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double midRank = (start + end) / 2.0 + 1;                 // ranks are 1-based
            for (int j = start; j <= end; j++) positiveRankSum += labels[order[j]] * midRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}

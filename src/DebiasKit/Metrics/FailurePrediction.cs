namespace DebiasKit.Metrics;

/// <summary>
/// Metrics of an uncertainty estimator as a detector of a classifier's mistakes (failure prediction) and of
/// out-of-distribution inputs, in the conventions of ConfidNet (Corbière et al., NeurIPS 2019) and BTCP ("Identifying
/// Incorrect Classifications with Balanced Uncertainty"): each test example has a confidence score (higher = more
/// likely correct; an uncertainty u is the confidence −u) and a flag saying whether the classifier got it right.
/// </summary>
public static class FailurePrediction
{
    /// <summary>
    /// Area under the ROC curve of the confidence as a score for "correct" (equivalently, of the uncertainty as a score
    /// for "error": the AUROC is symmetric in the swap). 0.5 is chance, 1 separates every error from every success.
    /// BTCP's <c>eval.py</c> computes this with sklearn's <c>roc_auc_score(y_score = confidence, y_true = correct)</c>.
    /// </summary>
    /// <param name="confidence">One finite confidence per example.</param>
    /// <param name="correct">Whether the classifier's prediction for each example is right; both outcomes present.</param>
    public static double Auroc(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        Check(confidence, correct);
        return BinaryMetrics.RocAuc(confidence, correct.Select(c => c ? 1L : 0L).ToArray());
    }

    /// <summary>
    /// AUPR-Error: average precision of the errors when examples are ranked by decreasing uncertainty (−confidence),
    /// errors as positives (ConfidNet's headline metric; its chance level is the error rate). Average precision is
    /// scikit-learn's <c>average_precision_score</c> (<see cref="MultiLabelMetrics.AveragePrecision"/>).
    /// </summary>
    /// <param name="confidence">One finite confidence per example.</param>
    /// <param name="correct">Whether each prediction is right; at least one must be wrong.</param>
    public static double AuprError(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        Check(confidence, correct);
        if (correct.All(c => c)) throw new ArgumentException("correct must contain at least one error: AUPR-Error is undefined without errors.", nameof(correct));
        return MultiLabelMetrics.AveragePrecision(confidence.Select(c => -c).ToArray(), correct.Select(c => !c).ToArray());
    }

    /// <summary>AUPR-Success: average precision of the correct predictions ranked by decreasing confidence.</summary>
    /// <param name="confidence">One finite confidence per example.</param>
    /// <param name="correct">Whether each prediction is right; at least one must be right.</param>
    public static double AuprSuccess(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        Check(confidence, correct);
        if (!correct.Any(c => c)) throw new ArgumentException("correct must contain at least one success: AUPR-Success is undefined without one.", nameof(correct));
        return MultiLabelMetrics.AveragePrecision(confidence, correct);
    }

    /// <summary>
    /// FPR at a given TPR (95 % by convention): accept every example whose confidence is at least t, with t the largest
    /// threshold that accepts a share ≥ <paramref name="truePositiveRate"/> of the correct predictions; the result is
    /// the share of the errors that are accepted too. Variant pinned: the first point of the (untied, exact) ROC curve
    /// whose TPR reaches the target, as <c>fpr[searchsorted(tpr, 0.95)]</c> on sklearn's <c>roc_curve</c> with
    /// <c>drop_intermediate = False</c>; ConfidNet searches a grid of 10⁴ thresholds for a TPR within ±0.0005 of 95 %
    /// instead, which differs only at that resolution. Lower is better.
    /// </summary>
    /// <param name="confidence">One finite confidence per example.</param>
    /// <param name="correct">Whether each prediction is right; both outcomes present.</param>
    /// <param name="truePositiveRate">The TPR to reach, in (0, 1].</param>
    public static double FprAtTpr(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, double truePositiveRate = 0.95)
    {
        Check(confidence, correct);
        Guard.InRange(truePositiveRate, 0, 1, nameof(truePositiveRate), lowOpen: true);
        long positives = correct.Count(c => c), negatives = correct.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"correct must contain both outcomes; got {positives} correct and {negatives} wrong.", nameof(correct));
        var order = Enumerable.Range(0, confidence.Count).OrderByDescending(i => confidence[i]).ToArray();
        long truePositives = 0, falsePositives = 0;
        for (int k = 0; k < order.Length;)
        {
            double threshold = confidence[order[k]];
            for (; k < order.Length && confidence[order[k]] == threshold; k++)
            {
                if (correct[order[k]]) truePositives++;
                else falsePositives++;
            }
            // Compare counts, not rates, so that 0.95 · positives is not lost to rounding.
            if (truePositives >= truePositiveRate * positives - 1e-9) return (double)falsePositives / negatives;
        }
        return 1.0;   // unreachable: at the lowest threshold every example is accepted and TPR = 1
    }

    /// <summary>
    /// Out-of-distribution detection AUROC: in-distribution examples are the positives, scored by their confidence;
    /// out-of-distribution examples the negatives (BTCP's conf files pair Fashion-MNIST with MNIST as the OOD set).
    /// </summary>
    /// <param name="inDistribution">Confidences on in-distribution inputs (non-empty, finite).</param>
    /// <param name="outOfDistribution">Confidences on out-of-distribution inputs (non-empty, finite).</param>
    public static double OutOfDistributionAuroc(IReadOnlyList<double> inDistribution, IReadOnlyList<double> outOfDistribution)
    {
        Guard.NotNull(inDistribution, nameof(inDistribution));
        Guard.NotNull(outOfDistribution, nameof(outOfDistribution));
        if (inDistribution.Count == 0) throw new ArgumentException("inDistribution must hold at least one confidence.", nameof(inDistribution));
        if (outOfDistribution.Count == 0) throw new ArgumentException("outOfDistribution must hold at least one confidence.", nameof(outOfDistribution));
        Guard.Finite(inDistribution, nameof(inDistribution));
        Guard.Finite(outOfDistribution, nameof(outOfDistribution));
        var scores = inDistribution.Concat(outOfDistribution).ToArray();
        var labels = Enumerable.Repeat(1L, inDistribution.Count).Concat(Enumerable.Repeat(0L, outOfDistribution.Count)).ToArray();
        return BinaryMetrics.RocAuc(scores, labels);
    }

    private static void Check(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        Guard.NotNull(confidence, nameof(confidence));
        Guard.NotNull(correct, nameof(correct));
        if (confidence.Count != correct.Count)
            throw new ArgumentException($"confidence has {confidence.Count} values but correct has {correct.Count}.", nameof(correct));
        if (confidence.Count == 0) throw new ArgumentException("confidence must hold at least one example.", nameof(confidence));
        Guard.Finite(confidence, nameof(confidence));
    }
}

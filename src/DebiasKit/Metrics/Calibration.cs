namespace DebiasKit.Metrics;

/// <summary>One bin of a reliability diagram: its confidence range, how many predictions fell in it, their mean
/// confidence and their accuracy (both NaN for an empty bin).</summary>
public sealed record ReliabilityBin(double Lower, double Upper, long Count, double MeanConfidence, double Accuracy)
{
    /// <summary>|accuracy − mean confidence| (NaN for an empty bin).</summary>
    public double Gap => Math.Abs(Accuracy - MeanConfidence);
}

/// <summary>Calibration metrics of a classifier's confidence.</summary>
public static class Calibration
{
    /// <summary>
    /// Expected calibration error, top-label, with equal-width bins (Guo, Pleiss, Sun and Weinberger, "On Calibration
    /// of Modern Neural Networks", ICML 2017): ECE = Σ_b (|B_b| / n) · |acc(B_b) − conf(B_b)|, where example i falls in
    /// bin b when its confidence lies in ((b−1)/B, b/B] (confidence 0 goes to the first bin).
    /// </summary>
    /// <param name="confidences">Confidence of each prediction (the top-class probability), in [0, 1].</param>
    /// <param name="correct">Whether each prediction was right.</param>
    /// <param name="bins">Number of equal-width bins (15 by convention).</param>
    public static double ExpectedCalibrationError(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15) =>
        WeightedGap(ReliabilityBins(confidences, correct, bins), confidences.Count);

    /// <summary>
    /// Maximum calibration error (Guo et al. 2017): the largest |acc(B_b) − conf(B_b)| over the non-empty equal-width
    /// bins of <see cref="ExpectedCalibrationError"/>.
    /// </summary>
    public static double MaximumCalibrationError(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15) =>
        ReliabilityBins(confidences, correct, bins).Where(b => b.Count > 0).Max(b => b.Gap);

    /// <summary>
    /// Adaptive (equal-mass) expected calibration error: ECE over bins that each hold the same number of predictions
    /// (sizes differ by at most one), so that sparse high- or low-confidence ranges are not averaged away
    /// (Nguyen and O'Connor 2015; Mukhoti et al., "Calibrating Deep Neural Networks using Focal Loss", NeurIPS 2020).
    /// <para>
    /// Variant: predictions are sorted by confidence and cut into <paramref name="bins"/> consecutive groups
    /// (numpy's <c>array_split</c> sizes: the first n mod B groups one larger). Mukhoti et al.'s code instead
    /// interpolates bin edges and bins by (lower, upper], which leaves the single lowest confidence out; the two
    /// agree when confidences are distinct and n is large.
    /// </para>
    /// </summary>
    public static double AdaptiveCalibrationError(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15) =>
        WeightedGap(EqualMassBins(confidences, correct, bins), confidences.Count);

    /// <summary>
    /// The equal-width bins of a reliability diagram, ((b−1)/B, b/B] (confidence 0 in the first bin), with each bin's
    /// count, mean confidence and accuracy; <see cref="Reporting.Charts.Reliability"/> draws them.
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15)
    {
        Validate(confidences, correct, bins);
        var count = new long[bins];
        var confidenceSum = new double[bins];
        var correctSum = new double[bins];
        for (int i = 0; i < confidences.Count; i++)
        {
            int bin = Math.Clamp((int)Math.Ceiling(confidences[i] * bins) - 1, 0, bins - 1);
            count[bin]++;
            confidenceSum[bin] += confidences[i];
            if (correct[i]) correctSum[bin]++;
        }
        return Enumerable.Range(0, bins).Select(b => new ReliabilityBin((double)b / bins, (b + 1.0) / bins, count[b],
            count[b] > 0 ? confidenceSum[b] / count[b] : double.NaN, count[b] > 0 ? correctSum[b] / count[b] : double.NaN)).ToArray();
    }

    /// <summary>The equal-mass bins of <see cref="AdaptiveCalibrationError"/>: Lower and Upper are the smallest and largest confidence in the bin.</summary>
    public static IReadOnlyList<ReliabilityBin> EqualMassBins(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15)
    {
        Validate(confidences, correct, bins);
        int n = confidences.Count;
        if (bins > n) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins must not exceed the number of predictions ({n}) for equal-mass binning.");
        var order = Enumerable.Range(0, n).OrderBy(i => confidences[i]).ThenBy(i => i).ToArray();
        var result = new ReliabilityBin[bins];
        int start = 0;
        for (int b = 0; b < bins; b++)
        {
            int size = n / bins + (b < n % bins ? 1 : 0);
            double confidenceSum = 0, correctSum = 0;
            for (int k = start; k < start + size; k++)
            {
                confidenceSum += confidences[order[k]];
                if (correct[order[k]]) correctSum++;
            }
            result[b] = new ReliabilityBin(confidences[order[start]], confidences[order[start + size - 1]], size, confidenceSum / size, correctSum / size);
            start += size;
        }
        return result;
    }

    private static double WeightedGap(IReadOnlyList<ReliabilityBin> bins, int n) =>
        bins.Where(b => b.Count > 0).Sum(b => b.Count * b.Gap) / n;

    private static void Validate(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins)
    {
        Guard.NotNull(confidences, nameof(confidences));
        Guard.NotNull(correct, nameof(correct));
        if (confidences.Count != correct.Count)
            throw new ArgumentException($"confidences has {confidences.Count} values but correct has {correct.Count}.", nameof(confidences));
        if (confidences.Count == 0) throw new ArgumentException("confidences must hold at least one value.", nameof(confidences));
        Guard.Positive(bins, nameof(bins));
        for (int i = 0; i < confidences.Count; i++)
        {
            double p = confidences[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(confidences), p, $"confidences[{i}] is {p}; confidences must lie in [0, 1].");
        }
    }
}

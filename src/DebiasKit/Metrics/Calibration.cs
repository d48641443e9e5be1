namespace DebiasKit.Metrics;

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
    public static double ExpectedCalibrationError(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15)
    {
        Guard.NotNull(confidences, nameof(confidences));
        Guard.NotNull(correct, nameof(correct));
        if (confidences.Count != correct.Count)
            throw new ArgumentException($"confidences has {confidences.Count} values but correct has {correct.Count}.", nameof(confidences));
        if (confidences.Count == 0) throw new ArgumentException("confidences must hold at least one value.", nameof(confidences));
        Guard.Positive(bins, nameof(bins));
        var count = new long[bins];
        var confidenceSum = new double[bins];
        var correctSum = new double[bins];
        for (int i = 0; i < confidences.Count; i++)
        {
            double p = confidences[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(confidences), p, $"confidences[{i}] is {p}; confidences must lie in [0, 1].");
            int bin = Math.Clamp((int)Math.Ceiling(p * bins) - 1, 0, bins - 1);
            count[bin]++;
            confidenceSum[bin] += p;
            if (correct[i]) correctSum[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++)
            if (count[b] > 0) ece += Math.Abs(correctSum[b] - confidenceSum[b]) / confidences.Count;
        return ece;
    }
}

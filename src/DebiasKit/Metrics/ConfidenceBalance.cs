namespace DebiasKit.Metrics;

/// <summary>
/// The expected calibration error split by direction: the part from over-confident bins (mean confidence above
/// accuracy) and the part from under-confident bins. <c>OverConfidence + UnderConfidence</c> equals
/// <see cref="Calibration.ExpectedCalibrationError"/> on the same bins.
/// </summary>
/// <param name="OverConfidence">Σ_b (|B_b| / n) · max(conf(B_b) − acc(B_b), 0).</param>
/// <param name="UnderConfidence">Σ_b (|B_b| / n) · max(acc(B_b) − conf(B_b), 0).</param>
public sealed record ConfidenceBalance(double OverConfidence, double UnderConfidence)
{
    /// <summary>The ECE: over- plus under-confidence.</summary>
    public double Total => OverConfidence + UnderConfidence;

    /// <summary>
    /// Splits the top-label ECE of <paramref name="confidences"/> over <paramref name="bins"/> equal-width bins (the bins of
    /// <see cref="Calibration.ReliabilityBins"/>) into its over- and under-confident parts. Focal-type losses aim to
    /// remove the first; the dual focal loss paper (Tao, Dong and Xu, ICML 2023) argues that focal loss trades it for the
    /// second, which this split makes visible.
    /// </summary>
    /// <param name="confidences">Confidence of each prediction (the top-class probability), in [0, 1].</param>
    /// <param name="correct">Whether each prediction was right.</param>
    /// <param name="bins">Number of equal-width bins (15 by convention).</param>
    public static ConfidenceBalance Of(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = 15)
    {
        var reliability = Calibration.ReliabilityBins(confidences, correct, bins);   // validates the arguments
        double over = 0, under = 0, n = confidences.Count;
        foreach (var bin in reliability.Where(b => b.Count > 0))
        {
            double signed = bin.MeanConfidence - bin.Accuracy;
            if (signed > 0) over += bin.Count / n * signed;
            else under += bin.Count / n * -signed;
        }
        return new ConfidenceBalance(over, under);
    }
}

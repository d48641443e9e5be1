using DebiasKit.Metrics;
using DebiasKit.Reporting;
using Xunit;

namespace DebiasKit.Tests.Metrics;

/// <summary>MCE, adaptive (equal-mass) ECE and the reliability bins, against hand-computed values.</summary>
public class CalibrationBinsTests
{
    private static readonly double[] Confidences = [0.9, 0.8, 0.6, 0.3];
    private static readonly bool[] Correct = [true, false, true, true];

    [Fact]
    public void Reliability_bins_hold_counts_confidences_and_accuracies()
    {
        // Two bins: (0, 0.5] holds 0.3 (right); (0.5, 1] holds 0.9, 0.8, 0.6 (2 of 3 right, mean confidence 2.3/3).
        var bins = Calibration.ReliabilityBins(Confidences, Correct, bins: 2);
        Assert.Equal(2, bins.Count);
        Assert.Equal((0.0, 0.5, 1L, 0.3, 1.0), (bins[0].Lower, bins[0].Upper, bins[0].Count, bins[0].MeanConfidence, bins[0].Accuracy));
        Assert.Equal(3, bins[1].Count);
        Assert.Equal(2.3 / 3, bins[1].MeanConfidence, 12);
        Assert.Equal(2.0 / 3, bins[1].Accuracy, 12);
        // An empty bin has NaN statistics and does not count.
        var four = Calibration.ReliabilityBins(Confidences, Correct, bins: 4);
        Assert.Equal(0, four[0].Count);
        Assert.True(double.IsNaN(four[0].Accuracy));
        Assert.Equal(Calibration.ExpectedCalibrationError(Confidences, Correct, 4),
            four.Where(b => b.Count > 0).Sum(b => b.Count * b.Gap) / 4, 12);
    }

    [Fact]
    public void Maximum_calibration_error_is_the_largest_bin_gap()
    {
        // Gaps: lower bin |1 − 0.3| = 0.7, upper bin |2/3 − 2.3/3| = 0.1.  MCE = 0.7.
        Assert.Equal(0.7, Calibration.MaximumCalibrationError(Confidences, Correct, bins: 2), 12);
        // One bin: the overall gap |3/4 − 2.6/4| = 0.1.
        Assert.Equal(0.1, Calibration.MaximumCalibrationError(Confidences, Correct, bins: 1), 12);
    }

    [Fact]
    public void Adaptive_ece_uses_equal_mass_bins()
    {
        // Sorted: 0.3 (right), 0.6 (right), 0.8 (wrong), 0.9 (right).  Two bins of two:
        // {0.3, 0.6}: |1 − 0.45| = 0.55; {0.8, 0.9}: |0.5 − 0.85| = 0.35.  ACE = (2·0.55 + 2·0.35)/4 = 0.45.
        Assert.Equal(0.45, Calibration.AdaptiveCalibrationError(Confidences, Correct, bins: 2), 12);
        // Five predictions in two bins: sizes 3 and 2 (array_split), bounds the smallest and largest confidence.
        var bins = Calibration.EqualMassBins([0.1, 0.5, 0.2, 0.4, 0.3], [true, true, false, false, true], bins: 2);
        Assert.Equal(new long[] { 3, 2 }, bins.Select(b => b.Count));
        Assert.Equal((0.1, 0.3), (bins[0].Lower, bins[0].Upper));
        Assert.Equal((0.4, 0.5), (bins[1].Lower, bins[1].Upper));
        Assert.Equal(2.0 / 3, bins[0].Accuracy, 12);
        // One bin per prediction: the mean of |correct − confidence|.
        // 0.3 right: 0.7; 0.6 right: 0.4; 0.8 wrong: 0.8; 0.9 right: 0.1.
        Assert.Equal((0.7 + 0.4 + 0.8 + 0.1) / 4, Calibration.AdaptiveCalibrationError(Confidences, Correct, bins: 4), 12);
    }

    [Fact]
    public void A_calibrated_predictor_has_small_adaptive_ece_and_an_overconfident_one_a_large_one()
    {
        var random = new Random(3);
        int n = 50_000;
        var confidences = Enumerable.Range(0, n).Select(_ => 0.5 + 0.5 * random.NextDouble()).ToArray();
        var calibrated = confidences.Select(p => random.NextDouble() < p).ToArray();
        Assert.True(Calibration.AdaptiveCalibrationError(confidences, calibrated) < 0.015);
        var overconfident = confidences.Select(p => random.NextDouble() < p - 0.2).ToArray();
        Assert.InRange(Calibration.AdaptiveCalibrationError(confidences, overconfident), 0.18, 0.22);
        Assert.InRange(Calibration.MaximumCalibrationError(confidences, overconfident), 0.18, 0.3);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>("bins", () => Calibration.EqualMassBins([0.5, 0.6], [true, false], bins: 3));
        Assert.Throws<ArgumentOutOfRangeException>("confidences", () => Calibration.MaximumCalibrationError([1.5], [true]));
        Assert.Throws<ArgumentException>("confidences", () => Calibration.AdaptiveCalibrationError([0.5], [true, false]));
        Assert.Throws<ArgumentException>("confidences", () => Calibration.ReliabilityBins([], []));
    }

    [Fact]
    public void Reliability_chart_draws_one_line_per_model_and_the_diagonal()
    {
        var bins = Calibration.ReliabilityBins(Confidences, Correct, bins: 4);
        var chart = Charts.Reliability("reliability", [("model", bins)]);
        var traces = Plotly.NET.GenericChart.getTraces(chart).ToArray();
        Assert.Equal(2, traces.Length);
        Assert.Throws<ArgumentException>("series", () => Charts.Reliability("empty", []));
    }
}

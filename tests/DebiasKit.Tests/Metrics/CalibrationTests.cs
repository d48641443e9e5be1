using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class CalibrationTests
{
    [Fact]
    public void Hand_computed_with_two_bins()
    {
        // Bins (0, 0.5] and (0.5, 1], n = 4.
        // Upper bin: 0.9, 0.8, 0.6 with 2 of 3 right: |2 − 2.3| / 4 = 0.075.
        // Lower bin: 0.3, right: |1 − 0.3| / 4 = 0.175.  ECE = 0.25.
        double ece = Calibration.ExpectedCalibrationError([0.9, 0.8, 0.6, 0.3], [true, false, true, true], bins: 2);
        Assert.Equal(0.25, ece, 12);
    }

    [Fact]
    public void Bins_are_closed_on_the_right()
    {
        // With two bins 0.5 belongs to (0, 0.5]: |1 − 0.5|/2 + |0 − 0.7|/2 = 0.6.
        // (Had it gone to the upper bin the answer would be |1 − 1.2|/2 = 0.1.)
        Assert.Equal(0.6, Calibration.ExpectedCalibrationError([0.5, 0.7], [true, false], bins: 2), 12);
    }

    [Fact]
    public void A_confidence_on_an_interior_bin_edge_goes_to_the_lower_bin()
    {
        // Ten bins: 0.3 lies in (0.2, 0.3] and 0.35 in (0.3, 0.4], as in the reference implementations that compare
        // against the bin edges (conf > lower and conf <= upper). ECE = |0 − 0.3|/2 + |1 − 0.35|/2 = 0.475.
        // (Both in one bin would give |1 − 0.65|/2 = 0.175.)
        Assert.Equal(0.475, Calibration.ExpectedCalibrationError([0.3, 0.35], [false, true], bins: 10), 12);
        // The same for every interior edge b/10 and for 15 bins (b/15).
        foreach (int bins in new[] { 10, 15 })
            for (int b = 1; b < bins; b++)
            {
                double edge = (double)b / bins, inside = edge + 0.5 / bins;
                double expected = Math.Abs(0 - edge) / 2 + Math.Abs(1 - inside) / 2;
                Assert.Equal(expected, Calibration.ExpectedCalibrationError([edge, inside], [false, true], bins), 12);
            }
    }

    [Fact]
    public void Confidence_zero_goes_to_the_first_bin_and_one_bin_is_the_overall_gap()
    {
        Assert.Equal(0.0, Calibration.ExpectedCalibrationError([0.0, 0.0], [false, false], bins: 5), 12);
        // With one bin ECE = |accuracy − mean confidence| = |2/3 − 0.6| = 1/15.
        Assert.Equal(1.0 / 15, Calibration.ExpectedCalibrationError([0.2, 0.7, 0.9], [true, false, true], bins: 1), 12);
    }

    private static double CalibratedEce(int n, int seed)
    {
        // Confidence ~ Uniform(0.5, 1), correct ~ Bernoulli(confidence): calibrated by construction.
        var random = new Random(seed);
        var confidences = new double[n];
        var correct = new bool[n];
        for (int i = 0; i < n; i++)
        {
            confidences[i] = 0.5 + 0.5 * random.NextDouble();
            correct[i] = random.NextDouble() < confidences[i];
        }
        return Calibration.ExpectedCalibrationError(confidences, correct);
    }

    [Fact]
    public void A_calibrated_predictor_has_an_ece_that_shrinks_with_n()
    {
        double small = CalibratedEce(1_000, seed: 1), large = CalibratedEce(100_000, seed: 2);
        Assert.True(large < small, $"ECE at n = 100000 ({large}) is not below ECE at n = 1000 ({small})");
        Assert.True(large < 0.01, $"ECE at n = 100000 is {large}");
    }

    [Fact]
    public void An_overconfident_predictor_has_a_large_ece()
    {
        // Always 0.95 sure, right half the time: ECE = 0.45.
        var confidences = Enumerable.Repeat(0.95, 100).ToArray();
        var correct = Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToArray();
        Assert.Equal(0.45, Calibration.ExpectedCalibrationError(confidences, correct), 12);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Equal("confidences", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([0.5], [true, false])).ParamName);
        Assert.Equal("confidences", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([], [])).ParamName);
        Assert.Equal("confidences", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([1.1], [true])).ParamName);
        Assert.Equal("confidences", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([-0.1], [true])).ParamName);
        Assert.Equal("confidences", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([double.NaN], [true])).ParamName);
        Assert.Equal("bins", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([0.5], [true], bins: 0)).ParamName);
        Assert.Equal("correct", Assert.ThrowsAny<ArgumentException>(() => Calibration.ExpectedCalibrationError([0.5], null!)).ParamName);
    }
}

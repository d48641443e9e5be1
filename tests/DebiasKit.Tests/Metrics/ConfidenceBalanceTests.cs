using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class ConfidenceBalanceTests
{
    [Fact]
    public void Hand_computed_with_two_bins()
    {
        // Bins (0, 0.5] and (0.5, 1], n = 4 (the ECE test's example).
        // Upper bin: confidences 0.9, 0.8, 0.6 (mean 2.3/3), 2 of 3 right: over-confident by (2.3 − 2)/4 = 0.075.
        // Lower bin: confidence 0.3, right: under-confident by (1 − 0.3)/4 = 0.175. Total 0.25 = the ECE.
        var split = ConfidenceBalance.Of([0.9, 0.8, 0.6, 0.3], [true, false, true, true], bins: 2);
        Assert.Equal(0.075, split.OverConfidence, 12);
        Assert.Equal(0.175, split.UnderConfidence, 12);
        Assert.Equal(0.25, split.Total, 12);
    }

    [Fact]
    public void Parts_add_up_to_the_ece_and_swap_when_correctness_is_mirrored()
    {
        var random = new Random(3);
        int n = 500;
        var confidences = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var correct = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6).ToArray();
        var split = ConfidenceBalance.Of(confidences, correct);
        Assert.Equal(Calibration.ExpectedCalibrationError(confidences, correct), split.Total, 12);
        Assert.True(split.OverConfidence > 0 && split.UnderConfidence > 0);

        // Always right: every bin has accuracy 1 ≥ confidence, so all of the ECE is under-confidence.
        var allRight = ConfidenceBalance.Of(confidences, Enumerable.Repeat(true, n).ToArray());
        Assert.Equal(0.0, allRight.OverConfidence, 12);
        Assert.Equal(1 - confidences.Average(), allRight.UnderConfidence, 12);
        // Always wrong: all of it is over-confidence, equal to the mean confidence.
        var allWrong = ConfidenceBalance.Of(confidences, Enumerable.Repeat(false, n).ToArray());
        Assert.Equal(confidences.Average(), allWrong.OverConfidence, 12);
        Assert.Equal(0.0, allWrong.UnderConfidence, 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>("confidences", () => ConfidenceBalance.Of([0.5, 0.6], [true]));
        Assert.Throws<ArgumentOutOfRangeException>("confidences", () => ConfidenceBalance.Of([1.5], [true]));
        Assert.Throws<ArgumentOutOfRangeException>("bins", () => ConfidenceBalance.Of([0.5], [true], bins: 0));
    }
}

using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

/// <summary>Negative flip rate and (mean) average precision against hand-computed values and a brute-force reference.</summary>
public class NegativeFlipsAndAveragePrecisionTests
{
    [Fact]
    public void Negative_flips_count_old_right_new_wrong_only()
    {
        long[] actual = [0, 1, 2, 0, 1, 2];
        long[] oldModel = [0, 1, 0, 0, 2, 2];   // right on 0, 1, 3, 5
        long[] newModel = [0, 2, 2, 1, 1, 2];   // wrong on 1, 3 (both old-right): 2 negative flips; 2 and 4 are positive flips
        Assert.Equal(2, NegativeFlips.Count(oldModel, newModel, actual));
        Assert.Equal(2.0 / 6, NegativeFlips.Rate(oldModel, newModel, actual), 12);
        Assert.Equal(0.0, NegativeFlips.Rate(actual, oldModel, actual) - 2.0 / 6, 12);   // from a perfect model: its errors
        Assert.Throws<ArgumentException>("newPredicted", () => NegativeFlips.Rate(oldModel, [0], actual));
        Assert.Throws<ArgumentException>("actual", () => NegativeFlips.Rate([], [], []));
    }

    [Fact]
    public void Average_precision_hand_computed()
    {
        // Ranked: +, −, +, −, + : precision at the positives 1, 2/3, 3/5 → AP = (1 + 2/3 + 3/5)/3.
        Assert.Equal((1 + 2.0 / 3 + 3.0 / 5) / 3,
            MultiLabelMetrics.AveragePrecision([0.9, 0.8, 0.7, 0.6, 0.5], [true, false, true, false, true]), 12);
        // A perfect ranking has AP 1.
        Assert.Equal(1.0, MultiLabelMetrics.AveragePrecision([0.2, 0.9, 0.1, 0.8], [false, true, false, true]), 12);
        // Ties enter together: all four scores equal, 2 positives → precision 1/2 at recall 1 → AP 0.5.
        Assert.Equal(0.5, MultiLabelMetrics.AveragePrecision([0.3, 0.3, 0.3, 0.3], [true, false, true, false]), 12);
        // A tie between a positive and a negative at the top: threshold 0.9 gives P = 1/2, R = 1/2; 0.1 gives P = 2/3, R = 1.
        Assert.Equal(0.5 * 0.5 + 0.5 * 2.0 / 3, MultiLabelMetrics.AveragePrecision([0.9, 0.9, 0.1], [true, false, true]), 12);
    }

    [Fact]
    public void Average_precision_without_ties_is_the_mean_precision_at_each_positive()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 30;
            var scores = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            var positive = Enumerable.Range(0, n).Select(i => i == 0 || random.NextDouble() < 0.3).ToArray();
            // Brute force: for each positive, the share of positives among the examples scoring at least as high.
            double expected = Enumerable.Range(0, n).Where(i => positive[i]).Average(i =>
            {
                var above = Enumerable.Range(0, n).Where(j => scores[j] >= scores[i]).ToArray();
                return above.Count(j => positive[j]) / (double)above.Length;
            });
            Assert.Equal(expected, MultiLabelMetrics.AveragePrecision(scores, positive), 12);
        }
    }

    [Fact]
    public void Mean_average_precision_averages_labels_with_positives()
    {
        // Label 0: perfect (AP 1); label 1: ranked −, + → AP 1/2; label 2: no positive, skipped.  mAP = 0.75.
        double[,] scores = { { 0.9, 0.8, 0.1 }, { 0.1, 0.2, 0.5 } };
        bool[,] targets = { { true, false, false }, { false, true, false } };
        Assert.Equal(0.75, MultiLabelMetrics.MeanAveragePrecision(scores, targets), 12);
        var perLabel = MultiLabelMetrics.PerLabelAveragePrecision(scores, targets);
        Assert.Equal(1.0, perLabel[0], 12);
        Assert.Equal(0.5, perLabel[1], 12);
        Assert.True(double.IsNaN(perLabel[2]));
        Assert.Throws<ArgumentException>("targets", () => MultiLabelMetrics.MeanAveragePrecision(scores, new bool[2, 2]));
        Assert.Throws<ArgumentException>("targets", () => MultiLabelMetrics.MeanAveragePrecision(scores, new bool[2, 3]));
        Assert.Throws<ArgumentException>("positive", () => MultiLabelMetrics.AveragePrecision([0.1], [false]));
        Assert.Throws<ArgumentException>("scores", () => MultiLabelMetrics.AveragePrecision([double.NaN], [true]));
    }
}

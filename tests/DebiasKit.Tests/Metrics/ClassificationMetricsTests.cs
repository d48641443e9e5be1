using DebiasKit.Metrics;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Metrics;

public class ClassificationMetricsTests
{
    // Hand example: class 0 has three examples (two right), class 1 two (one right), class 2 one (right).
    private static readonly long[] Actual = [0, 0, 0, 1, 1, 2];
    private static readonly long[] Predicted = [0, 1, 0, 1, 2, 2];

    [Fact]
    public void Accuracy_hand_computed()
    {
        // Right at positions 0, 2, 3, 5: 4 of 6.
        Assert.Equal(4.0 / 6, ClassificationMetrics.Accuracy(Predicted, Actual), 12);
    }

    [Fact]
    public void Confusion_matrix_counts_true_rows_and_predicted_columns()
    {
        var m = ClassificationMetrics.ConfusionMatrix(Predicted, Actual, 3);
        long[,] expected =
        {
            { 2, 1, 0 },   // true 0: predicted 0 twice, 1 once
            { 0, 1, 1 },   // true 1: predicted 1 once, 2 once
            { 0, 0, 1 },   // true 2: predicted 2 once
        };
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Per_class_and_balanced_accuracy_hand_computed()
    {
        AllClose([2.0 / 3, 1.0 / 2, 1.0], ClassificationMetrics.PerClassAccuracy(Predicted, Actual, 3), 1e-12);
        // (2/3 + 1/2 + 1) / 3 = (4/6 + 3/6 + 6/6) / 3 = 13/18.
        Assert.Equal(13.0 / 18, ClassificationMetrics.BalancedAccuracy(Predicted, Actual, 3), 12);
    }

    [Fact]
    public void A_class_without_examples_is_nan_and_skipped_by_the_balanced_accuracy()
    {
        var perClass = ClassificationMetrics.PerClassAccuracy(Predicted, Actual, 4);
        Assert.True(double.IsNaN(perClass[3]));
        Assert.Equal(13.0 / 18, ClassificationMetrics.BalancedAccuracy(Predicted, Actual, 4), 12);
    }

    [Fact]
    public void Balanced_accuracy_equals_accuracy_on_a_balanced_set()
    {
        var actual = Enumerable.Range(0, 150).Select(i => (long)(i % 3)).ToArray();   // 50 per class
        var random = new Random(7);
        var predicted = actual.Select(y => random.NextDouble() < 0.6 ? y : random.Next(3)).ToArray();
        double accuracy = ClassificationMetrics.Accuracy(predicted, actual);
        Assert.InRange(accuracy, 0.5, 0.95);   // a non-trivial predictor
        Assert.Equal(accuracy, ClassificationMetrics.BalancedAccuracy(predicted, actual, 3), 12);
    }

    [Fact]
    public void Balanced_accuracy_differs_from_accuracy_on_an_imbalanced_set()
    {
        // Always predicting the head class: accuracy 9/10, balanced accuracy (1 + 0) / 2.
        long[] actual = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        var predicted = new long[10];
        Assert.Equal(0.9, ClassificationMetrics.Accuracy(predicted, actual), 12);
        Assert.Equal(0.5, ClassificationMetrics.BalancedAccuracy(predicted, actual, 2), 12);
    }

    [Fact]
    public void Mean_over_skips_nan_and_is_nan_for_an_empty_group()
    {
        double[] perClass = [0.2, double.NaN, 0.6, 1.0];
        Assert.Equal(0.4, ClassificationMetrics.MeanOver(perClass, [0, 1, 2]), 12);
        Assert.True(double.IsNaN(ClassificationMetrics.MeanOver(perClass, [1])));
        Assert.True(double.IsNaN(ClassificationMetrics.MeanOver(perClass, [])));
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0])).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.Accuracy([], [])).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.Accuracy(null!, [0])).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.ConfusionMatrix([0, 1], [0, 3], 3)).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.ConfusionMatrix([0, -1], [0, 1], 3)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.ConfusionMatrix([0], [0], 0)).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.BalancedAccuracy([0, 1, 1], [0, 1], 2)).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => ClassificationMetrics.PerClassAccuracy([0], [5], 2)).ParamName);
    }
}

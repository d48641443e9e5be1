using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class F1ScoresTests
{
    [Fact]
    public void Per_class_and_macro_f1_computed_by_hand()
    {
        long[] actual = { 0, 0, 0, 1, 1, 2 };
        long[] predicted = { 0, 0, 1, 1, 0, 0 };
        // class 0: TP 2, FP 2 (rows 4, 5), FN 1 → 4 / (4 + 2 + 1) = 4/7
        // class 1: TP 1, FP 1 (row 2), FN 1 (row 4) → 2 / 4 = 1/2
        // class 2: TP 0 → 0; class 3: absent and never predicted → 0
        TestHelpers.AllClose(new[] { 4.0 / 7, 0.5, 0, 0 }, F1Scores.PerClass(predicted, actual, 4));
        Assert.Equal((4.0 / 7 + 0.5) / 3, F1Scores.Macro(predicted, actual, 3), 12);
        Assert.Equal(1.0, F1Scores.Macro(actual, actual, 3), 12);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.ThrowsAny<ArgumentException>(() => F1Scores.Macro(new long[] { 0 }, new long[] { 0, 1 }, 2));
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => F1Scores.Macro(new long[] { 0 }, new long[] { 2 }, 2)).ParamName);
    }
}

using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class FalseHeadRateTests
{
    [Fact]
    public void Borders_follow_the_reference_rounding()
    {
        // ⌊C·r + 0.5⌋: C = 10 → 3, 5, 8 (2.5+0.5, 5+0.5, 7.5+0.5); C = 4 → 1, 2, 3; C = 100 → 25, 50, 75.
        Assert.Equal([3, 5, 8], FalseHeadRate.HeadFractions.Select(r => FalseHeadRate.Border(10, r)));
        Assert.Equal([1, 2, 3], FalseHeadRate.HeadFractions.Select(r => FalseHeadRate.Border(4, r)));
        Assert.Equal([25, 50, 75], FalseHeadRate.HeadFractions.Select(r => FalseHeadRate.Border(100, r)));
    }

    [Fact]
    public void Hand_computed_rates()
    {
        // Four classes, head first. Border 2: tail examples are those labelled 2 or 3 (indices 2..5, four of them);
        // predicted below 2: index 2 (→0) and index 5 (→1); index 3 (→3) is right and index 4 (→2) a tail-to-tail error.
        // FHR_2 = 2/4 = 0.5.
        long[] actual = [0, 1, 2, 2, 3, 3];
        long[] predicted = [1, 1, 0, 3, 2, 1];
        Assert.Equal(0.5, FalseHeadRate.Compute(predicted, actual, 2), 12);
        // Border 1: tail = labels 1..3 (indices 1..5); predicted 0 only at index 2 → 1/5.
        Assert.Equal(0.2, FalseHeadRate.Compute(predicted, actual, 1), 12);
        // Border 3: tail = labels 3 (indices 4, 5); both predicted below 3 → 1.
        Assert.Equal(1.0, FalseHeadRate.Compute(predicted, actual, 3), 12);
        // Average for C = 4 uses borders 1, 2, 3: (0.2 + 0.5 + 1)/3.
        Assert.Equal((0.2 + 0.5 + 1.0) / 3, FalseHeadRate.Average(predicted, actual, 4), 12);
        // A perfect classifier has FHR 0; one that always predicts class 0 has FHR 1.
        Assert.Equal(0.0, FalseHeadRate.Average(actual, actual, 4));
        Assert.Equal(1.0, FalseHeadRate.Average(new long[6], actual, 4));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        long[] actual = [0, 1, 2];
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Compute([0, 1], actual, 1)).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Compute([], [], 1)).ParamName);
        Assert.Equal("border", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Compute(actual, actual, 0)).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Compute(actual, actual, 3)).ParamName);   // no tail example
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Average(actual, [0, 1, 5], 4)).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Average([0, 1, -1], actual, 4)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Average(actual, actual, 1)).ParamName);
        Assert.Equal("headFraction", Assert.ThrowsAny<ArgumentException>(() => FalseHeadRate.Border(10, 1.0)).ParamName);
    }
}

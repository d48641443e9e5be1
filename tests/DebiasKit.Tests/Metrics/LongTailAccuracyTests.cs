using DebiasKit.Data;
using DebiasKit.Metrics;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Metrics;

public class LongTailAccuracyTests
{
    [Fact]
    public void Hand_computed_with_one_class_per_shot_group()
    {
        // Training counts 200 / 50 / 10 → class 0 many-shot, class 1 medium, class 2 few.
        var groups = ShotGroups.ByCount([200, 50, 10]);
        // Test predictions: class 0 right 2 of 3, class 1 right 1 of 2, class 2 right 1 of 1.
        long[] actual = [0, 0, 0, 1, 1, 2];
        long[] predicted = [0, 1, 0, 1, 2, 2];
        var r = LongTailAccuracy.Compute(predicted, actual, groups, 3);
        Assert.Equal(4.0 / 6, r.Accuracy, 12);
        Assert.Equal(13.0 / 18, r.Balanced, 12);   // (2/3 + 1/2 + 1) / 3
        Assert.Equal(2.0 / 3, r.Many, 12);
        Assert.Equal(0.5, r.Medium, 12);
        Assert.Equal(1.0, r.Few, 12);
        AllClose([2.0 / 3, 0.5, 1.0], r.PerClass, 1e-12);
    }

    [Fact]
    public void Groups_average_their_classes_and_an_empty_group_is_nan()
    {
        // Five classes: many {0, 1}, few {2, 3, 4}, no medium.
        var groups = ShotGroups.ByCount([500, 300, 5, 4, 3]);
        long[] actual = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4];
        long[] predicted = [0, 0, 1, 0, 2, 0, 0, 0, 4, 4];
        // Per class: 1, 1/2, 1/2, 0, 1.  Many = (1 + 1/2)/2 = 0.75; few = (1/2 + 0 + 1)/3 = 0.5.
        var r = LongTailAccuracy.Compute(predicted, actual, groups, 5);
        Assert.Equal(0.75, r.Many, 12);
        Assert.Equal(0.5, r.Few, 12);
        Assert.True(double.IsNaN(r.Medium));
        Assert.Equal(0.6, r.Balanced, 12);   // (1 + 0.5 + 0.5 + 0 + 1) / 5
        Assert.Equal(0.6, r.Accuracy, 12);   // 6 of 10
    }

    [Fact]
    public void Rejects_bad_input()
    {
        var groups = ShotGroups.ByCount([10, 10]);
        Assert.Equal("groups", Assert.ThrowsAny<ArgumentException>(() => LongTailAccuracy.Compute([0], [0], null!, 2)).ParamName);
        Assert.Equal("predicted", Assert.ThrowsAny<ArgumentException>(() => LongTailAccuracy.Compute([0, 1], [0], groups, 2)).ParamName);
        Assert.Equal("actual", Assert.ThrowsAny<ArgumentException>(() => LongTailAccuracy.Compute([0], [2], groups, 2)).ParamName);
    }
}

using DebiasKit.Metrics;
using DebiasKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class MaskTrackerTests
{
    [Fact]
    public void Fractions_and_flags_count_by_hand()
    {
        using var scope = NewDisposeScope();
        var tracker = new MaskTracker(5);
        // Epoch 1: batches {0, 1} and {2, 3, 4}; example 1 and 4 masked.  Epoch 2: {4, 2} and {1, 0, 3}; example 4 masked.
        tracker.Record(tensor(new long[] { 0, 1 }), tensor(new[] { true, false }));
        tracker.Record(tensor(new long[] { 2, 3, 4 }), tensor(new[] { true, true, false }));
        tracker.Record(tensor(new long[] { 4, 2 }), tensor(new[] { false, true }));
        tracker.Record(tensor(new long[] { 1, 0, 3 }), tensor(new[] { true, true, true }));
        Assert.Equal(new long[] { 2, 2, 2, 2, 2 }, tracker.Seen);
        Assert.Equal(new long[] { 0, 1, 0, 0, 2 }, tracker.Masked);
        Assert.Equal(new[] { 0, 0.5, 0, 0, 1 }, tracker.MaskedFraction());
        Assert.Equal(new long[] { 1, 4 }, tracker.Flagged(0.5));   // masked in at least half the epochs
        Assert.Equal(new long[] { 4 }, tracker.Flagged(0.75));
        // An example never seen has no fraction and is never flagged.
        var partial = new MaskTracker(3);
        partial.Record(tensor(new long[] { 0 }), tensor(new[] { false }));
        Assert.True(double.IsNaN(partial.MaskedFraction()[2]));
        Assert.Equal(new long[] { 0 }, partial.Flagged(0.5));
    }

    [Fact]
    public void Set_detection_scores_by_hand()
    {
        // Flagged {1, 2, 3, 9}, actual {1, 2, 5}: TP 2, precision 2/4, recall 2/3, F1 = 2·0.5·0.667/1.167 = 0.571.
        var score = SetDetection.Score(new long[] { 1, 2, 3, 9, 9 }, new long[] { 1, 2, 5 });
        Assert.Equal((4L, 3L, 2L), (score.Flagged, score.Actual, score.TruePositives));
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(2.0 / 3, score.Recall, 12);
        Assert.Equal(4.0 / 7, score.F1, 12);
        var empty = SetDetection.Score(Array.Empty<long>(), new long[] { 1 });
        Assert.Equal((0.0, 0.0, 0.0), (empty.Precision, empty.Recall, empty.F1));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>("count", () => new MaskTracker(0));
        var tracker = new MaskTracker(3);
        Assert.Throws<ArgumentException>("indices", () => tracker.Record(tensor(new[] { 0.0, 1.0 }), tensor(new[] { true, true })));
        Assert.Throws<ArgumentException>("kept", () => tracker.Record(tensor(new long[] { 0, 1 }), tensor(new[] { true })));
        Assert.Throws<ArgumentException>("kept", () => tracker.Record(tensor(new long[] { 0, 1 }), tensor(new[] { 1.0, 0.0 })));
        Assert.Throws<ArgumentOutOfRangeException>("indices", () => tracker.Record(tensor(new long[] { 0, 3 }), tensor(new[] { true, true })));
        Assert.Throws<ArgumentOutOfRangeException>("threshold", () => tracker.Flagged(0));
        Assert.Throws<ArgumentNullException>("flagged", () => SetDetection.Score(null!, new long[] { 1 }));
    }
}

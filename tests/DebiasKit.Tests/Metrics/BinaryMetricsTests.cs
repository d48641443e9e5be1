using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class BinaryMetricsTests
{
    [Fact]
    public void Hand_computed_auc_with_a_tie()
    {
        // Positives score 0.8 and 0.4, negatives 0.4 and 0.1: pairs (0.8,0.4) 1, (0.8,0.1) 1, (0.4,0.4) ½, (0.4,0.1) 1 → 3.5 / 4.
        Assert.Equal(0.875, BinaryMetrics.RocAuc([0.8, 0.4, 0.4, 0.1], [1, 1, 0, 0]), 14);
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.9], [0, 1]));
        Assert.Equal(0.0, BinaryMetrics.RocAuc([0.1, 0.9], [1, 0]));
    }

    [Fact]
    public void Matches_counting_every_pair()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();   // many ties
        var labels = scores.Select(s => random.NextDouble() < s ? 1L : 0L).ToArray();
        double wins = 0, pairs = 0;
        for (int i = 0; i < scores.Length; i++)
            for (int j = 0; j < scores.Length; j++)
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.Equal(wins / pairs, BinaryMetrics.RocAuc(scores, labels), 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("labels", Param(() => BinaryMetrics.RocAuc([0.1, 0.2], [1])));
        Assert.Equal("labels", Param(() => BinaryMetrics.RocAuc([0.1, 0.2], [1, 1])));
        Assert.Equal("labels", Param(() => BinaryMetrics.RocAuc([0.1, 0.2], [1, 2])));
        Assert.Equal("scores", Param(() => BinaryMetrics.RocAuc([0.1, double.NaN], [1, 0])));
    }
}

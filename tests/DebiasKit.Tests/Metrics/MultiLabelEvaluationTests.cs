using DebiasKit.Metrics;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics;

public class MultiLabelEvaluationTests
{
    [Fact]
    public void Hand_computed_values()
    {
        using var scope = NewDisposeScope();
        // Label 0: scores 0.9 (pos), 0.8 (neg), 0.3 (pos), 0.1 (neg): precision at the positives 1/1 and 2/3 → AP = (1 + 2/3)/2 = 5/6.
        // Label 1: positive ranked first of four → AP = 1.  Label 2: no positive → NaN, left out of the mean.
        // mAP = (5/6 + 1)/2 = 11/12.  Positive entries 0.9, 0.3, 0.7 → mean 19/30; the other nine entries sum to 2.4 → mean 0.2666….
        var scores = tensor(new double[,] { { 0.9, 0.7, 0.2 }, { 0.8, 0.1, 0.4 }, { 0.3, 0.2, 0.1 }, { 0.1, 0.3, 0.2 } });
        var targets = tensor(new double[,] { { 1, 1, 0 }, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 0, 0 } });
        var e = MultiLabelEvaluation.Of(scores, targets);
        Assert.Equal(5.0 / 6, e.PerLabelAveragePrecision[0], 12);
        Assert.Equal(1.0, e.PerLabelAveragePrecision[1], 12);
        Assert.True(double.IsNaN(e.PerLabelAveragePrecision[2]));
        Assert.Equal(11.0 / 12, e.MeanAveragePrecision, 12);
        Assert.Equal(1.9 / 3, e.MeanPositiveProbability, 12);
        Assert.Equal(2.4 / 9, e.MeanNegativeProbability, 12);
    }

    [Fact]
    public void Agrees_with_MultiLabelMetrics_on_random_scores_and_a_perfect_ranking_scores_one()
    {
        using var scope = NewDisposeScope();
        var flat = Uniform(60 * 5, seed: 9, 0, 1);
        var random = new Random(4);
        var s = new double[60, 5];
        var t = new bool[60, 5];
        for (int i = 0; i < 60; i++)
            for (int j = 0; j < 5; j++) { s[i, j] = flat[i * 5 + j]; t[i, j] = random.NextDouble() < 0.25; }
        var targets = tensor(t).to(float32);
        var e = MultiLabelEvaluation.Of(tensor(s), targets);
        Assert.Equal(MultiLabelMetrics.MeanAveragePrecision(s, t), e.MeanAveragePrecision, 12);
        Assert.Equal(1.0, MultiLabelEvaluation.Of(targets * 0.5 + 0.25, targets).MeanAveragePrecision, 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("scores", () => MultiLabelEvaluation.Of(zeros(4), zeros(4)));
        Assert.Throws<ArgumentException>("targets", () => MultiLabelEvaluation.Of(zeros(4, 2), zeros(4, 3)));
        Assert.Throws<ArgumentException>("targets", () => MultiLabelEvaluation.Of(zeros(4, 2), zeros(4, 2)));
    }
}

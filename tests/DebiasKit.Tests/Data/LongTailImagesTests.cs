using DebiasKit.Data;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary><see cref="LongTailImages"/> on the real MNIST: profile, preprocessing written out by hand, shot groups, evaluation.</summary>
public class LongTailImagesTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    [Fact]
    public void Training_part_follows_the_long_tail_subset_and_test_part_is_the_split_test()
    {
        using var benchmark = LongTailImages.Create(mnist.Digits, mnist.Split, imbalanceRatio: 100, seed: 7);
        var expected = LongTail.Subset(mnist.Digits.Labels, 10, 100, seed: 7, candidates: mnist.Split.Train);
        Assert.Equal(expected, benchmark.TrainIndices);
        Assert.Equal(mnist.Digits.ClassCounts(expected), benchmark.TrainCounts);
        Assert.Equal(expected.Select(i => mnist.Digits.Labels[(int)i]), benchmark.Train.LabelArray());
        Assert.Equal(mnist.Split.Test.Select(i => mnist.Digits.Labels[(int)i]), benchmark.Test.LabelArray());
        Assert.Equal(601, benchmark.HeadCount);
        Assert.Equal(28 * 28, benchmark.Features);
    }

    [Fact]
    public void Pooled_features_are_block_means_standardised_by_the_training_part()
    {
        using var benchmark = LongTailImages.Create(mnist.Digits, mnist.Split, imbalanceRatio: 10, seed: 3, headCount: 200, pooling: 2);
        Assert.Equal(new long[] { benchmark.Train.Count, 14 * 14 }, benchmark.Train.Features.shape);
        var (mean, std) = mnist.Digits.PixelStatistics(mnist.Split.Train);
        // Image 0 of the training subset, block (row 5, column 9): the mean of its four pixels, standardised.
        var image = mnist.Digits.Image((int)benchmark.TrainIndices[0]);
        double block = 0;
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++)
                block += image[(10 + dy) * 28 + 18 + dx] / 255.0;
        double expected = (block / 4 - mean) / std;
        Assert.Equal(expected, benchmark.Train.Features[0, 5 * 14 + 9].item<float>(), 5);
        // Over a whole part the standardised pixels have roughly zero mean (the training part's statistics).
        using var all = benchmark.Images(mnist.Split.Train);
        Assert.InRange(all.Features.mean().item<float>(), -0.02, 0.02);
    }

    [Fact]
    public void Shot_groups_use_a_tenth_and_a_fiftieth_of_the_head()
    {
        using var benchmark = LongTailImages.Create(mnist.Digits, mnist.Split, imbalanceRatio: 100, seed: 7, headCount: 500);
        // Counts 500 … 5: many-shot above 50, few-shot below 10.
        var counts = benchmark.TrainCounts;
        Assert.Equal(Enumerable.Range(0, 10).Where(c => counts[c] > 50), benchmark.Groups.Many);
        Assert.Equal(Enumerable.Range(0, 10).Where(c => counts[c] < 10), benchmark.Groups.Few);
        Assert.NotEmpty(benchmark.Groups.Few);
    }

    [Fact]
    public void Evaluate_scores_predictions_on_the_test_part()
    {
        using var benchmark = LongTailImages.Create(mnist.Digits, mnist.Split, imbalanceRatio: 10, seed: 1, pooling: 4);
        var truth = benchmark.Test.LabelArray();
        var perfect = benchmark.Evaluate(truth);
        Assert.Equal(1.0, perfect.Balanced);
        // Predicting class 0 everywhere: balanced accuracy 1/10, many-shot accuracy 1 / |many|.
        var zeros = benchmark.Evaluate(new long[truth.Length]);
        Assert.Equal(0.1, zeros.Balanced, 12);
        Assert.Equal(0.0, zeros.PerClass[9]);
        Assert.Throws<ArgumentException>("predicted", () => benchmark.Evaluate(new long[3]));
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>("pooling", () => LongTailImages.Create(mnist.Digits, mnist.Split, 10, pooling: 3));
        Assert.Throws<ArgumentOutOfRangeException>("imbalanceRatio", () => LongTailImages.Create(mnist.Digits, mnist.Split, 0.5));
        Assert.Throws<ArgumentNullException>("images", () => LongTailImages.Create(null!, mnist.Split, 10));
        Assert.Throws<ArgumentException>("split", () => LongTailImages.Create(mnist.Digits, new DataSplit(mnist.Split.Train, [], []), 10));
    }
}

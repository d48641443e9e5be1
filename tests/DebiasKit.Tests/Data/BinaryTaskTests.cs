using DebiasKit.Data;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary><see cref="BinaryTasks"/> on the real MNIST digits and on a small hand-made table.</summary>
public class BinaryTaskTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    [Fact]
    public void Image_pair_draws_from_the_matching_parts_maps_classes_to_0_1_and_pools_and_standardises_by_training_pixels()
    {
        using var task = BinaryTasks.ImagePair(mnist.Digits, mnist.Split, negative: 4, positive: 9, trainCount: 120, seed: 5,
            validationCount: 50, testCount: 10_000, pooling: 2);
        Assert.Equal(120, task.Train.Count);
        Assert.Equal(50, task.Validation.Count);
        long pairTest = mnist.Split.Test.Count(i => mnist.Digits.Labels[(int)i] is 4 or 9);
        Assert.Equal(pairTest, task.Test.Count);                         // "at most 10,000": all of the pair's test digits
        Assert.Equal(14 * 14, task.Features);
        Assert.Equal("MNIST (10k): 4 vs 9", task.Name);
        Assert.All(task.TrainFlipped, f => Assert.False(f));              // no noise asked
        // Standardised with the training subset's own pixel statistics: its features have mean 0 and deviation 1.
        Assert.Equal(0, task.Train.Features.mean().item<float>(), 4);
        Assert.Equal(1, task.Train.Features.std().item<float>(), 4);
        // Labels: 9 → 1, 4 → 0, and the test part holds exactly the pair's test digits, with their clean labels.
        var testLabels = task.Test.LabelArray();
        Assert.Equal(mnist.Split.Test.Count(i => mnist.Digits.Labels[(int)i] == 9), testLabels.Count(l => l == 1));
        // Seeded: the same seed gives the same draw; another seed another one.
        using var again = BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 4, 9, 120, seed: 5, validationCount: 50, pooling: 2);
        Assert.True(again.Train.Features.allclose(task.Train.Features, rtol: 0, atol: 0));
        using var other = BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 4, 9, 120, seed: 6, validationCount: 50, pooling: 2);
        Assert.False(other.Train.Features.allclose(task.Train.Features, rtol: 0, atol: 0));
    }

    [Fact]
    public void Image_pair_block_means_written_out_by_hand()
    {
        // One training digit, no pooling vs 2×2 pooling: pooled pixel (r, c) is the mean of the four pixels of its block,
        // and both are standardised by their own training statistics, so compare after undoing the standardisation.
        using var task = BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 3, 5, trainCount: 1, seed: 2, validationCount: 1, testCount: 1, pooling: 2);
        // With a single training image the statistics are that image's own: recover it from mean and std of its raw blocks.
        var candidates = mnist.Split.Train.Where(i => mnist.Digits.Labels[(int)i] is 3 or 5).ToArray();
        var shuffled = candidates.ToArray();
        new Random(2).Shuffle(shuffled);
        var image = mnist.Digits.Image((int)shuffled[0]);
        var blocks = new double[14 * 14];
        for (int r = 0; r < 14; r++)
            for (int c = 0; c < 14; c++)
                blocks[r * 14 + c] = (image[2 * r * 28 + 2 * c] + image[2 * r * 28 + 2 * c + 1] + image[(2 * r + 1) * 28 + 2 * c] + image[(2 * r + 1) * 28 + 2 * c + 1]) / 4.0 / 255.0;
        double mean = blocks.Average();
        double std = Math.Sqrt(blocks.Sum(b => (b - mean) * (b - mean)) / (blocks.Length - 1));
        AllClose(blocks.Select(b => (b - mean) / std).ToArray(), ToDoubles(task.Train.Features.flatten().to(float64)), 1e-4);
        Assert.Equal(mnist.Digits.Labels[(int)shuffled[0]] == 5 ? 1L : 0L, task.Train.LabelArray()[0]);
    }

    [Fact]
    public void Table_standardises_each_column_by_the_training_rows_and_flips_only_train_and_validation_labels()
    {
        // 200 rows: column 0 = row index, column 1 constant 3, label = row parity.
        var features = tensor(Enumerable.Range(0, 200).SelectMany(i => new[] { (float)i, 3f }).ToArray(), new long[] { 200, 2 });
        var labels = Enumerable.Range(0, 200).Select(i => (long)(i % 2)).ToArray();
        var split = new DataSplit(Enumerable.Range(0, 120).Select(i => (long)i).ToArray(),
            Enumerable.Range(120, 40).Select(i => (long)i).ToArray(), Enumerable.Range(160, 40).Select(i => (long)i).ToArray());
        using var task = BinaryTasks.Table("toy", features, labels, split, seed: 1, labelNoise: 0.3);
        Assert.Equal(120, task.Train.Count);
        // Training rows are 0…119 (shuffled): mean 59.5, sample deviation sqrt(120 · 121 / 12) = 34.785; test row 160 → (160 − 59.5) / 34.785.
        double sd = Math.Sqrt(120.0 * 121 / 12);
        var testRaw = task.Test.Features.select(1, 0).data<float>().ToArray();
        Assert.All(testRaw, v => Assert.InRange(v * sd + 59.5, 159.99, 199.01));
        Assert.Contains(testRaw, v => Math.Abs(v - (160 - 59.5) / sd) < 1e-4);
        // The constant column is centred only (deviation 0 → divided by 1).
        Assert.All(task.Train.Features.select(1, 1).data<float>().ToArray(), v => Assert.Equal(0f, v));
        // Noise: about 30 % of training labels flipped, recorded in TrainFlipped; test labels equal the clean parity.
        var trainX = task.Train.Features.select(1, 0).data<float>().ToArray();
        var trainY = task.Train.LabelArray();
        for (int k = 0; k < trainY.Length; k++)
        {
            long row = (long)Math.Round(trainX[k] * sd + 59.5);
            Assert.Equal(task.TrainFlipped[k], trainY[k] != row % 2);
        }
        Assert.InRange(task.TrainFlipped.Count(f => f), 20, 52);          // Binomial(120, 0.3): mean 36, s.d. 5
        var testY = task.Test.LabelArray();
        for (int k = 0; k < testY.Length; k++) Assert.Equal((long)Math.Round(testRaw[k] * sd + 59.5) % 2, testY[k]);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var features = zeros(10, 2);
        var labels = Enumerable.Repeat(0L, 10).ToArray();
        var split = new DataSplit([0, 1, 2, 3, 4, 5], [6, 7], [8, 9]);
        Assert.Throws<ArgumentOutOfRangeException>("positive", () => BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 4, 4, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>("negative", () => BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 10, 4, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>("pooling", () => BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 3, 4, 10, 0, pooling: 3));
        Assert.Throws<ArgumentOutOfRangeException>("trainCount", () => BinaryTasks.ImagePair(mnist.Digits, mnist.Split, 3, 4, 100_000, 0));
        Assert.Throws<ArgumentOutOfRangeException>("labelNoise", () => BinaryTasks.Table("t", features, labels, split, 0, labelNoise: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>("labels", () => BinaryTasks.Table("t", features, labels.Select(l => 2L).ToArray(), split, 0));
        Assert.Throws<ArgumentException>("labels", () => BinaryTasks.Table("t", features, labels.Take(9).ToArray(), split, 0));
        Assert.Throws<ArgumentException>("features", () => BinaryTasks.Table("t", zeros(10), labels, split, 0));
        Assert.Throws<ArgumentException>("split", () => BinaryTasks.Table("t", features, labels, new DataSplit([0], [1], [2]), 0));
        Assert.Throws<ArgumentException>("features", () => BinaryTasks.Table("t", full(10, 2, float.NaN), labels, split, 0));
    }
}

using DebiasKit.Data.Synthetic;
using DebiasKit.Training;
using DebiasKit.VisionLanguage;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.VisionLanguage;

public class TinyDualEncoderTests
{
    private static readonly CaptionedShapes World = new(["doctor", "nurse"], ["female", "male"]);

    [Fact]
    public void ContrastiveTrainingLowersTheLossAndKeepsMemoryFlat()
    {
        using var train = World.Sample(256, 0.9, seed: 1, mentionRate: 0.7);
        Seeds.Apply(0);
        using var model = new TinyDualEncoder(3, 12, World.Vocabulary.Count);
        var options = new ContrastiveTrainOptions { Epochs = 1, BatchSize = 64, Seed = 0 };
        ContrastiveTraining.Fit(model, train.Images, train.Tokens, options);
        long live = TestHelpers.LiveTensors();
        var losses = ContrastiveTraining.Fit(model, train.Images, train.Tokens, options with { Epochs = 8 });
        Assert.Equal(live, TestHelpers.LiveTensors());
        Assert.True(losses[^1] < losses[0] - 0.1, $"loss should fall: {string.Join(", ", losses)}");
    }

    [Fact]
    public void FeaturesAreUnitVectorsOfTheSharedDimension()
    {
        Seeds.Apply(1);
        using var model = new TinyDualEncoder(3, 12, World.Vocabulary.Count, dimension: 16);
        using var set = World.SampleBalanced(2, seed: 4);
        using var images = model.ImageFeatures(set.Images);
        using var tokens = World.TokenizeAll([World.NeutralCaption(0), World.AttributeCaption(1, 1, 2)]);
        using var text = model.TextFeatures(tokens);
        Assert.Equal([8L, 16], images.shape);
        Assert.Equal([2L, 16], text.shape);
        using var imageNorms = images.norm(1);
        using var textNorms = text.norm(1);
        TestHelpers.AllClose(Enumerable.Repeat(1.0, 8).ToArray(), TestHelpers.ToDoubles(imageNorms), 1e-5);
        TestHelpers.AllClose([1.0, 1.0], TestHelpers.ToDoubles(textNorms), 1e-5);
        // Padding does not change a caption's feature.
        using var padded = World.TokenizeAll([World.NeutralCaption(0)]);
        using var shortTokens = padded.narrow(1, 0, 5).contiguous();
        using var a = model.TextFeatures(padded);
        using var b = model.TextFeatures(shortTokens);
        TestHelpers.AllClose(TestHelpers.ToDoubles(a), TestHelpers.ToDoubles(b), 1e-6);
    }

    [Fact]
    public void SymmetricLossMatchesALoop()
    {
        var imageRows = Enumerable.Range(0, 3).Select(i => TestHelpers.Uniform(4, 10 + i)).ToArray();
        var textRows = Enumerable.Range(0, 3).Select(i => TestHelpers.Uniform(4, 20 + i)).ToArray();
        double s = 2.5;
        double Dot(double[] x, double[] y) => x.Zip(y, (p, q) => p * q).Sum();
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            var row = Enumerable.Range(0, 3).Select(j => s * Dot(imageRows[i], textRows[j])).ToArray();
            var column = Enumerable.Range(0, 3).Select(j => s * Dot(imageRows[j], textRows[i])).ToArray();
            expected += 0.5 * (Math.Log(row.Sum(Math.Exp)) - row[i]) / 3 + 0.5 * (Math.Log(column.Sum(Math.Exp)) - column[i]) / 3;
        }
        using var images = TestHelpers.ToTensor(imageRows);
        using var texts = TestHelpers.ToTensor(textRows);
        using var scale = tensor(s, float64);
        using var loss = ContrastiveLoss.Symmetric(images, texts, scale);
        Assert.Equal(expected, loss.item<double>(), 10);
    }

    [Fact]
    public void ZeroShotAndRetrievalFollowTheCosines()
    {
        using var prompts = TestHelpers.ToTensor([[1.0, 0.0], [0.0, 2.0]], ScalarType.Float32);
        using var images = TestHelpers.ToTensor([[3.0, 1.0], [0.1, 1.0], [1.0, 1.1], [5.0, -1.0]], ScalarType.Float32);
        using var classifier = new ZeroShotClassifier(prompts);
        Assert.Equal([0L, 1, 1, 0], classifier.Predict(images));
        var top = Retrieval.TopK(prompts, images, 2);
        Assert.Equal([3L, 0], top[0]);
        Assert.Equal([1L, 2], top[1]);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        using var model = new TinyDualEncoder(3, 12, World.Vocabulary.Count);
        using var wrongImages = zeros(2, 3, 8, 8);
        using var floatTokens = zeros(2, 4);
        using var outOfRange = full(2, 3, 99L);
        using var emptyRow = zeros(1, 4, dtype: int64);
        Assert.Equal("images", Assert.ThrowsAny<ArgumentException>(() => model.EncodeImages(wrongImages)).ParamName);
        Assert.Equal("tokens", Assert.ThrowsAny<ArgumentException>(() => model.EncodeText(floatTokens)).ParamName);
        Assert.Equal("tokens", Assert.ThrowsAny<ArgumentException>(() => model.EncodeText(outOfRange)).ParamName);
        Assert.Equal("tokens", Assert.ThrowsAny<ArgumentException>(() => model.EncodeText(emptyRow)).ParamName);
        Assert.Equal("imageSize", Assert.ThrowsAny<ArgumentException>(() => new TinyDualEncoder(3, 10, 5)).ParamName);
        using var set = World.Sample(4, 0.9, seed: 0);
        using var fewTokens = set.Tokens.narrow(0, 0, 3).contiguous();
        Assert.Equal("tokens", Assert.ThrowsAny<ArgumentException>(() => ContrastiveTraining.Fit(model, set.Images, fewTokens, new())).ParamName);
        Assert.Equal("BatchSize", Assert.ThrowsAny<ArgumentException>(() => ContrastiveTraining.Fit(model, set.Images, set.Tokens, new() { BatchSize = 1 })).ParamName);
        using var onePrompt = zeros(1, 2);
        Assert.Equal("promptFeatures", Assert.ThrowsAny<ArgumentException>(() => new ZeroShotClassifier(onePrompt)).ParamName);
        using var prompts = ones(2, 2);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => Retrieval.TopK(prompts, prompts, 3)).ParamName);
    }
}

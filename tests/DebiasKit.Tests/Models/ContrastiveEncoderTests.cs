using DebiasKit.Data.Augmentation;
using DebiasKit.Models;
using DebiasKit.Training;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Models;

public class ContrastiveEncoderTests
{
    [Fact]
    public void Encode_gives_the_representation_forward_the_projection_and_represent_restores_the_mode()
    {
        using var scope = NewDisposeScope();
        TorchSharp.torch.random.manual_seed(1);
        var encoder = new ContrastiveEncoder(12, [16], representation: 8, projection: 4);
        var x = randn(5, 12);
        Assert.Equal(new long[] { 5, 8 }, encoder.Encode(x).shape);
        Assert.Equal(new long[] { 5, 4 }, encoder.forward(x).shape);
        encoder.train();
        var represented = encoder.Represent(x, batchSize: 2);   // in batches of 2, without gradients
        Assert.True(encoder.training);
        Assert.False(represented.requires_grad);
        AllClose(ToDoubles(encoder.Encode(x)), ToDoubles(represented), 1e-6);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => encoder.Encode(randn(5, 11))).ParamName);
        Assert.Equal("representation", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveEncoder(12, [16], 0, 4)).ParamName);
    }

    /// <summary>Two prototype 4 × 4 images (left half bright vs top half bright) with pixel noise, 32 of each.</summary>
    private static (Tensor Images, long[] Labels) Prototypes()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var left = tensor(Enumerable.Range(0, 16).Select(p => p % 4 < 2 ? 1f : -1f).ToArray());
        var top = tensor(Enumerable.Range(0, 16).Select(p => p / 4 < 2 ? 1f : -1f).ToArray());
        var images = cat([left.expand(32, 16), top.expand(32, 16)]) + randn([64, 16], generator: g) * 0.3f;
        return (images.MoveToOuterDisposeScope(), Enumerable.Range(0, 64).Select(i => (long)(i / 32)).ToArray());
    }

    [Fact]
    public void Pretraining_lowers_the_contrastive_loss_separates_the_prototypes_and_is_deterministic()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Prototypes();
        var augmentation = new ImageAugmentation(4, 4) { MaxShift = 1, ErasingProbability = 0.3, NoiseStd = 0.1 };
        var options = new ContrastiveOptions { Epochs = 40, BatchSize = 32, LearningRate = 3e-3, Temperature = 0.5, Seed = 5 };
        TrainingHistory Run(out ContrastiveEncoder encoder)
        {
            Seeds.Apply(2);
            encoder = new ContrastiveEncoder(16, [32], representation: 8, projection: 8);
            return ContrastivePretraining.Fit(encoder, images, augmentation, options);
        }
        var first = Run(out var encoder);
        var second = Run(out _);
        Assert.Equal(first.Epochs.Select(e => e.MeanLoss), second.Epochs.Select(e => e.MeanLoss));   // same seeds, same run
        Assert.True(first.FinalLoss < first.Epochs[0].MeanLoss - 0.2, $"loss {first.Epochs[0].MeanLoss} → {first.FinalLoss}");
        Assert.False(encoder.training);
        // Without labels, the two prototypes end up apart: each representation's nearest class centroid is its own.
        var h = encoder.Represent(images);
        var c0 = h.narrow(0, 0, 32).mean([0]);
        var c1 = h.narrow(0, 32, 32).mean([0]);
        var nearerOwn = h.sub(c0).norm(1, false, 2).lt(h.sub(c1).norm(1, false, 2)).data<bool>().ToArray();
        int correct = Enumerable.Range(0, 64).Count(i => nearerOwn[i] == (labels[i] == 0));
        Assert.True(correct >= 60, $"{correct}/64 nearest their own prototype's centroid");
    }

    [Fact]
    public void Bad_options_and_inputs_are_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var encoder = new ContrastiveEncoder(16, [], 4, 4);
        var augmentation = new ImageAugmentation(4, 4);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ContrastivePretraining.Fit(encoder, randn(8, 16), augmentation, new ContrastiveOptions { BatchSize = 1 })).ParamName);
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ContrastivePretraining.Fit(encoder, randn(8, 16), augmentation, new ContrastiveOptions { Temperature = 0 })).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() =>
            ContrastivePretraining.Fit(encoder, randn(1, 16), augmentation, new ContrastiveOptions())).ParamName);
    }
}

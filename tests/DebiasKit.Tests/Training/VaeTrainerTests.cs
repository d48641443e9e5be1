using DebiasKit.Losses;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class VaeTrainerTests
{
    /// <summary>Two prototypes, 11110000 and 00001111, 32 copies each with bits flipped at rate 0.05.</summary>
    private static Tensor Prototypes()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var first = tensor(new float[] { 1, 1, 1, 1, 0, 0, 0, 0 });
        var rows = cat(new[] { first.expand(32, 8), (1 - first).expand(32, 8) });
        var flips = (rand(64, 8, generator: generator) < 0.05).to_type(float32);
        return (rows + flips - 2 * rows * flips).MoveToOuterDisposeScope();
    }

    [Fact]
    public void It_is_the_plain_seeded_adam_loop_on_the_negative_elbo()
    {
        using var scope = NewDisposeScope();
        var data = Prototypes();
        Seeds.Apply(2);
        var trained = new SmallVae(8, 16, 2);
        var losses = VaeTrainer.Fit(trained, data, epochs: 5, batchSize: 16, learningRate: 0.01, beta: 0.5, seed: 3);
        Assert.False(trained.training);

        // The same loop written out: Adam, a seeded order per epoch, the β-weighted negative ELBO per batch.
        Seeds.Apply(2);
        var reference = new SmallVae(8, 16, 2);
        var optimizer = optim.Adam(reference.parameters(), 0.01);
        var shuffle = new Generator(3);
        reference.train();
        var expected = new double[5];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var order = randperm(64, generator: shuffle);
            for (long start = 0; start < 64; start += 16)
            {
                var x = data.index_select(0, order.narrow(0, start, 16));
                optimizer.zero_grad();
                var (logits, mean, logVariance) = reference.forward(x);
                var loss = Functional.VaeLoss(logits, x, mean, logVariance, 0.5);
                loss.backward();
                optimizer.step();
                expected[epoch] += loss.item<float>() * 16 / 64.0;
            }
        }
        AllClose(expected, losses, 1e-4);
        foreach (var (a, b) in trained.parameters().Zip(reference.parameters()))
            AllClose(ToDoubles(b), ToDoubles(a), 0);
    }

    [Fact]
    public void It_learns_two_prototypes_and_reconstructs_them()
    {
        using var scope = NewDisposeScope();
        var data = Prototypes();
        Seeds.Apply(4);
        var vae = new SmallVae(8, 16, 2);
        var losses = VaeTrainer.Fit(vae, data, epochs: 60, batchSize: 16, learningRate: 0.01);
        Assert.True(losses[^1] < losses[0] - 2, $"the negative ELBO went from {losses[0]} to {losses[^1]}");
        var (logits, _, _) = vae.forward(data);
        // Most reconstructed bits are on the right side of ½ (the flipped 5 % are noise the code should not keep).
        double agreement = ToDoubles((logits.sigmoid() > 0.5).to_type(float32).eq(data).to_type(float32).mean())[0];
        Assert.True(agreement > 0.9, $"reconstruction agreement {agreement:F3}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var vae = new SmallVae(4, 4, 2);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => VaeTrainer.Fit(vae, full(new long[] { 3, 4 }, 2f), 1)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => VaeTrainer.Fit(vae, zeros(4), 1)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => VaeTrainer.Fit(vae, full(new long[] { 3, 4 }, float.NaN), 1)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => VaeTrainer.Fit(vae, zeros(3, 4), 0)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => VaeTrainer.Fit(vae, zeros(3, 4), 1, beta: -1)).ParamName);
    }
}

using DebiasKit.Losses;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Models;

public class SmallVaeTests
{
    [Fact]
    public void Gaussian_kl_matches_the_hand_computed_value_and_its_gradients()
    {
        using var scope = NewDisposeScope();
        // μ = (1, 0), log σ² = (0, ln 2): −½[(1 + 0 − 1 − 1) + (1 + ln 2 − 0 − 2)] = 1 − (ln 2)/2
        var mean = tensor(new[] { 1.0, 0.0 }, [1, 2], dtype: float64).requires_grad_();
        var logVariance = tensor(new[] { 0.0, Math.Log(2) }, [1, 2], dtype: float64).requires_grad_();
        var kl = Functional.GaussianKl(mean, logVariance);
        Assert.Equal(1 - Math.Log(2) / 2, kl.item<double>(), 12);
        kl.backward();
        Assert.Equal(new[] { 1.0, 0.0 }, ToDoubles(mean.grad!));                               // ∂KL/∂μ = μ
        Assert.Equal(new[] { 0.0, 0.5 }, ToDoubles(logVariance.grad!).Select(v => Math.Round(v, 12)).ToArray());   // ½(σ² − 1)
        Assert.Equal(0.0, Functional.GaussianKl(zeros(3, 4), zeros(3, 4)).item<float>());
    }

    [Fact]
    public void Vae_loss_is_the_summed_bernoulli_reconstruction_plus_beta_times_kl()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { 0.0, 2.0 }, [1, 2], dtype: float64);
        var inputs = tensor(new[] { 1.0, 0.0 }, [1, 2], dtype: float64);
        var mean = tensor(new[] { 1.0, 0.0 }, [1, 2], dtype: float64);
        var logVariance = tensor(new[] { 0.0, Math.Log(2) }, [1, 2], dtype: float64);
        // BCE(0; 1) = ln 2, BCE(2; 0) = ln(1 + e²); KL as above
        double reconstruction = Math.Log(2) + Math.Log(1 + Math.Exp(2)), kl = 1 - Math.Log(2) / 2;
        Assert.Equal(reconstruction + kl, Functional.VaeLoss(logits, inputs, mean, logVariance).item<double>(), 12);
        Assert.Equal(reconstruction + 0.25 * kl, Functional.VaeLoss(logits, inputs, mean, logVariance, beta: 0.25).item<double>(), 12);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Functional.VaeLoss(logits, inputs * 2, mean, logVariance)).ParamName);
        Assert.Equal("logVariance", Assert.Throws<ArgumentException>(() => Functional.VaeLoss(logits, inputs, mean, zeros(1, 3, dtype: float64))).ParamName);
        Assert.Equal("reconstructionLogits", Assert.Throws<ArgumentException>(() => Functional.VaeLoss(zeros(1, 3, dtype: float64), inputs, mean, logVariance)).ParamName);
    }

    private static Tensor Prototypes()
    {
        using var scope = NewDisposeScope();
        var first = tensor(new float[] { 1, 1, 1, 1, 0, 0, 0, 0 });
        var rows = cat(new[] { first.expand(32, 8), (1 - first).expand(32, 8) });
        var flips = (rand(64, 8) < 0.05).to_type(float32);
        return (rows + flips - 2 * rows * flips).MoveToOuterDisposeScope();   // XOR with the flips
    }

    [Fact]
    public void The_vae_encodes_decodes_and_learns_a_toy_data_set_without_leaking_tensors()
    {
        Seeds.Apply(4);
        using var model = new SmallVae(inputs: 8, hidden: 16, latent: 2);
        // two prototypes (11110000 and 00001111), each bit flipped with probability 0.05: structure a 2-d code can capture
        using var data = Prototypes();
        long before = LiveTensors();
        var optimizer = optim.Adam(model.parameters(), 0.01);
        double first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var (logits, mean, logVariance) = model.forward(data);
            var loss = Functional.VaeLoss(logits, data, mean, logVariance);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first - 2, $"the negative ELBO went from {first} to {last}");
        model.eval();
        using (var scope = NewDisposeScope())
        {
            var (logits, mean, _) = model.forward(data);
            Assert.Equal(new long[] { 64, 8 }, logits.shape);
            Assert.Equal(new long[] { 64, 2 }, mean.shape);
            Assert.Equal(ToDoubles(model.Decode(mean)), ToDoubles(logits));   // evaluation mode decodes μ: deterministic
            Assert.Equal("input", Assert.Throws<ArgumentException>(() => model.Encode(zeros(3, 7))).ParamName);
            Assert.Equal("latent", Assert.Throws<ArgumentException>(() => model.Decode(zeros(3, 3))).ParamName);
        }
        optimizer.Dispose();
        Assert.Equal(before, LiveTensors());
    }
}

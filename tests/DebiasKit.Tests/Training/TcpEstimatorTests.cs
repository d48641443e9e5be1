using DebiasKit.Losses;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class TcpEstimatorTests
{
    private static readonly double[] Tcp = [0.95, 0.97, 1.0, 0.9, 0.15, 0.99, 0.3, 0.92];

    private static TcpEstimatorOptions OneStep(double gamma) => new()
    {
        Gamma = gamma,
        Hidden = [],
        Training = new TrainOptions { Epochs = 1, BatchSize = 8, LearningRate = 0.5, Momentum = 0, WeightDecay = 0, Seed = 5 },
    };

    [Fact]
    public void One_full_batch_step_is_a_gradient_step_on_the_distributional_focal_loss()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Uniform(24, seed: 2), new long[] { 8, 3 }).to(float32);
        var c = tensor(Tcp).to(float32);
        using var fitted = TcpEstimator.Fit(x, c, OneStep(gamma: 2));

        // The same head (same seed, so the same initial weights), one plain gradient step by hand. The batch holds all 8
        // examples (in a shuffled order, which a sum over examples ignores).
        Seeds.Apply(5);
        using var reference = new ConfidenceHead(3, []);
        Functional.DistributionalFocalLoss(reference.forward(x), c, gamma: 2).backward();
        var expected = reference.parameters().Select(p => ToDoubles(p.detach() - 0.5 * p.grad!)).ToArray();
        var actual = fitted.Head.parameters().Select(ToDoubles).ToArray();
        for (int k = 0; k < expected.Length; k++) AllClose(expected[k], actual[k], 1e-6);

        // γ reaches the loss: ConfidNet's γ = 0 takes a different step.
        using var plain = TcpEstimator.Fit(x, c, OneStep(gamma: 0));
        Assert.NotEqual(ToDoubles(plain.Head.parameters().First()), actual[0]);
    }

    [Fact]
    public void Learns_a_reachable_target_and_is_deterministic()
    {
        // TCP = 0.5 + 0.4 x₀ is exactly a linear head's hard sigmoid (a = 2.4 x₀ stays inside its linear part).
        using var scope = NewDisposeScope();
        var x = tensor(Uniform(512, seed: 9), new long[] { 256, 2 }).to(float32);
        var c = (0.5 + 0.4 * x.select(1, 0)).contiguous();
        var options = new TcpEstimatorOptions
        {
            Gamma = 1,
            Hidden = [],
            Training = new TrainOptions { Epochs = 60, BatchSize = 64, LearningRate = 0.05, Optimizer = OptimizerKind.Adam, WeightDecay = 0, Seed = 1 },
        };
        using var first = TcpEstimator.Fit(x, c, options);
        var predicted = first.ConfidenceArray(x);
        var target = ToDoubles(c);
        double rmse = Math.Sqrt(predicted.Zip(target, (p, t) => (p - t) * (p - t)).Average());
        Assert.True(rmse < 0.02, $"RMSE {rmse}");
        Assert.True(first.EpochLosses[^1] < first.EpochLosses[0]);
        using var second = TcpEstimator.Fit(x, c, options);
        Assert.Equal(predicted, second.ConfidenceArray(x));
        AssertLeavesOnlyItsResult(() => first.Confidence(x, batchSize: 100));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var x = zeros(4, 2);
        var options = OneStep(gamma: 1);
        Assert.Throws<ArgumentException>("trueClassProbability", () => TcpEstimator.Fit(x, zeros(3), options));
        Assert.Throws<ArgumentOutOfRangeException>("trueClassProbability", () => TcpEstimator.Fit(x, tensor(new[] { 0.1f, 0.2f, 1.5f, 0.3f }), options));
        Assert.Throws<ArgumentException>("features", () => TcpEstimator.Fit(zeros(4), zeros(4), options));
        Assert.Throws<ArgumentOutOfRangeException>("Gamma", () => TcpEstimator.Fit(x, zeros(4), options with { Gamma = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>("Epochs", () => TcpEstimator.Fit(x, zeros(4), options with { Training = options.Training with { Epochs = 0 } }));
        using var fitted = TcpEstimator.Fit(x, zeros(4), options);
        Assert.Throws<ArgumentException>("features", () => fitted.Confidence(zeros(0, 2)));
    }
}

using DebiasKit.Explain;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Explain;

public class LatentCounterfactualTests
{
    /// <summary>A two-class linear classifier whose logit difference (class 1 − class 0) is w·z + b.</summary>
    private static nn.Module<Tensor, Tensor> Linear2(double[] w, double b)
    {
        var linear = nn.Linear(w.Length, 2, dtype: float64);
        using (no_grad())
        {
            linear.weight!.copy_(tensor(new double[w.Length].Concat(w).ToArray(), [2, w.Length], dtype: float64));
            linear.bias!.copy_(tensor(new[] { 0.0, b }, dtype: float64));
        }
        return linear;
    }

    private static Tensor Identity(Tensor z) => z.alias();

    [Fact]
    public void Plain_gradient_descent_walks_straight_to_a_linear_boundary_and_stops_just_past_it()
    {
        using var scope = NewDisposeScope();
        // Logit difference w·z − 2 with w = (1, 2, 2), ‖w‖ = 3. From z₀ = 0 the target probability 0.9 needs
        // w·z ≥ 2 + ln 9 = 4.1972, so the closest such code lies at L2 distance 4.1972 / 3 = 1.3991 along w.
        // Without the L1 term each step is z += lr·(1 − p)·w: parallel to w and at most lr·‖w‖ = 0.15 long.
        var classifier = Linear2([1, 2, 2], -2);
        var options = new LatentCounterfactualOptions { LearningRate = 0.05, DistanceWeight = 0, TargetConfidence = 0.9, Steps = 500 };
        using var result = LatentCounterfactual.Search(classifier, Identity, zeros(1, 3, dtype: float64), [1], options);
        var z = ToDoubles(result.Latents);
        double norm = Math.Sqrt(z.Sum(v => v * v)), minimal = (2 + Math.Log(9)) / 3;
        Assert.InRange(norm, minimal, minimal + 0.15);
        Assert.Equal(1.0, (z[0] + 2 * z[1] + 2 * z[2]) / (3 * norm), 9);   // cosine with w
        Assert.True(result.TargetProbability[0] >= 0.9);
        Assert.Equal(new long[] { 1 }, result.Predicted);
        Assert.True(result.Valid[0]);
        AllClose(z, ToDoubles(result.Inputs), 1e-12);                        // identity decoder: the input is the code
        Assert.Equal(z.Sum(Math.Abs), result.LatentDistance()[0], 9);
        Assert.InRange(result.StepsTaken[0], (int)Math.Ceiling(minimal / 0.15), 500);
    }

    [Fact]
    public void The_l1_term_keeps_a_coordinate_the_classifier_barely_uses_at_its_start()
    {
        using var scope = NewDisposeScope();
        // w = (1, 0.05): without the L1 term z₂ moves by 0.05·z₁ ≈ 0.14. With λ = 0.4 over D = 2 coordinates the L1
        // gradient on z₂ is 0.2 > (1 − p)·0.05, so z₂ only oscillates around 0 within one step, lr·(0.2 + 0.05).
        var classifier = Linear2([1, 0.05], -2);
        var plain = new LatentCounterfactualOptions { LearningRate = 0.05, DistanceWeight = 0, TargetConfidence = 0.7, Steps = 500 };
        using var free = LatentCounterfactual.Search(classifier, Identity, zeros(1, 2, dtype: float64), [1], plain);
        using var sparse = LatentCounterfactual.Search(classifier, Identity, zeros(1, 2, dtype: float64), [1], plain with { DistanceWeight = 0.4 });
        var zFree = ToDoubles(free.Latents);
        var zSparse = ToDoubles(sparse.Latents);
        Assert.Equal(0.05 * zFree[0], zFree[1], 9);
        Assert.True(zFree[1] > 0.1, $"z₂ without the L1 term: {zFree[1]}");
        Assert.True(Math.Abs(zSparse[1]) <= 0.05 * 0.25 + 1e-12, $"z₂ with the L1 term: {zSparse[1]}");
        Assert.True(sparse.Valid[0] && sparse.TargetProbability[0] >= 0.7);
    }

    [Fact]
    public void Each_example_is_searched_as_if_it_were_alone()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(3);
        var classifier = new Mlp(5, [8], 3);
        var mixing = randn(4, 5);
        Tensor Decode(Tensor z) => z.matmul(mixing).tanh();
        var start = randn(3, 4);
        long[] targets = [0, 1, 2];
        foreach (var kind in new[] { OptimizerKind.Sgd, OptimizerKind.Adam })
        {
            var options = new LatentCounterfactualOptions { Optimizer = kind, LearningRate = 0.05, Steps = 40, TargetConfidence = 0.8 };
            using var together = LatentCounterfactual.Search(classifier, Decode, start, targets, options);
            for (int i = 0; i < 3; i++)
            {
                using var alone = LatentCounterfactual.Search(classifier, Decode, start.narrow(0, i, 1), [targets[i]], options);
                AllClose(ToDoubles(alone.Latents), ToDoubles(together.Latents[i]));
                Assert.Equal(alone.StepsTaken[0], together.StepsTaken[i]);
                Assert.Equal(alone.Predicted[0], together.Predicted[i]);
            }
        }
    }

    [Fact]
    public void An_example_already_at_its_target_is_left_where_it_is_and_one_out_of_steps_keeps_its_best_code()
    {
        using var scope = NewDisposeScope();
        var classifier = Linear2([1, 1], 0);
        // z₀ = (2, 2): p(class 1) = σ(4) = 0.982 ≥ 0.9 already; z₀ = (−3, −3) with 3 tiny steps cannot get there.
        var start = tensor(new[] { 2.0, 2.0, -3.0, -3.0 }, [2, 2], dtype: float64);
        var options = new LatentCounterfactualOptions { LearningRate = 0.01, Steps = 3, DistanceWeight = 0 };
        using var result = LatentCounterfactual.Search(classifier, Identity, start, [1, 1], options);
        Assert.Equal(new[] { 0, 3 }, result.StepsTaken);
        Assert.Equal(new[] { 2.0, 2.0 }, ToDoubles(result.Latents[0]));
        Assert.Equal(new[] { true, false }, result.Valid);
        // Probabilities rise along the way, so the best code is the last: three steps of lr·(1 − p)·(1, 1).
        double z = -3;
        for (int step = 0; step < 3; step++) z += 0.01 * (1 - 1 / (1 + Math.Exp(-2 * z)));
        AllClose(new[] { z, z }, ToDoubles(result.Latents[1]), 1e-12);
        Assert.Equal(1 / (1 + Math.Exp(-2 * z)), result.TargetProbability[1], 9);
        AllClose(ToDoubles(start), ToDoubles(result.StartLatents), 0);
    }

    [Fact]
    public void The_vae_search_starts_at_the_encoder_mean_decodes_through_the_sigmoid_and_leaves_both_models_as_they_were()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(5);
        var vae = new SmallVae(inputs: 6, hidden: 8, latent: 3);
        var classifier = new Mlp(6, [], 2);
        vae.train();
        var inputs = rand(4, 6);
        var before = classifier.parameters().Concat(vae.parameters()).Select(p => ToDoubles(p)).ToList();
        long[] targets = [1, 0, 1, 0];
        Tensor Shift(Tensor x) => x * 2 - 1;
        var options = new LatentCounterfactualOptions { Steps = 30, LearningRate = 0.5 };
        using var viaVae = LatentCounterfactual.Search(classifier, vae, inputs, targets, Shift, options);
        Assert.True(vae.training);   // restored after the search, which ran it in evaluation mode
        vae.eval();
        var (mean, _) = vae.Encode(inputs);
        using var generic = LatentCounterfactual.Search(classifier, z => Shift(vae.Decode(z).sigmoid()), mean, targets, options);
        AllClose(ToDoubles(generic.Latents), ToDoubles(viaVae.Latents));
        AllClose(ToDoubles(mean), ToDoubles(viaVae.StartLatents));
        AllClose(ToDoubles(generic.Inputs), ToDoubles(viaVae.Inputs));
        var after = classifier.parameters().Concat(vae.parameters()).Select(p => ToDoubles(p)).ToList();
        for (int i = 0; i < before.Count; i++) AllClose(before[i], after[i], 0);
        Assert.All(classifier.parameters().Concat(vae.parameters()), p => Assert.True(p.requires_grad));
        Assert.All(classifier.parameters(), p => Assert.True(p.grad is null || ToDoubles(p.grad).All(g => g == 0)));
    }

    [Fact]
    public void The_search_restores_the_training_mode_and_leaves_only_its_result()
    {
        Seeds.Apply(6);
        using var vae = new SmallVae(inputs: 6, hidden: 8, latent: 3);
        using var classifier = new Mlp(6, [4], 2);
        using var inputs = rand(5, 6);
        vae.train();
        classifier.train();
        long before = LiveTensors();
        var result = LatentCounterfactual.Search(classifier, vae, inputs, [0, 1, 0, 1, 0], options: new LatentCounterfactualOptions { Steps = 5 });
        Assert.True(vae.training);
        Assert.True(classifier.training);
        Assert.Equal(before + 3, LiveTensors());   // Inputs, Latents, StartLatents
        result.Dispose();
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var classifier = Linear2([1, 1], 0);
        var start = zeros(2, 2, dtype: float64);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => LatentCounterfactual.Search(classifier, Identity, start, [1])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentOutOfRangeException>(() => LatentCounterfactual.Search(classifier, Identity, start, [1, 2])).ParamName);
        Assert.Equal("startLatents", Assert.Throws<ArgumentException>(() => LatentCounterfactual.Search(classifier, Identity, zeros(2, dtype: float64), [1, 1])).ParamName);
        Assert.Equal("startLatents", Assert.Throws<ArgumentException>(() => LatentCounterfactual.Search(classifier, Identity, full(new long[] { 2, 2 }, double.NaN, dtype: float64), [1, 1])).ParamName);
        Assert.Equal("startLatents", Assert.Throws<ArgumentException>(() => LatentCounterfactual.Search(classifier, Identity, zeros(2, 2, dtype: int64), [1, 1])).ParamName);
        Assert.Equal("TargetConfidence", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LatentCounterfactual.Search(classifier, Identity, start, [1, 1], new LatentCounterfactualOptions { TargetConfidence = 1 })).ParamName);
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LatentCounterfactual.Search(classifier, Identity, start, [1, 1], new LatentCounterfactualOptions { Steps = 0 })).ParamName);
        Assert.Equal("DistanceWeight", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LatentCounterfactual.Search(classifier, Identity, start, [1, 1], new LatentCounterfactualOptions { DistanceWeight = -1 })).ParamName);
        var vae = new SmallVae(inputs: 6, hidden: 4, latent: 2);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => LatentCounterfactual.Search(classifier, vae, zeros(2, 5), [1, 1])).ParamName);
    }
}

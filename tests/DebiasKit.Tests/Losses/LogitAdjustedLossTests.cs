using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using LogitAdjustedLossModule = DebiasKit.Losses.LogitAdjustedLoss;

namespace DebiasKit.Tests.Losses;

public class LogitAdjustedLossTests
{
    private static readonly long[] Counts = [600, 250, 100, 50];
    private static readonly double[] Prior = [0.6, 0.25, 0.1, 0.05];   // Counts / 1000

    /// <summary>Per-example loss by a plain loop: add τ·log π_k to every logit, then log Σ exp − z_y (max-shifted).</summary>
    private static double[] ReferenceLosses(double[][] logits, long[] targets, double[] prior, double tau)
    {
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            var z = new double[prior.Length];
            for (int k = 0; k < z.Length; k++) z[k] = logits[i][k] + tau * Math.Log(prior[k]);
            double max = z.Max(), sum = 0;
            for (int k = 0; k < z.Length; k++) sum += Math.Exp(z[k] - max);
            losses[i] = max + Math.Log(sum) - z[targets[i]];
        }
        return losses;
    }

    [Fact]
    public void Class_prior_is_counts_over_total()
    {
        AllClose(Prior, Functional.ClassPrior(Counts), 1e-15);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.ClassPrior([3, 0])).ParamName);
    }

    [Fact]
    public void Hand_computed_three_class_values()
    {
        using var scope = NewDisposeScope();
        var prior = new[] { 0.5, 0.25, 0.25 };
        // Logits 0, τ = 1: the adjusted logits are log π, whose softmax is π itself; target 2 → −log 0.25 = log 4 = 1.386294.
        var a = Functional.LogitAdjustedCrossEntropy(zeros(1, 3, dtype: float64), tensor(new long[] { 2 }), prior);
        Assert.Equal(Math.Log(4), a.item<double>(), 12);
        // Logits [1, 0, 0], target 0: exp of adjusted = [0.5e, 0.25, 0.25] → p_0 = e/(e + 1) → loss log(1 + e^−1) = 0.313262.
        var b = Functional.LogitAdjustedCrossEntropy(tensor(new double[] { 1, 0, 0 }, [1, 3]), tensor(new long[] { 0 }), prior);
        Assert.Equal(Math.Log(1 + Math.Exp(-1)), b.item<double>(), 12);
        Assert.Equal(0.313262, b.item<double>(), 6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Uniform_prior_gives_plain_cross_entropy(double tau)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 25, classes: 4, seed: 2, low: -3, high: 3);
        var logits = ToTensor(rows);
        var labels = tensor(targets);
        var adjusted = ToDoubles(Functional.LogitAdjustedCrossEntropy(logits, labels, [0.25, 0.25, 0.25, 0.25], tau, reduction: nn.Reduction.None));
        var plain = ToDoubles(nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None));
        AllClose(plain, adjusted, 1e-12);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 31, classes: 4, seed: 7, low: -2, high: 2);
        var actual = ToDoubles(Functional.LogitAdjustedCrossEntropy(ToTensor(rows), tensor(targets), Prior, 1.5, reduction: reduction));
        var perExample = ReferenceLosses(rows, targets, Prior, 1.5);
        double[] expected = Reduced(perExample, reduction);
        AllClose(expected, actual, 1e-12);
    }

    [Fact]
    public void Weighted_mean_follows_torch_semantics_and_float32_works()
    {
        using var scope = NewDisposeScope();
        double[] weights = [0.5, 1, 2, 3];
        var (rows, targets) = Batch(n: 20, classes: 4, seed: 9);
        var loss = Functional.LogitAdjustedCrossEntropy(ToTensor(rows), tensor(targets), Prior, weight: tensor(weights, dtype: float64));
        var per = ReferenceLosses(rows, targets, Prior, 1.0);
        double num = 0, den = 0;
        for (int i = 0; i < per.Length; i++) { num += weights[targets[i]] * per[i]; den += weights[targets[i]]; }
        Assert.Equal(num / den, loss.item<double>(), 12);

        var rounded = rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        var single = Functional.LogitAdjustedCrossEntropy(ToTensor(rows, ScalarType.Float32), tensor(targets), Prior);
        Assert.Equal(ScalarType.Float32, single.dtype);
        Assert.Equal(ReferenceLosses(rounded, targets, Prior, 1.0).Average(), single.item<float>(), Tolerance);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 5, classes: 4, seed: 21);
        var logits = ToTensor(rows, requiresGrad: true);
        Functional.LogitAdjustedCrossEntropy(logits, tensor(targets), Prior, 0.8).backward();
        var numeric = CentralDifferences(rows, r => ReferenceLosses(r, targets, Prior, 0.8).Average());
        AllClose(numeric, ToDoubles(logits.grad!), 1e-6);
    }

    [Fact]
    public void Posthoc_subtracts_tau_log_prior_and_tau_zero_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var (rows, _) = Batch(n: 6, classes: 4, seed: 4);
        var logits = ToTensor(rows);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(Functional.PosthocLogitAdjustment(logits, Prior, tau: 0)), 0);
        var adjusted = ToRows(Functional.PosthocLogitAdjustment(logits, Prior, tau: 2));
        for (int i = 0; i < rows.Length; i++)
            AllClose(rows[i].Select((z, k) => z - 2 * Math.Log(Prior[k])).ToArray(), adjusted[i], 1e-12);
        // Rare classes gain: equal logits → arg-max is the rarest class (π = 0.05).
        var tie = Functional.PosthocLogitAdjustment(zeros(1, 4, dtype: float64), Prior).argmax(1).item<long>();
        Assert.Equal(3L, tie);
    }

    [Fact]
    public void Leaves_no_tensor_alive_but_its_result()
    {
        var (rows, targets) = Batch(n: 10, classes: 4, seed: 9);
        using var logits = ToTensor(rows);
        using var labels = tensor(targets);
        using var weight = tensor(new double[] { 1, 2, 3, 4 }, dtype: float64);
        AssertLeavesOnlyItsResult(() => Functional.LogitAdjustedCrossEntropy(logits, labels, Prior, weight: weight));
        AssertLeavesOnlyItsResult(() => Functional.PosthocLogitAdjustment(logits, Prior));
        Assert.Equal(rows.SelectMany(r => r).ToArray(), ToDoubles(logits));
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    public void Module_equals_the_functional(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 12, classes: 4, seed: 13);
        LogitAdjustedLossModule module;
        using (NewDisposeScope()) module = new LogitAdjustedLossModule(Prior, tau: 1.2, weight: tensor(new double[] { 1, 2, 3, 4 }, dtype: float64), reduction: reduction);
        using (module)
        {
            var fromModule = ToDoubles(module.forward(ToTensor(rows), tensor(targets)));
            var fromFunction = ToDoubles(Functional.LogitAdjustedCrossEntropy(ToTensor(rows), tensor(targets), Prior, 1.2,
                tensor(new double[] { 1, 2, 3, 4 }, dtype: float64), reduction));
            AllClose(fromFunction, fromModule, 1e-12);
            AllClose(Prior.Select(p => 1.2 * Math.Log(p)).ToArray(), module.Offsets, 1e-15);
            Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, 3), zeros(2, dtype: int64))).ParamName);
        }
    }

    private static string? ParamNameOf(Func<Tensor> call) => Assert.ThrowsAny<ArgumentException>(() => { using var _ = call(); }).ParamName;

    [Fact]
    public void Rejects_bad_priors_tau_and_logits()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 3);
        var targets = tensor(new long[] { 0, 2 });
        double[] ok = [0.5, 0.3, 0.2];
        Assert.Equal("prior", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, [0.5, 0.5, 0.0])));
        Assert.Equal("prior", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, [0.7, 0.5, -0.2])));
        Assert.Equal("prior", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, [0.5, 0.3, 0.3])));       // sums to 1.1
        Assert.Equal("prior", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, [0.5, 0.5])));            // wrong length
        Assert.Equal("prior", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, [0.5, double.NaN, 0.5])));
        Assert.Equal("prior", ParamNameOf(() => Functional.PosthocLogitAdjustment(logits, [0.25, 0.25, 0.25, 0.25])));
        Assert.Equal("prior", ParamNameOf(() => Functional.PosthocLogitAdjustment(logits, [1.0, 0.0, 0.0])));
        Assert.Throws<ArgumentNullException>("prior", () => Functional.LogitAdjustedCrossEntropy(logits, targets, null!));
        Assert.Equal("tau", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, ok, tau: -1)));
        Assert.Equal("tau", ParamNameOf(() => Functional.PosthocLogitAdjustment(logits, ok, tau: double.NaN)));
        Assert.Equal("logits", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(tensor(new float[] { 0, float.NaN, 0, 0, 0, 0 }, [2, 3]), targets, ok)));
        Assert.Equal("logits", ParamNameOf(() => Functional.PosthocLogitAdjustment(tensor(new float[] { 0, float.NaN, 0, 0, 0, 0 }, [2, 3]), ok)));
        Assert.Equal("logits", ParamNameOf(() => Functional.PosthocLogitAdjustment(zeros(3), ok)));
        Assert.Equal("targets", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, tensor(new long[] { 0, 3 }), ok)));
        Assert.Equal("weight", ParamNameOf(() => Functional.LogitAdjustedCrossEntropy(logits, targets, ok, weight: ones(2))));
        Assert.Equal("prior", Assert.ThrowsAny<ArgumentException>(() => new LogitAdjustedLossModule([0.5, 0.6])).ParamName);
    }
}

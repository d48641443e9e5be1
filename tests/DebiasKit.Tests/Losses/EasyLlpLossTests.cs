using DebiasKit.Data;
using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using EasyLlpLossModule = DebiasKit.Losses.EasyLlpLoss;

namespace DebiasKit.Tests.Losses;

public class EasyLlpLossTests
{
    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>The logistic loss of logit z for label y, written plainly.</summary>
    private static double Logistic(double z, double y) => y == 1 ? Softplus(-z) : Softplus(z);

    /// <summary>The EasyLLP per-instance losses by a plain loop: ỹ = k(α_b − p) + p, ℓ̃ = ỹ ℓ(z, 1) + (1 − ỹ) ℓ(z, 0).</summary>
    private static double[] ReferenceLosses(double[] logits, double[] proportions, int k, double prior)
    {
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            double soft = k * (proportions[i / k] - prior) + prior;
            losses[i] = soft * Logistic(logits[i], 1) + (1 - soft) * Logistic(logits[i], 0);
        }
        return losses;
    }

    /// <summary>Seeded labels, logits and a bagging of them, laid out bag after bag.</summary>
    private static (double[] Logits, long[] Labels, double[] Proportions) Bagged(int bags, int k, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, bags * k).Select(_ => random.NextDouble() < 0.3 ? 1L : 0L).ToArray();
        var logits = Uniform(bags * k, seed + 1, -3, 3);
        var proportions = Enumerable.Range(0, bags).Select(b => labels.Skip(b * k).Take(k).Average(l => (double)l)).ToArray();
        return (logits, labels, proportions);
    }

    [Fact]
    public void Soft_labels_are_hand_computed()
    {
        using var scope = NewDisposeScope();
        // k = 4, p = 0.25: α = 0.5 → 4 · 0.25 + 0.25 = 1.25; α = 0 → −0.75; α = 1 → 3.25.
        var soft = ToDoubles(Functional.EasyLlpSoftLabels(tensor(new[] { 0.5, 0.0, 1.0 }), bagSize: 4, prior: 0.25));
        AllClose([1.25, -0.75, 3.25], soft, 1e-12);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (logits, _, proportions) = Bagged(bags: 7, k: 4, seed: 3);
        var actual = ToDoubles(Functional.EasyLlpLoss(tensor(logits), tensor(proportions), 4, prior: 0.3, reduction));
        var perInstance = ReferenceLosses(logits, proportions, 4, 0.3);
        double[] expected = Reduced(perInstance, reduction);
        AllClose(expected, actual, 1e-10);
    }

    [Fact]
    public void Float32_input_gives_the_same_values_within_float_tolerance()
    {
        using var scope = NewDisposeScope();
        var (logits, _, proportions) = Bagged(bags: 9, k: 2, seed: 11);
        var actual = ToDoubles(Functional.EasyLlpLoss(tensor(logits, dtype: float32), tensor(proportions, dtype: float32), 2, 0.3, nn.Reduction.None));
        AllClose(ReferenceLosses(logits, proportions, 2, 0.3), actual, Tolerance);
    }

    [Fact]
    public void Bag_size_one_is_supervised_binary_cross_entropy()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, proportions) = Bagged(bags: 25, k: 1, seed: 5);
        Assert.Equal(labels.Select(l => (double)l), proportions);
        var easy = ToDoubles(Functional.EasyLlpLoss(tensor(logits), tensor(proportions), 1, prior: 0.37, nn.Reduction.None));
        var bce = ToDoubles(nn.functional.binary_cross_entropy_with_logits(tensor(logits), tensor(proportions), reduction: nn.Reduction.None));
        AllClose(bce, easy, 1e-12);
    }

    [Theory]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.5)]
    [InlineData(5, 0.12)]
    public void Expectation_over_the_bag_mates_labels_is_the_instance_loss(int k, double prior)
    {
        // The paper's model: the other k − 1 labels of instance 0's bag are i.i.d. Bernoulli(p). Enumerate all 2^(k−1)
        // of them with their probabilities; the expected EasyLLP loss of instance 0 must equal ℓ(z_0, y_0) exactly,
        // whatever the logits of the bag-mates.
        using var scope = NewDisposeScope();
        var mates = Uniform(k - 1, seed: k, -2, 2);
        foreach (double z in new[] { -2.5, -0.3, 0.0, 1.7 })
            foreach (long y in new long[] { 0, 1 })
            {
                var bagLogits = tensor(new[] { z }.Concat(mates).ToArray());
                double expected = 0;
                for (int pattern = 0; pattern < 1 << (k - 1); pattern++)
                {
                    int ones = System.Numerics.BitOperations.PopCount((uint)pattern);
                    double probability = Math.Pow(prior, ones) * Math.Pow(1 - prior, k - 1 - ones);
                    double alpha = (y + ones) / (double)k;
                    var losses = Functional.EasyLlpLoss(bagLogits, tensor(new[] { alpha }), k, prior, nn.Reduction.None);
                    expected += probability * losses[0].item<double>();
                }
                Assert.Equal(Logistic(z, y), expected, 12);
            }
    }

    /// <summary>
    /// Over uniform random partitions of a finite population (the notebook's setting), the bag-mates are drawn
    /// without replacement, so E[ỹ_i] = y_i + (k − 1)(p − y_i)/(n − 1) with p the population's share of ones: the mean
    /// EasyLLP loss is unbiased up to (k − 1)/(n − 1) · mean_i (p − y_i)(ℓ(z_i, 1) − ℓ(z_i, 0)).
    /// </summary>
    private static double FinitePopulationExpectation(double[] logits, long[] labels, int k)
    {
        int n = labels.Length;
        double p = labels.Average(l => (double)l);
        return Enumerable.Range(0, n).Average(i =>
            Logistic(logits[i], labels[i]) + (k - 1.0) / (n - 1) * (p - labels[i]) * (Logistic(logits[i], 1) - Logistic(logits[i], 0)));
    }

    private static double EstimateFor(int[] order, double[] logits, long[] labels, int k, double prior)
    {
        var partition = new BagPartition(labels.Length, k, order);
        var bagged = order.Select(i => logits[i]).ToArray();
        return Functional.EasyLlpLoss(tensor(bagged), tensor(partition.Proportions(labels)), k, prior).item<double>();
    }

    [Fact]
    public void Average_over_every_partition_of_a_tiny_population_is_the_finite_population_expectation()
    {
        // n = 6, k = 3: all 720 orderings, each a partition into two bags; their average is the exact expectation.
        using var scope = NewDisposeScope();
        long[] labels = [1, 0, 0, 1, 0, 0];
        double[] logits = [0.8, -1.2, 0.3, 2.0, -0.4, 1.1];
        double prior = labels.Average(l => (double)l);
        double sum = 0;
        int count = 0;
        foreach (var order in Permutations([0, 1, 2, 3, 4, 5]))
        {
            sum += EstimateFor(order, logits, labels, 3, prior);
            count++;
        }
        Assert.Equal(720, count);
        double trueRisk = Enumerable.Range(0, 6).Average(i => Logistic(logits[i], labels[i]));
        Assert.Equal(FinitePopulationExpectation(logits, labels, 3), sum / count, 10);
        Assert.NotEqual(trueRisk, sum / count, 3);   // the finite-population term is visible at n = 6 …
    }

    [Fact]
    public void Seeded_random_bags_average_to_the_true_risk_on_a_larger_population()
    {
        // … and vanishes as n grows: 4,000 random baggings (Bags.Random) of n = 400 in bags of 8. The Monte Carlo mean
        // must lie within 4 standard errors of the finite-population expectation, which differs from the true risk by O(k/n) (here under 2 %).
        using var scope = NewDisposeScope();
        const int n = 400, k = 8, repeats = 4_000;
        var random = new Random(17);
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.25 ? 1L : 0L).ToArray();
        var logits = Uniform(n, 18, -2, 2).Select((z, i) => z + (labels[i] == 1 ? 1.0 : 0.0)).ToArray();
        double prior = labels.Average(l => (double)l);
        // All baggings in one call: repeat r's instances occupy rows r·n … r·n + n − 1, bag after bag.
        var orders = Enumerable.Range(0, repeats).Select(r => Bags.Random(n, k, seed: 1000 + r)).ToArray();
        var allLogits = tensor(orders.SelectMany(o => o.Order.Select(i => logits[i])).ToArray());
        var allProportions = tensor(orders.SelectMany(o => o.Proportions(labels)).ToArray());
        var perRepeat = Functional.EasyLlpLoss(allLogits, allProportions, k, prior, nn.Reduction.None).reshape(repeats, n).mean([1L]);
        var estimates = ToDoubles(perRepeat);
        double mean = estimates.Average();
        double standardError = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (repeats - 1) / repeats);
        double trueRisk = Enumerable.Range(0, n).Average(i => Logistic(logits[i], labels[i]));
        double expectation = FinitePopulationExpectation(logits, labels, k);
        Assert.True(Math.Abs(mean - expectation) < 4 * standardError, $"MC mean {mean}, expectation {expectation}, SE {standardError}");
        Assert.True(Math.Abs(expectation - trueRisk) < 0.02 * trueRisk);
        Assert.True(standardError * Math.Sqrt(repeats) > 0.01, "the estimates must actually vary across baggings");
    }

    [Fact]
    public void Independent_bags_average_to_the_true_risk_without_the_finite_population_term()
    {
        // Under i.i.d. bags (Bags.Independent, members drawn with replacement) and p = the population's share of ones,
        // the estimate is exactly unbiased for the population's mean instance loss: 3,000 baggings of a population of
        // 30 in bags of 6, where the partition's finite-population term would be large ((k − 1)/(n − 1) = 0.17).
        using var scope = NewDisposeScope();
        const int n = 30, k = 6, bagsPerDraw = 5, repeats = 3_000;
        var random = new Random(41);
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4 ? 1L : 0L).ToArray();
        var logits = Uniform(n, 42, -2, 2).Select((z, i) => z + (labels[i] == 1 ? 1.5 : 0.0)).ToArray();
        double prior = labels.Average(l => (double)l);
        var draws = Enumerable.Range(0, repeats).Select(r => Bags.Independent(n, k, bagsPerDraw, seed: 5_000 + r)).ToArray();
        var perDraw = Functional.EasyLlpLoss(tensor(draws.SelectMany(b => b.Order.Select(i => logits[i])).ToArray()),
            tensor(draws.SelectMany(b => b.Proportions(labels)).ToArray()), k, prior, nn.Reduction.None).reshape(repeats, k * bagsPerDraw).mean([1L]);
        var estimates = ToDoubles(perDraw);
        double mean = estimates.Average();
        double standardError = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (repeats - 1) / repeats);
        double trueRisk = Enumerable.Range(0, n).Average(i => Logistic(logits[i], labels[i]));
        double partitionTerm = FinitePopulationExpectation(logits, labels, k) - trueRisk;
        Assert.True(Math.Abs(mean - trueRisk) < 4 * standardError, $"MC mean {mean}, true risk {trueRisk}, s.e. {standardError}");
        Assert.True(Math.Abs(partitionTerm) > 8 * standardError, "the test must be able to tell i.i.d. bags from a partition");
    }

    [Fact]
    public void Arbitrary_loss_overload_matches_the_logit_form_and_estimates_a_squared_loss()
    {
        using var scope = NewDisposeScope();
        var (logits, _, proportions) = Bagged(bags: 6, k: 3, seed: 23);
        var z = tensor(logits);
        var viaLosses = ToDoubles(Functional.EasyLlpLoss(nn.functional.softplus(-z), nn.functional.softplus(z), tensor(proportions), 3, 0.4, nn.Reduction.None));
        AllClose(ReferenceLosses(logits, proportions, 3, 0.4), viaLosses, 1e-12);

        var h = z.sigmoid();
        var squared = ToDoubles(Functional.EasyLlpLoss((h - 1).square(), h.square(), tensor(proportions), 3, 0.4, nn.Reduction.None));
        var hs = ToDoubles(h);
        var expected = hs.Select((v, i) => { double s = 3 * (proportions[i / 3] - 0.4) + 0.4; return s * (v - 1) * (v - 1) + (1 - s) * v * v; }).ToArray();
        AllClose(expected, squared, 1e-12);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var (logits, _, proportions) = Bagged(bags: 4, k: 3, seed: 29);
        var input = tensor(logits, requires_grad: true);
        Functional.EasyLlpLoss(input, tensor(proportions), 3, 0.3, nn.Reduction.Sum).backward();
        var analytic = ToDoubles(input.grad!);
        var numeric = CentralDifferences([logits], rows => ReferenceLosses(rows[0], proportions, 3, 0.3).Sum());
        AllClose(numeric, analytic, 1e-6);
        // ∂ℓ̃/∂z = σ(z) − ỹ, by hand for instance 0.
        double soft = 3 * (proportions[0] - 0.3) + 0.3;
        Assert.Equal(1 / (1 + Math.Exp(-logits[0])) - soft, analytic[0], 10);
    }

    [Fact]
    public void Module_equals_the_function_and_leaves_no_tensors()
    {
        using var scope = NewDisposeScope();
        var (logits, _, proportions) = Bagged(bags: 5, k: 4, seed: 31);
        using var module = new EasyLlpLossModule(4, 0.3, nn.Reduction.None);
        AllClose(ToDoubles(Functional.EasyLlpLoss(tensor(logits), tensor(proportions), 4, 0.3, nn.Reduction.None)),
            ToDoubles(module.forward(tensor(logits), tensor(proportions))), 0);
        var z = tensor(logits);
        var a = tensor(proportions);
        AssertLeavesOnlyItsResult(() => Functional.EasyLlpLoss(z, a, 4, 0.3));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var z = tensor(new[] { 0.1, 0.2, 0.3, 0.4 });
        var a = tensor(new[] { 0.5, 0.5 });
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("bagProportions", Param(() => Functional.EasyLlpLoss(z, tensor(new[] { 0.5, 1.5 }), 2, 0.3)));
        Assert.Equal("bagProportions", Param(() => Functional.EasyLlpLoss(z, tensor(new[] { -0.5, 0.5 }), 2, 0.3)));
        Assert.Equal("bagProportions", Param(() => Functional.EasyLlpLoss(z, tensor(new[] { double.NaN, 0.5 }), 2, 0.3)));
        Assert.Equal("bagProportions", Param(() => Functional.EasyLlpLoss(z, tensor(new[,] { { 0.5, 0.5 } }), 2, 0.3)));
        Assert.Equal("bagSize", Param(() => Functional.EasyLlpLoss(z, a, 0, 0.3)));
        Assert.Equal("logits", Param(() => Functional.EasyLlpLoss(z, a, 3, 0.3)));                           // 4 ≠ 2 · 3
        Assert.Equal("logits", Param(() => Functional.EasyLlpLoss(tensor(new[] { 0.1, double.NaN, 0.3, 0.4 }), a, 2, 0.3)));
        Assert.Equal("logits", Param(() => Functional.EasyLlpLoss(z.reshape(4, 1), a, 2, 0.3)));
        Assert.Equal("logits", Param(() => Functional.EasyLlpLoss(tensor(new long[] { 1, 2, 3, 4 }), a, 2, 0.3)));
        Assert.Equal("prior", Param(() => Functional.EasyLlpLoss(z, a, 2, 1.5)));
        Assert.Equal("prior", Param(() => Functional.EasyLlpLoss(z, a, 2, double.NaN)));
        Assert.Equal("lossIfNegative", Param(() => Functional.EasyLlpLoss(z, tensor(new[] { 0.1, 0.2 }), a, 2, 0.3)));
        Assert.Equal("bagSize", Param(() => new EasyLlpLossModule(0, 0.3)));
        Assert.Equal("prior", Param(() => new EasyLlpLossModule(2, -0.1)));
        using var module = new EasyLlpLossModule(2, 0.3);
        Assert.Equal("input", Param(() => module.forward(z, tensor(new[] { 0.5, 0.5, 0.5 }))));   // 4 instances, 3 bags of 2
        Assert.Equal("target", Param(() => module.forward(z, tensor(new[] { 0.5, 2.0 }))));
        Assert.Contains("[0, 1]", Assert.ThrowsAny<ArgumentException>(() => Functional.EasyLlpLoss(z, tensor(new[] { 0.5, 1.5 }), 2, 0.3)).Message);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray()))
                yield return new[] { items[i] }.Concat(rest).ToArray();
    }
}

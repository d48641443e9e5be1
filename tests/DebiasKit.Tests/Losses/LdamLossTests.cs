using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using LdamLossModule = DebiasKit.Losses.LdamLoss;

namespace DebiasKit.Tests.Losses;

public class LdamLossTests
{
    private static readonly long[] Counts = [500, 120, 40, 9];

    // ---- independent reference -------------------------------------------------------------------------------

    /// <summary>Margins written from the paper: Δ_j ∝ n_j^(-1/4), rescaled so that the largest is maxMargin.</summary>
    private static double[] ReferenceMargins(long[] counts, double maxMargin)
    {
        var raw = new double[counts.Length];
        double largest = 0;
        for (int j = 0; j < counts.Length; j++)
        {
            raw[j] = Math.Pow(counts[j], -0.25);
            largest = Math.Max(largest, raw[j]);
        }
        for (int j = 0; j < raw.Length; j++) raw[j] = raw[j] * maxMargin / largest;
        return raw;
    }

    /// <summary>
    /// Per-example LDAM loss by a plain loop: subtract the true class's margin from its logit, multiply every logit
    /// by s, and take the cross-entropy log Σ_k exp(z_k) − z_y (with the maximum subtracted for stability).
    /// </summary>
    private static double[] ReferenceLosses(double[][] logits, long[] targets, long[] counts, double maxMargin, double s)
    {
        var margins = ReferenceMargins(counts, maxMargin);
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            int y = (int)targets[i];
            var z = new double[logits[i].Length];
            for (int k = 0; k < z.Length; k++) z[k] = s * (logits[i][k] - (k == y ? margins[y] : 0.0));
            double max = z.Max();
            double sumExp = 0;
            for (int k = 0; k < z.Length; k++) sumExp += Math.Exp(z[k] - max);
            losses[i] = max + Math.Log(sumExp) - z[y];
        }
        return losses;
    }

    private static double ReferenceWeightedMean(double[] losses, long[] targets, double[] weights)
    {
        double numerator = 0, denominator = 0;
        for (int i = 0; i < losses.Length; i++)
        {
            numerator += weights[targets[i]] * losses[i];
            denominator += weights[targets[i]];
        }
        return numerator / denominator;
    }

    // Batches use TestHelpers.Batch's default range [-1, 1): the range of the cosine classifier LDAM is paired with.

    // ---- margins ---------------------------------------------------------------------------------------------

    [Fact]
    public void Margins_are_inverse_fourth_roots_scaled_to_the_max_margin()
    {
        // counts 1, 16, 81 → n^(-1/4) = 1, 1/2, 1/3; the largest (1) becomes 0.5, so Δ = 0.5, 0.25, 0.5/3.
        var margins = Functional.LdamMargins([1, 16, 81], maxMargin: 0.5);
        AllClose([0.5, 0.25, 0.5 / 3], margins, 1e-12);
    }

    [Fact]
    public void Margins_match_the_reference_loop_and_peak_at_the_rarest_class()
    {
        var margins = Functional.LdamMargins(Counts, maxMargin: 0.7);
        AllClose(ReferenceMargins(Counts, 0.7), margins, 1e-12);
        Assert.Equal(0.7, margins.Max(), 12);
        Assert.Equal(Array.IndexOf(Counts, Counts.Min()), Array.IndexOf(margins, margins.Max()));
    }

    [Fact]
    public void Margins_reject_bad_counts_and_max_margin()
    {
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.LdamMargins([])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.LdamMargins([10, 0])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => Functional.LdamMargins([10, -3])).ParamName);
        Assert.Equal("maxMargin", Assert.ThrowsAny<ArgumentException>(() => Functional.LdamMargins([10, 5], 0)).ParamName);
        Assert.Equal("maxMargin", Assert.ThrowsAny<ArgumentException>(() => Functional.LdamMargins([10, 5], double.NaN)).ParamName);
    }

    // ---- the loss against the loop ---------------------------------------------------------------------------

    [Fact]
    public void Hand_computed_two_class_value()
    {
        // Two classes, logits [0, 0], target 0, counts [1, 1] → both margins 0.5; s = 1.
        // Shifted logits [−0.5, 0]: loss = log(e^−0.5 + e^0) + 0.5 = log(1 + e^0.5) = log(2.648721) = 0.974077.
        using var scope = NewDisposeScope();
        var loss = Functional.LdamLoss(zeros(1, 2, dtype: float64), tensor(new long[] { 0 }), [1, 1], maxMargin: 0.5, scale: 1);
        Assert.Equal(Math.Log(1 + Math.Exp(0.5)), loss.item<double>(), 12);
        Assert.Equal(0.974077, loss.item<double>(), 6);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Unweighted_loss_matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 37, classes: Counts.Length, seed: 11);
        var actual = ToDoubles(Functional.LdamLoss(ToTensor(rows), tensor(targets), Counts, maxMargin: 0.5, scale: 30, reduction: reduction));
        var perExample = ReferenceLosses(rows, targets, Counts, 0.5, 30);
        double[] expected = Reduced(perExample, reduction);
        AllClose(expected, actual);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Weighted_loss_follows_torch_semantics(nn.Reduction reduction)
    {
        // torch's cross_entropy with class weights: None → w_y·l, Sum → Σ w_y·l, Mean → Σ w_y·l / Σ w_y.
        using var scope = NewDisposeScope();
        double[] weights = [0.2, 0.7, 1.3, 1.8];
        var (rows, targets) = Batch(n: 29, classes: Counts.Length, seed: 5);
        var actual = ToDoubles(Functional.LdamLoss(ToTensor(rows), tensor(targets), Counts, maxMargin: 0.4, scale: 16,
            weight: tensor(weights, dtype: float64), reduction: reduction));
        var perExample = ReferenceLosses(rows, targets, Counts, 0.4, 16);
        var weighted = perExample.Select((l, i) => weights[targets[i]] * l).ToArray();
        double[] expected = reduction switch
        {
            nn.Reduction.None => weighted,
            nn.Reduction.Mean => [ReferenceWeightedMean(perExample, targets, weights)],
            _ => [weighted.Sum()],
        };
        AllClose(expected, actual);
    }

    [Fact]
    public void Float32_logits_match_the_float64_reference()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 64, classes: Counts.Length, seed: 3);
        var loss = Functional.LdamLoss(ToTensor(rows, ScalarType.Float32), tensor(targets), Counts);   // defaults: 0.5, s = 30
        Assert.Equal(ScalarType.Float32, loss.dtype);
        // The reference uses the float32-rounded logits, so the only difference left is float32 arithmetic.
        var rounded = rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        Assert.Equal(ReferenceLosses(rounded, targets, Counts, 0.5, 30).Average(), loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Float32_weights_from_class_weights_work_with_float64_logits()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 15, classes: Counts.Length, seed: 23);
        var balanced = ClassWeights.EffectiveNumber(Counts, 0.999);
        var loss = Functional.LdamLoss(ToTensor(rows), tensor(targets), Counts, weight: ClassWeights.ToTensor(balanced));
        Assert.Equal(ScalarType.Float64, loss.dtype);
        var roundedWeights = balanced.Select(w => (double)(float)w).ToArray();
        Assert.Equal(ReferenceWeightedMean(ReferenceLosses(rows, targets, Counts, 0.5, 30), targets, roundedWeights), loss.item<double>(), 1e-9);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        double[] weights = [1.0, 0.5, 2.0, 1.5];
        var (rows, targets) = Batch(n: 6, classes: Counts.Length, seed: 21);
        var logits = ToTensor(rows, requiresGrad: true);
        var loss = Functional.LdamLoss(logits, tensor(targets), Counts, maxMargin: 0.5, scale: 10, weight: tensor(weights, dtype: float64));
        loss.backward();
        var analytic = ToDoubles(logits.grad!);

        var numeric = CentralDifferences(rows, r => ReferenceWeightedMean(ReferenceLosses(r, targets, Counts, 0.5, 10), targets, weights));
        AllClose(numeric, analytic, 1e-6);
    }

    [Fact]
    public void Inputs_are_left_unchanged()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 10, classes: Counts.Length, seed: 8);
        var logits = ToTensor(rows);
        var labels = tensor(targets);
        _ = Functional.LdamLoss(logits, labels, Counts, reduction: nn.Reduction.None);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(logits), 0);
        Assert.Equal(targets, labels.data<long>().ToArray());
    }

    [Fact]
    public void Leaves_no_tensor_alive_but_its_result()
    {
        var (rows, targets) = Batch(n: 10, classes: Counts.Length, seed: 9);
        using var logits = ToTensor(rows);
        using var labels = tensor(targets);
        using var weight = tensor(new double[] { 1, 2, 3, 4 }, dtype: float64);
        AssertLeavesOnlyItsResult(() => Functional.LdamLoss(logits, labels, Counts, weight: weight));
    }

    // ---- the module ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Module_equals_the_functional(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 20, classes: Counts.Length, seed: 13);
        var weight = tensor(new double[] { 0.5, 1, 1.5, 2 }, dtype: float64);
        using var module = new LdamLossModule(Counts, maxMargin: 0.3, scale: 20, weight: weight, reduction: reduction);
        var fromModule = ToDoubles(module.forward(ToTensor(rows), tensor(targets)));
        var fromFunction = ToDoubles(Functional.LdamLoss(ToTensor(rows), tensor(targets), Counts, 0.3, 20, weight, reduction));
        AllClose(fromFunction, fromModule, 1e-12);
        AllClose(Functional.LdamMargins(Counts, 0.3), module.Margins, 0);
    }

    [Fact]
    public void Module_keeps_its_weight_after_the_callers_scope_ends()
    {
        var (rows, targets) = Batch(n: 8, classes: Counts.Length, seed: 17);
        LdamLossModule module;
        using (NewDisposeScope())
        {
            module = new LdamLossModule(Counts, weight: tensor(new double[] { 1, 2, 3, 4 }, dtype: float64));
        }
        using (module)
        using (NewDisposeScope())
        {
            var loss = module.forward(ToTensor(rows), tensor(targets)).item<double>();
            var expected = ReferenceWeightedMean(ReferenceLosses(rows, targets, Counts, 0.5, 30), targets, [1, 2, 3, 4]);
            Assert.Equal(expected, loss, 1e-9);
        }
    }

    [Fact]
    public void Module_rejects_bad_arguments()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => new LdamLossModule([5, 0])).ParamName);
        Assert.Equal("scale", Assert.ThrowsAny<ArgumentException>(() => new LdamLossModule([5, 3], scale: 0)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => new LdamLossModule([5, 3], weight: ones(3, dtype: float64))).ParamName);
        using var module = new LdamLossModule([5, 3, 2]);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(4, 2), zeros(4, dtype: int64))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(4), zeros(4, dtype: int64))).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(4, 3), zeros(3, dtype: int64))).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, 3), tensor(new long[] { 0, 3 }))).ParamName);
    }

    // ---- bad input to the functional -------------------------------------------------------------------------

    private static string? ParamNameOf(Func<Tensor> call) => Assert.ThrowsAny<ArgumentException>(() => { using var _ = call(); }).ParamName;

    [Fact]
    public void Rejects_targets_of_the_wrong_length()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("targets", ParamNameOf(() => Functional.LdamLoss(zeros(4, 3), zeros(5, dtype: int64), [1, 2, 3])));
        Assert.Equal("targets", ParamNameOf(() => Functional.LdamLoss(zeros(4, 3), zeros(4, 1, dtype: int64), [1, 2, 3])));
    }

    [Fact]
    public void Rejects_logits_that_are_not_two_dimensional()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("logits", ParamNameOf(() => Functional.LdamLoss(zeros(4), zeros(4, dtype: int64), [1, 2, 3, 4])));
        Assert.Equal("logits", ParamNameOf(() => Functional.LdamLoss(zeros(4, 3, 1), zeros(4, dtype: int64), [1, 2, 3])));
        Assert.Equal("logits", ParamNameOf(() => Functional.LdamLoss(zeros(4, 3, dtype: int64), zeros(4, dtype: int64), [1, 2, 3])));
    }

    [Fact]
    public void Rejects_class_counts_of_the_wrong_length_or_not_positive()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(4, 3);
        var targets = zeros(4, dtype: int64);
        Assert.Equal("classCounts", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2])));
        Assert.Equal("classCounts", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3, 4])));
        Assert.Equal("classCounts", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 0, 3])));
        Assert.Equal("classCounts", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, -2, 3])));
        Assert.Throws<ArgumentNullException>("classCounts", () => Functional.LdamLoss(logits, targets, null!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Rejects_labels_outside_the_classes(long label)
    {
        using var scope = NewDisposeScope();
        var e = Assert.ThrowsAny<ArgumentException>(() => Functional.LdamLoss(zeros(2, 3), tensor(new long[] { 0, label }), [1, 2, 3]));
        Assert.Equal("targets", e.ParamName);
    }

    [Fact]
    public void Rejects_nan_logits_int32_targets_and_a_bad_scale()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 3);
        var targets = tensor(new long[] { 0, 2 });
        Assert.Equal("logits", ParamNameOf(() => Functional.LdamLoss(tensor(new float[] { 0, float.NaN, 0, 0, 0, 0 }, [2, 3]), targets, [1, 2, 3])));
        Assert.Equal("targets", ParamNameOf(() => Functional.LdamLoss(logits, tensor(new int[] { 0, 2 }), [1, 2, 3])));
        Assert.Equal("scale", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], scale: 0)));
        Assert.Equal("scale", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], scale: -30)));
        Assert.Equal("scale", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], scale: double.NaN)));
        Assert.Equal("maxMargin", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], maxMargin: -0.5)));
        Assert.Equal("weight", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], weight: ones(2))));
        Assert.Equal("weight", ParamNameOf(() => Functional.LdamLoss(logits, targets, [1, 2, 3], weight: tensor(new float[] { 1, -1, 1 }))));
    }
}

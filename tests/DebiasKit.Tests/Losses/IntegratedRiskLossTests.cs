using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using IntegratedRiskLossModule = DebiasKit.Losses.IntegratedRiskLoss;

namespace DebiasKit.Tests.Losses;

public class IntegratedRiskLossTests
{
    private const int C = 4;
    private static readonly double[] Weights = [0.4, 0.8, 1.2, 1.6];
    private static readonly double[] Margins = [0.1, 0.2, 0.3, 0.5];

    /// <summary>
    /// The reference code's objective by plain loops: shift the true-class logit by its margin, take log-softmax, then
    /// CE term w_y·(−log p_y) and utility term −Σ_c w_c U[y,c] log p_c; Mean = Σ w_y CE / Σ w_y + Σ util / (α N).
    /// </summary>
    private static double[] Reference(double[][] logits, long[] targets, double[,] u, double alpha, double[]? w, double[]? m, nn.Reduction reduction)
    {
        int n = logits.Length;
        var ce = new double[n];
        var util = new double[n];
        var wy = new double[n];
        for (int i = 0; i < n; i++)
        {
            int y = (int)targets[i];
            var z = (double[])logits[i].Clone();
            if (m is not null) z[y] -= m[y];
            double max = z.Max(), sum = 0;
            for (int k = 0; k < C; k++) sum += Math.Exp(z[k] - max);
            double logSum = max + Math.Log(sum);
            wy[i] = w?[y] ?? 1.0;
            ce[i] = logSum - z[y];
            for (int c = 0; c < C; c++) util[i] -= (w?[c] ?? 1.0) * u[y, c] * (z[c] - logSum);
        }
        return reduction switch
        {
            nn.Reduction.None => Enumerable.Range(0, n).Select(i => wy[i] * ce[i] + util[i] / alpha).ToArray(),
            nn.Reduction.Sum => [Enumerable.Range(0, n).Sum(i => wy[i] * ce[i] + util[i] / alpha)],
            _ => [Enumerable.Range(0, n).Sum(i => wy[i] * ce[i]) / wy.Sum() + util.Average() / alpha],
        };
    }

    private static double[,] RandomUtility(int seed)
    {
        var values = Uniform(C * C, seed, -2, 2);
        var u = new double[C, C];
        for (int a = 0; a < C; a++) for (int b = 0; b < C; b++) u[a, b] = values[a * C + b];
        return u;
    }

    private static Tensor ToTensor2(double[,] u) => tensor(u.Cast<double>().ToArray(), [u.GetLength(0), u.GetLength(1)], dtype: float64);

    [Fact]
    public void Tail_sensitive_utility_is_u_strictly_below_the_diagonal()
    {
        using var scope = NewDisposeScope();
        // Row = true class y, column = decision c: U[y, c] = u exactly when c < y (c is a head class relative to y).
        var u = ToRows(UtilityMatrix.TailSensitive(3, -2.0));
        AllClose([0, 0, 0], u[0], 0);
        AllClose([-2, 0, 0], u[1], 0);
        AllClose([-2, -2, 0], u[2], 0);
        AllClose([1, 0, 0, 1], ToDoubles(UtilityMatrix.Identity(2)), 0);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => UtilityMatrix.TailSensitive(0)).ParamName);
        Assert.Equal("u", Assert.ThrowsAny<ArgumentException>(() => UtilityMatrix.TailSensitive(3, double.NaN)).ParamName);
    }

    [Fact]
    public void Hand_computed_two_class_values()
    {
        using var scope = NewDisposeScope();
        // Logits [0, 0] → log p = [−ln 2, −ln 2]; target 1; U = tail-sensitive with u = −1 so U[1, 0] = −1; α = 0.5.
        // Unweighted: CE = ln 2, utility term = −(−1)(−ln 2) = −ln 2, loss = ln 2 + (−ln 2)/0.5 = −ln 2 = −0.693147.
        var logits = zeros(1, 2, dtype: float64);
        var target = tensor(new long[] { 1 });
        var u = UtilityMatrix.TailSensitive(2, -1, float64);
        Assert.Equal(-Math.Log(2), Functional.IntegratedRiskLoss(logits, target, u, 0.5).item<double>(), 12);
        // w = [2, 1]: CE term w_1·ln 2 = ln 2; utility term −w_0·U[1,0]·log p_0 = −2 ln 2, /α = −4 ln 2; loss = −3 ln 2 = −2.079442.
        var weighted = Functional.IntegratedRiskLoss(logits, target, u, 0.5, tensor(new double[] { 2, 1 }, dtype: float64));
        Assert.Equal(-2.079442, weighted.item<double>(), 6);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Identity_utility_scales_cross_entropy_and_zero_utility_is_cross_entropy(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 23, classes: C, seed: 3, low: -2, high: 2);
        var logits = ToTensor(rows);
        var labels = tensor(targets);
        var ce = ToDoubles(nn.functional.cross_entropy(logits, labels, reduction: reduction));
        var withZero = ToDoubles(Functional.IntegratedRiskLoss(logits, labels, zeros(C, C, dtype: float64), 0.3, reduction: reduction));
        var withIdentity = ToDoubles(Functional.IntegratedRiskLoss(logits, labels, UtilityMatrix.Identity(C, float64), 0.25, reduction: reduction));
        AllClose(ce, withZero, 1e-12);
        AllClose(ce.Select(v => v * (1 + 1 / 0.25)).ToArray(), withIdentity, 1e-12);
    }

    [Theory]
    [InlineData(nn.Reduction.None, true)]
    [InlineData(nn.Reduction.Mean, true)]
    [InlineData(nn.Reduction.Sum, true)]
    [InlineData(nn.Reduction.Mean, false)]
    public void Matches_the_reference_loop(nn.Reduction reduction, bool weightedWithMargins)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 27, classes: C, seed: 17, low: -2, high: 2);
        var u = RandomUtility(5);
        double[]? w = weightedWithMargins ? Weights : null;
        double[]? m = weightedWithMargins ? Margins : null;
        var actual = ToDoubles(Functional.IntegratedRiskLoss(ToTensor(rows), tensor(targets), ToTensor2(u), 0.7,
            w is null ? null : tensor(w, dtype: float64), m, reduction));
        AllClose(Reference(rows, targets, u, 0.7, w, m, reduction), actual, 1e-12);
    }

    [Fact]
    public void Float32_logits_and_weights_match_the_reference()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 16, classes: C, seed: 29);
        var loss = Functional.IntegratedRiskLoss(ToTensor(rows, ScalarType.Float32), tensor(targets), UtilityMatrix.TailSensitive(C),
            2.0, ClassWeights.ToTensor(Weights), Margins);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        var rounded = rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        var u = new double[C, C];
        for (int y = 0; y < C; y++) for (int c = 0; c < y; c++) u[y, c] = -1;
        Assert.Equal(Reference(rounded, targets, u, 2.0, Weights, Margins, nn.Reduction.Mean)[0], loss.item<float>(), 1e-4);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(n: 5, classes: C, seed: 31);
        var u = RandomUtility(8);
        var logits = ToTensor(rows, requiresGrad: true);
        Functional.IntegratedRiskLoss(logits, tensor(targets), ToTensor2(u), 0.6, tensor(Weights, dtype: float64), Margins).backward();
        var numeric = CentralDifferences(rows, r => Reference(r, targets, u, 0.6, Weights, Margins, nn.Reduction.Mean)[0]);
        AllClose(numeric, ToDoubles(logits.grad!), 1e-6);
    }

    [Fact]
    public void Particle_overload_averages_the_per_particle_losses()
    {
        using var scope = NewDisposeScope();
        var (a, targets) = Batch(n: 9, classes: C, seed: 41);
        var (b, _) = Batch(n: 9, classes: C, seed: 43);
        var (c, _) = Batch(n: 9, classes: C, seed: 47);
        var u = RandomUtility(2);
        var loss = Functional.IntegratedRiskLoss([ToTensor(a), ToTensor(b), ToTensor(c)], tensor(targets), ToTensor2(u), 0.9,
            tensor(Weights, dtype: float64), Margins).item<double>();
        double expected = new[] { a, b, c }.Average(r => Reference(r, targets, u, 0.9, Weights, Margins, nn.Reduction.Mean)[0]);
        Assert.Equal(expected, loss, 12);
        Assert.Equal("particleLogits", Assert.ThrowsAny<ArgumentException>(() => Functional.IntegratedRiskLoss([], tensor(targets), ToTensor2(u), 1)).ParamName);
        Assert.Equal("particleLogits", Assert.ThrowsAny<ArgumentException>(() =>
            Functional.IntegratedRiskLoss([ToTensor(a), zeros(9, 3, dtype: float64)], tensor(targets), ToTensor2(u), 1)).ParamName);
    }

    [Fact]
    public void Leaves_no_tensor_alive_but_its_result()
    {
        var (rows, targets) = Batch(n: 10, classes: C, seed: 9);
        using var logits = ToTensor(rows);
        using var labels = tensor(targets);
        using var weight = tensor(Weights, dtype: float64);
        using var u = UtilityMatrix.TailSensitive(C, -1, float64);
        AssertLeavesOnlyItsResult(() => Functional.IntegratedRiskLoss(logits, labels, u, 0.5, weight, Margins));
        AssertLeavesOnlyItsResult(() => Functional.IntegratedRiskLoss([logits, logits], labels, u, 0.5, weight, Margins));
        Assert.Equal(rows.SelectMany(r => r).ToArray(), ToDoubles(logits));
    }

    [Fact]
    public void Module_equals_the_functional_and_keeps_its_tensors()
    {
        var (rows, targets) = Batch(n: 12, classes: C, seed: 13);
        var u = RandomUtility(6);
        IntegratedRiskLossModule module;
        using (NewDisposeScope())
            module = new IntegratedRiskLossModule(ToTensor2(u), 0.4, tensor(Weights, dtype: float64), Margins, nn.Reduction.None);
        using (module)
        using (NewDisposeScope())
        {
            AllClose(Reference(rows, targets, u, 0.4, Weights, Margins, nn.Reduction.None),
                ToDoubles(module.forward(ToTensor(rows), tensor(targets))), 1e-12);
            Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, 3), zeros(2, dtype: int64))).ParamName);
        }
        using var scope = NewDisposeScope();
        Assert.Equal("utility", Assert.ThrowsAny<ArgumentException>(() => new IntegratedRiskLossModule(zeros(3, 4), 1)).ParamName);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => new IntegratedRiskLossModule(zeros(3, 3), 0)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => new IntegratedRiskLossModule(zeros(3, 3), 1, ones(2))).ParamName);
    }

    private static string? ParamNameOf(Func<Tensor> call) => Assert.ThrowsAny<ArgumentException>(() => { using var _ = call(); }).ParamName;

    [Fact]
    public void Rejects_bad_input_by_name()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 3);
        var targets = tensor(new long[] { 0, 2 });
        var u = zeros(3, 3);
        Assert.Equal("utility", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, zeros(3, 2), 1)));
        Assert.Equal("utility", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, zeros(4, 4), 1)));
        Assert.Equal("utility", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, zeros(9), 1)));
        Assert.Equal("utility", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, zeros(3, 3, dtype: int64), 1)));
        Assert.Equal("utility", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, full(3, 3, double.NaN), 1)));
        Assert.Equal("alpha", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, u, 0)));
        Assert.Equal("alpha", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, u, double.NaN)));
        Assert.Equal("logits", ParamNameOf(() => Functional.IntegratedRiskLoss(tensor(new float[] { 0, float.NaN, 0, 0, 0, 0 }, [2, 3]), targets, u, 1)));
        Assert.Equal("targets", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, tensor(new long[] { 0, 3 }), u, 1)));
        Assert.Equal("targets", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, tensor(new int[] { 0, 1 }), u, 1)));
        Assert.Equal("weight", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, u, 1, tensor(new float[] { 1, -1, 1 }))));
        Assert.Equal("targetMargins", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, u, 1, targetMargins: [0.1, 0.2])));
        Assert.Equal("targetMargins", ParamNameOf(() => Functional.IntegratedRiskLoss(logits, targets, u, 1, targetMargins: [0.1, double.NaN, 0.2])));
        Assert.Throws<ArgumentNullException>("utility", () => Functional.IntegratedRiskLoss(logits, targets, null!, 1));
    }
}

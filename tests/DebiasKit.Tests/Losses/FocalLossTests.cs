using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using FocalLossModule = DebiasKit.Losses.FocalLoss;

namespace DebiasKit.Tests.Losses;

public class FocalLossTests
{
    private const int Classes = 5;

    /// <summary>
    /// The pinned variant by a plain loop: p = softmax(z) computed with doubles, loss_i = w_y (1 − p_y)^γ (−log p_y).
    /// </summary>
    private static double[] ReferenceLosses(double[][] logits, long[] targets, double gamma, double[]? weights)
    {
        var losses = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            int y = (int)targets[i];
            double max = logits[i].Max();
            double sumExp = 0;
            foreach (var z in logits[i]) sumExp += Math.Exp(z - max);
            double logP = logits[i][y] - max - Math.Log(sumExp);
            double p = Math.Exp(logP);
            losses[i] = (weights?[y] ?? 1.0) * Math.Pow(1 - p, gamma) * -logP;
        }
        return losses;
    }

    private static (double[][] Rows, long[] Targets) Batch(int n, int seed) => TestHelpers.Batch(n, Classes, seed, -3, 3);

    private static readonly double[] Weights = [0.3, 1.0, 1.7, 0.6, 2.4];

    [Fact]
    public void Hand_computed_two_class_value()
    {
        // Logits [0, 0], target 0: p_t = 1/2, so loss = (1 − 1/2)^2 · (−ln 1/2) = 0.25 · ln 2 = 0.1732868.
        using var scope = NewDisposeScope();
        var loss = Functional.FocalLoss(zeros(1, 2, dtype: float64), tensor(new long[] { 0 }), gamma: 2);
        Assert.Equal(0.25 * Math.Log(2), loss.item<double>(), 12);
        Assert.Equal(0.1732868, loss.item<double>(), 7);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Gamma_zero_is_torch_cross_entropy(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(33, seed: 4);
        var focal = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 0, reduction: reduction));
        var crossEntropy = ToDoubles(nn.functional.cross_entropy(ToTensor(rows), tensor(targets), reduction: reduction));
        AllClose(crossEntropy, focal);
    }

    [Fact]
    public void Gamma_zero_with_weights_summed_is_weighted_cross_entropy()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(33, seed: 6);
        var weight = tensor(Weights, dtype: float64);
        var focal = Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 0, weight: weight, reduction: nn.Reduction.Sum).item<double>();
        var crossEntropy = nn.functional.cross_entropy(ToTensor(rows), tensor(targets), weight, reduction: nn.Reduction.Sum).item<double>();
        Assert.Equal(crossEntropy, focal, Tolerance);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Weighted_gamma_two_matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(41, seed: 9);
        var actual = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 2, weight: tensor(Weights, dtype: float64), reduction: reduction));
        var perExample = ReferenceLosses(rows, targets, 2, Weights);
        // Pinned: Mean is the plain mean over examples, not divided by the sum of the weights.
        double[] expected = Reduced(perExample, reduction);
        AllClose(expected, actual);
    }

    [Fact]
    public void Non_integer_gamma_without_weights_matches_the_reference_loop()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(25, seed: 15);
        var actual = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 1.5, reduction: nn.Reduction.None));
        AllClose(ReferenceLosses(rows, targets, 1.5, null), actual);
    }

    [Fact]
    public void Focusing_shrinks_the_loss_of_well_classified_examples_most()
    {
        // Property: (1 − p)^γ ≤ 1, so for every example the focal loss is at most the cross-entropy,
        // and the ratio is smallest where p_t is largest.
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(50, seed: 2);
        var focal = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 2, reduction: nn.Reduction.None));
        var ce = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), gamma: 0, reduction: nn.Reduction.None));
        for (int i = 0; i < focal.Length; i++) Assert.True(focal[i] <= ce[i] + 1e-12, $"example {i}");
        int easiest = Array.IndexOf(ce, ce.Min()), hardest = Array.IndexOf(ce, ce.Max());
        Assert.True(focal[easiest] / ce[easiest] < focal[hardest] / ce[hardest]);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(5, seed: 31);
        var logits = ToTensor(rows, requiresGrad: true);
        Functional.FocalLoss(logits, tensor(targets), gamma: 2, weight: tensor(Weights, dtype: float64)).backward();
        var analytic = ToDoubles(logits.grad!);

        var numeric = CentralDifferences(rows, r => ReferenceLosses(r, targets, 2, Weights).Average());
        AllClose(numeric, analytic, 1e-7);
    }

    [Fact]
    public void Leaves_no_tensor_alive_but_its_result()
    {
        var (rows, targets) = Batch(10, seed: 1);
        using var logits = ToTensor(rows);
        using var labels = tensor(targets);
        using var weight = tensor(Weights, dtype: float64);
        AssertLeavesOnlyItsResult(() => Functional.FocalLoss(logits, labels, gamma: 2, weight: weight, reduction: nn.Reduction.None));
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Module_equals_the_functional(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(12, seed: 19);
        var weight = tensor(Weights, dtype: float64);
        using var module = new FocalLossModule(gamma: 1.5, weight: weight, reduction: reduction);
        var fromModule = ToDoubles(module.forward(ToTensor(rows), tensor(targets)));
        var fromFunction = ToDoubles(Functional.FocalLoss(ToTensor(rows), tensor(targets), 1.5, weight, reduction));
        AllClose(fromFunction, fromModule, 1e-12);
    }

    private static string? ParamNameOf(Func<Tensor> call) => Assert.ThrowsAny<ArgumentException>(() => { using var _ = call(); }).ParamName;

    [Fact]
    public void Rejects_bad_input()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(3, Classes);
        var targets = tensor(new long[] { 0, 1, 4 });
        Assert.Equal("gamma", ParamNameOf(() => Functional.FocalLoss(logits, targets, gamma: -0.5)));
        Assert.Equal("gamma", ParamNameOf(() => Functional.FocalLoss(logits, targets, gamma: double.NaN)));
        var withNaN = zeros(3, Classes);
        withNaN[1, 2] = tensor(float.NaN);
        Assert.Equal("logits", ParamNameOf(() => Functional.FocalLoss(withNaN, targets)));
        Assert.Equal("targets", ParamNameOf(() => Functional.FocalLoss(logits, tensor(new long[] { 0, 1 }))));
        Assert.Equal("logits", ParamNameOf(() => Functional.FocalLoss(zeros(3), targets)));
        Assert.Equal("targets", ParamNameOf(() => Functional.FocalLoss(logits, tensor(new long[] { 0, 1, 5 }))));
        Assert.Equal("targets", ParamNameOf(() => Functional.FocalLoss(logits, tensor(new int[] { 0, 1, 4 }))));
        Assert.Equal("weight", ParamNameOf(() => Functional.FocalLoss(logits, targets, weight: ones(Classes - 1))));
        Assert.Equal("weight", ParamNameOf(() => Functional.FocalLoss(logits, targets, weight: ones(Classes, 1))));
        Assert.Equal("weight", ParamNameOf(() => Functional.FocalLoss(logits, targets, weight: tensor(new float[] { 1, 1, float.NaN, 1, 1 }))));
    }

    [Fact]
    public void Module_rejects_bad_input()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => new FocalLossModule(gamma: -1)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => new FocalLossModule(weight: ones(2, 2))).ParamName);
        using var module = new FocalLossModule(weight: ones(Classes));
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, Classes + 1), tensor(new long[] { 0, 1 }))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2), tensor(new long[] { 0, 1 }))).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => module.forward(zeros(2, Classes), tensor(new long[] { 0 }))).ParamName);
    }
}

using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class NtXentLossTests
{
    /// <summary>The SimCLR loss written out with loops over the 2N anchors.</summary>
    private static double Reference(double[][] first, double[][] second, double tau)
    {
        var z = first.Concat(second).Select(v => { double norm = Math.Sqrt(v.Sum(x => x * x)); return v.Select(x => x / norm).ToArray(); }).ToArray();
        int n = first.Length, m = 2 * n;
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            int positive = i < n ? i + n : i - n;
            double denominator = 0;
            for (int k = 0; k < m; k++)
                if (k != i) denominator += Math.Exp(z[i].Zip(z[k], (a, b) => a * b).Sum() / tau);
            total += -Math.Log(Math.Exp(z[i].Zip(z[positive], (a, b) => a * b).Sum() / tau) / denominator);
        }
        return total / m;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void Matches_the_loop_reference(double tau)
    {
        using var scope = NewDisposeScope();
        var (first, _) = Batch(5, 3, seed: 1);
        var (second, _) = Batch(5, 3, seed: 2);
        double loss = Functional.NtXentLoss(ToTensor(first), ToTensor(second), tau).item<double>();
        Assert.Equal(Reference(first, second, tau), loss, 10);
    }

    [Fact]
    public void Identical_well_separated_pairs_give_a_small_loss_and_the_gradient_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        // two orthogonal pairs whose views coincide: each anchor's positive has cosine 1, its two negatives cosine 0
        double[][] views = [[1, 0], [0, 1]];
        double expected = -Math.Log(Math.Exp(1 / 0.1) / (Math.Exp(1 / 0.1) + 2));   // = log(1 + 2e^{-10})
        Assert.Equal(expected, Functional.NtXentLoss(ToTensor(views), ToTensor(views), 0.1).item<double>(), 12);

        var (a, _) = Batch(4, 3, seed: 3);
        var (b, _) = Batch(4, 3, seed: 4);
        var x = ToTensor(a, requiresGrad: true);
        Functional.NtXentLoss(x, ToTensor(b), 0.3).backward();
        AllClose(NumericGradient(a, rows => Reference(rows, b, 0.3)), ToDoubles(x.grad!), 1e-6);
    }

    [Fact]
    public void Leaves_only_its_result_and_rejects_bad_input_by_name()
    {
        using var first = randn(4, 3);
        using var second = randn(4, 3);
        AssertLeavesOnlyItsResult(() => Functional.NtXentLoss(first, second));
        Assert.Equal(new long[] { 8 }, Functional.NtXentLoss(first, second, reduction: nn.Reduction.None).shape);
        Assert.Equal("second", Assert.Throws<ArgumentException>(() => Functional.NtXentLoss(first, randn(4, 2))).ParamName);
        Assert.Equal("first", Assert.Throws<ArgumentException>(() => Functional.NtXentLoss(randn(1, 3), randn(1, 3))).ParamName);
        Assert.Equal("temperature", Assert.ThrowsAny<ArgumentException>(() => Functional.NtXentLoss(first, second, 0)).ParamName);
    }
}

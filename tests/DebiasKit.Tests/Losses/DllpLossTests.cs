using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;
using DllpLossModule = DebiasKit.Losses.DllpLoss;

namespace DebiasKit.Tests.Losses;

public class DllpLossTests
{
    /// <summary>Per-bag DLLP losses by a plain loop: p̄ = mean σ(z) over the bag, −[α log p̄ + (1 − α) log(1 − p̄)].</summary>
    private static double[] ReferenceLosses(double[] logits, double[] proportions, int k)
    {
        var losses = new double[proportions.Length];
        for (int b = 0; b < proportions.Length; b++)
        {
            double mean = 0;
            for (int j = 0; j < k; j++) mean += 1 / (1 + Math.Exp(-logits[b * k + j]));
            mean /= k;
            losses[b] = -(proportions[b] * Math.Log(mean) + (1 - proportions[b]) * Math.Log(1 - mean));
        }
        return losses;
    }

    private static (double[] Logits, double[] Proportions) Bagged(int bags, int k, int seed)
    {
        var random = new Random(seed);
        var proportions = Enumerable.Range(0, bags).Select(_ => random.Next(k + 1) / (double)k).ToArray();
        return (Uniform(bags * k, seed + 1, -3, 3), proportions);
    }

    [Theory]
    [InlineData(nn.Reduction.None)]
    [InlineData(nn.Reduction.Mean)]
    [InlineData(nn.Reduction.Sum)]
    public void Matches_the_reference_loop(nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var (logits, proportions) = Bagged(8, 5, seed: 2);
        var perBag = ReferenceLosses(logits, proportions, 5);
        double[] expected = Reduced(perBag, reduction);
        AllClose(expected, ToDoubles(Functional.DllpLoss(tensor(logits), tensor(proportions), 5, reduction)), 1e-10);
    }

    [Fact]
    public void Bag_size_one_is_binary_cross_entropy_and_the_loss_ignores_order_within_a_bag()
    {
        using var scope = NewDisposeScope();
        var (logits, proportions) = Bagged(30, 1, seed: 4);
        AllClose(ToDoubles(nn.functional.binary_cross_entropy_with_logits(tensor(logits), tensor(proportions), reduction: nn.Reduction.None)),
            ToDoubles(Functional.DllpLoss(tensor(logits), tensor(proportions), 1, nn.Reduction.None)), 1e-9);

        double[] bag = [0.3, -1.0, 2.0, 0.5];
        double[] reversed = bag.Reverse().ToArray();
        Assert.Equal(Functional.DllpLoss(tensor(bag), tensor(new[] { 0.25 }), 4).item<double>(),
            Functional.DllpLoss(tensor(reversed), tensor(new[] { 0.25 }), 4).item<double>(), 14);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var (logits, proportions) = Bagged(3, 4, seed: 6);
        var input = tensor(logits, requires_grad: true);
        Functional.DllpLoss(input, tensor(proportions), 4, nn.Reduction.Sum).backward();
        var numeric = CentralDifferences([logits], rows => ReferenceLosses(rows[0], proportions, 4).Sum());
        AllClose(numeric, ToDoubles(input.grad!), 1e-6);
    }

    [Fact]
    public void Module_equals_the_function_and_bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var (logits, proportions) = Bagged(5, 2, seed: 8);
        using var module = new DllpLossModule(2);
        Assert.Equal(Functional.DllpLoss(tensor(logits), tensor(proportions), 2).item<double>(), module.forward(tensor(logits), tensor(proportions)).item<double>());
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("bagProportions", Param(() => Functional.DllpLoss(tensor(logits), tensor(proportions.Select(p => p + 1.01).ToArray()), 2)));
        Assert.Equal("logits", Param(() => Functional.DllpLoss(tensor(logits), tensor(proportions), 3)));
        Assert.Equal("bagSize", Param(() => Functional.DllpLoss(tensor(logits), tensor(proportions), -1)));
        Assert.Equal("bagSize", Param(() => new DllpLossModule(0)));
        Assert.Equal("input", Param(() => module.forward(tensor(logits.Select(_ => double.NaN).ToArray()), tensor(proportions))));
    }
}

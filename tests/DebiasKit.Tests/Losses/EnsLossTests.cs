using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class EnsLossTests
{
    /// <summary>The pinned generator written out with doubles: draws ε from the same seeded generator, g = max(−e^ε, −1)
    /// sorted ascending, the k-th smallest to the k-th smallest margin, divided by s when s &gt; 1, minus 10⁻⁶.</summary>
    private static double[] ReferenceDerivatives(double[] margins, ulong seed)
    {
        using var generator = new Generator(seed);
        var draws = randn(margins.Length, dtype: float64, generator: generator).data<double>().ToArray();
        var sorted = draws.Select(e => Math.Max(-Math.Exp(e), -1.0)).OrderBy(g => g).ToArray();
        var order = Enumerable.Range(0, margins.Length).OrderBy(i => margins[i]).ToArray();
        var g = new double[margins.Length];
        for (int k = 0; k < order.Length; k++) g[order[k]] = sorted[k];
        for (int i = 0; i < g.Length; i++)
        {
            if (margins[i] > 1) g[i] /= margins[i];
            g[i] -= 1e-6;
        }
        return g;
    }

    [Fact]
    public void Derivatives_match_the_reference_and_form_a_convex_calibrated_loss()
    {
        var margins = Uniform(50, seed: 3, low: -3, high: 3);
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var g = ToDoubles(Functional.EnsLossDerivatives(tensor(margins), generator));
        AllClose(ReferenceDerivatives(margins, 7), g, 1e-12);
        // Negative everywhere (φ′(0) < 0), at least −1 − 10⁻⁶, and non-decreasing in the margin up to s = 1 (convexity).
        Assert.All(g, d => Assert.InRange(d, -1 - 1e-6, -1e-6));
        var byMargin = Enumerable.Range(0, margins.Length).Where(i => margins[i] <= 1).OrderBy(i => margins[i]).Select(i => g[i]).ToArray();
        Assert.All(byMargin.Zip(byMargin.Skip(1)), p => Assert.True(p.First <= p.Second));
    }

    [Fact]
    public void Loss_value_and_gradient_are_the_drawn_derivatives_times_the_margin()
    {
        // scores z, labels y: margins s = (2y − 1) z; loss = mean(g s); d loss / d z_i = g_i (2y_i − 1) / n.
        var z = Uniform(12, seed: 5, low: -2, high: 2);
        var y = Labels(12, 2, seed: 6);
        var margins = z.Select((v, i) => (2 * y[i] - 1) * v).ToArray();
        var g = ReferenceDerivatives(margins, 11);
        using var scope = NewDisposeScope();
        var scores = tensor(z, requires_grad: true);
        using var generator = new Generator(11);
        var loss = Functional.EnsLoss(scores, tensor(y), generator);
        Assert.Equal(g.Zip(margins).Average(p => p.First * p.Second), loss.item<double>(), 12);
        loss.backward();
        AllClose(g.Select((d, i) => d * (2 * y[i] - 1) / 12.0).ToArray(), ToDoubles(scores.grad!), 1e-12);
    }

    [Fact]
    public void Same_seed_same_loss_and_column_scores_accepted()
    {
        using var scope = NewDisposeScope();
        var z = tensor(Uniform(8, seed: 1), dtype: float32).unsqueeze(1);
        var y = tensor(Labels(8, 2, seed: 2)).unsqueeze(1);
        using var a = new Generator(3);
        using var b = new Generator(3);
        Assert.Equal(Functional.EnsLoss(z, y, a).item<float>(), Functional.EnsLoss(z, y, b).item<float>());
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(0);
        Assert.Throws<ArgumentException>("scores", () => Functional.EnsLoss(zeros(3, 2), zeros(3), generator));
        Assert.Throws<ArgumentException>("targets", () => Functional.EnsLoss(zeros(3), zeros(4), generator));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Functional.EnsLoss(zeros(3), tensor(new[] { 0f, 1f, 2f }), generator));
        Assert.Throws<ArgumentException>("scores", () => Functional.EnsLoss(tensor(new[] { 0f, float.NaN }), zeros(2), generator));
        Assert.Throws<ArgumentException>("scores", () => Functional.EnsLoss(zeros(new long[] { 3 }, dtype: int64), zeros(3), generator));
    }
}

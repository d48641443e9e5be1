using DebiasKit.Metrics;
using DebiasKit.Tests.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>
/// WEAT against a hand-computed example and an independent naive implementation: associations and the ddof = 1 effect
/// size with loops, and the exact p-value by a recursive enumeration of every equal-size partition.
/// </summary>
public class WeatTests
{
    private static double Association(double[] w, double[][] a, double[][] b) =>
        a.Average(x => Naive.Cosine(w, x)) - b.Average(x => Naive.Cosine(w, x));

    private static double NaiveEffectSize(double[] sx, double[] sy)
    {
        var all = sx.Concat(sy).ToArray();
        double mean = all.Average();
        double variance = all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1);
        return (sx.Average() - sy.Average()) / Math.Sqrt(variance);
    }

    /// <summary>Share of partitions (X′ of size |X|, Y′ the rest) with Σ_X′ s − Σ_Y′ s greater than the observed statistic, by recursion.</summary>
    private static (double P, long Count) NaiveExactP(double[] sx, double[] sy)
    {
        var all = sx.Concat(sy).ToArray();
        double observed = sx.Sum() - sy.Sum();
        double total = all.Sum();
        long greater = 0, count = 0;
        void Choose(int start, int left, double sum)
        {
            if (left == 0)
            {
                count++;
                if (sum - (total - sum) > observed + 1e-12) greater++;
                return;
            }
            for (int i = start; i <= all.Length - left; i++) Choose(i + 1, left - 1, sum + all[i]);
        }
        Choose(0, sx.Length, 0);
        return ((double)greater / count, count);
    }

    [Fact]
    public void Hand_computed_effect_size_and_p_value()
    {
        using var scope = NewDisposeScope();
        // A = {(1, 0)}, B = {(0, 1)}, so s(w) = cos(w, e₁) − cos(w, e₂).
        // X = {(1, 0), (3, 4)}: s = 1, 0.6 − 0.8 = −0.2.   Y = {(0, 1), (4, 3)}: s = −1, 0.8 − 0.6 = 0.2.
        // mean_X = 0.4, mean_Y = −0.4; all four have mean 0 and sample variance (1 + 0.04 + 1 + 0.04)/3 = 0.693333…,
        // so d = 0.8/√0.693333 = 0.9607689. S = (1 − 0.2) − (−1 + 0.2) = 1.6.
        // The C(4, 2) = 6 partitions have Σ_X′ s ∈ {0.8 (observed), 0, 1.2, −1.2, 0, −0.8}, S = 2 Σ_X′ s; only 1.2 beats
        // 0.8, so p = 1/6.
        var x = ToTensor([[1, 0], [3, 4]]);
        var y = ToTensor([[0, 1], [4, 3]]);
        var a = ToTensor([[1, 0]]);
        var b = ToTensor([[0, 1]]);
        var result = Weat.Test(x, y, a, b);
        Assert.Equal(0.8 / Math.Sqrt(2.08 / 3), result.EffectSize, 12);
        Assert.Equal(0.9607689, result.EffectSize, 7);
        Assert.Equal(1.0 / 6, result.PValue, 12);
        Assert.Equal(1.6, result.Statistic, 12);
        Assert.Equal(6, result.Permutations);
        Assert.True(result.Exact);
        Assert.Equal(result.EffectSize, Weat.EffectSize(x, y, a, b), 15);
        AllClose([1, -0.2], Weat.Associations(x, a, b), 1e-12);
        // Swapping the targets flips d and S = −1.6; of S′ ∈ {−1.6 (observed), 0, −2.4, 2.4, 0, 1.6}, four are greater: p = 4/6.
        var swapped = Weat.Test(y, x, a, b);
        Assert.Equal(-result.EffectSize, swapped.EffectSize, 12);
        Assert.Equal(-1.6, swapped.Statistic, 12);
        Assert.Equal(4.0 / 6, swapped.PValue, 12);
    }

    [Fact]
    public void Associations_and_effect_size_match_loops_with_unequal_sets()
    {
        using var scope = NewDisposeScope();
        var x = Naive.Gaussian(7, 12, seed: 1);
        var y = Naive.Gaussian(5, 12, seed: 2);
        var a = Naive.Gaussian(6, 12, seed: 3);
        var b = Naive.Gaussian(4, 12, seed: 4);
        var sx = x.Select(w => Association(w, a, b)).ToArray();
        var sy = y.Select(w => Association(w, a, b)).ToArray();
        AllClose(sx, Weat.Associations(ToTensor(x, ScalarType.Float32), ToTensor(a, ScalarType.Float32), ToTensor(b, ScalarType.Float32)), 1e-6);
        Assert.Equal(NaiveEffectSize(sx, sy), Weat.EffectSize(ToTensor(x), ToTensor(y), ToTensor(a), ToTensor(b)), 1e-10);
        Assert.Equal(NaiveEffectSize(sx, sy), Weat.EffectSize(ToTensor(x, ScalarType.Float32), ToTensor(y, ScalarType.Float32), ToTensor(a, ScalarType.Float32), ToTensor(b, ScalarType.Float32)), 1e-5);
    }

    [Theory]
    [InlineData(8, 7, 5)]
    [InlineData(10, 10, 6)]
    public void Exact_p_value_matches_a_naive_enumeration(int nx, int ny, int seed)
    {
        using var scope = NewDisposeScope();
        var x = Naive.Gaussian(nx, 10, seed);
        var y = Naive.Gaussian(ny, 10, seed + 100);
        var a = Naive.Gaussian(5, 10, seed + 200);
        var b = Naive.Gaussian(5, 10, seed + 300);
        var sx = x.Select(w => Association(w, a, b)).ToArray();
        var sy = y.Select(w => Association(w, a, b)).ToArray();
        var (p, count) = NaiveExactP(sx, sy);
        var result = Weat.Test(ToTensor(x), ToTensor(y), ToTensor(a), ToTensor(b));
        Assert.True(result.Exact);
        Assert.Equal(count, result.Permutations);
        Assert.Equal(p, result.PValue, 12);
        Assert.Equal(sx.Sum() - sy.Sum(), result.Statistic, 10);
        Assert.Equal(NaiveEffectSize(sx, sy), result.EffectSize, 10);
    }

    [Fact]
    public void Sampled_p_value_is_close_to_the_exact_one_on_a_medium_example()
    {
        using var scope = NewDisposeScope();
        // 12 + 12 words: C(24, 12) = 2,704,156 partitions, above the exact limit, so the library samples 100,000.
        var x = Naive.Gaussian(12, 10, seed: 40);
        var y = Naive.Gaussian(12, 10, seed: 41);
        var a = Naive.Gaussian(6, 10, seed: 42);
        var b = Naive.Gaussian(6, 10, seed: 43);
        var sx = x.Select(w => Association(w, a, b)).ToArray();
        var sy = y.Select(w => Association(w, a, b)).ToArray();
        var (p, count) = NaiveExactP(sx, sy);
        Assert.Equal(2_704_156, count);
        Assert.InRange(p, 0.02, 0.98);   // a p-value away from the ends, where sampling error matters
        var result = Weat.Test(ToTensor(x), ToTensor(y), ToTensor(a), ToTensor(b), seed: 7);
        Assert.False(result.Exact);
        Assert.Equal(100_000, result.Permutations);
        Assert.True(Math.Abs(result.PValue - p) < 0.01, $"sampled {result.PValue}, exact {p}");   // ≈ 6 standard errors
        // Seeded: the same seed gives the same estimate.
        Assert.Equal(result.PValue, Weat.Test(ToTensor(x), ToTensor(y), ToTensor(a), ToTensor(b), seed: 7).PValue);
    }

    [Fact]
    public void Exact_up_to_the_limit_then_sampled()
    {
        using var scope = NewDisposeScope();
        var a = ToTensor(Naive.Gaussian(3, 4, seed: 50));
        var b = ToTensor(Naive.Gaussian(3, 4, seed: 51));
        // C(20, 10) = 184,756 ≤ 200,000: exact. C(22, 11) = 705,432: sampled.
        var exact = Weat.Test(ToTensor(Naive.Gaussian(10, 4, 52)), ToTensor(Naive.Gaussian(10, 4, 53)), a, b);
        Assert.True(exact.Exact);
        Assert.Equal(184_756, exact.Permutations);
        var sampled = Weat.Test(ToTensor(Naive.Gaussian(11, 4, 54)), ToTensor(Naive.Gaussian(11, 4, 55)), a, b, samples: 1000);
        Assert.False(sampled.Exact);
        Assert.Equal(1000, sampled.Permutations);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var x = ToTensor([[1, 0], [3, 4]]);
        var y = ToTensor([[0, 1], [4, 3]]);
        var a = ToTensor([[1, 0]]);
        var b = ToTensor([[0, 1]]);
        Assert.Equal("targetY", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(x, ToTensor([[0, 1]])[..0], a, b)).ParamName);
        Assert.Equal("targetY", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(ToTensor([[1, 0]]), ToTensor([[0, 1]]), a, b)).ParamName);   // 2 words: no sd
        Assert.Equal("targetY", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(x, ToTensor([[0, 1, 2]]), a, b)).ParamName);
        Assert.Equal("targetX", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(ToTensor([[double.NaN, 1]]), y, a, b)).ParamName);
        Assert.Equal("attributeA", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(x, y, ToTensor([[1, 0, 0]]), b)).ParamName);
        Assert.Equal("attributeB", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(x, y, a, zeros(0, 2, dtype: float64))).ParamName);
        Assert.Equal("samples", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(x, y, a, b, samples: 0)).ParamName);
        // Every word equally associated: the standard deviation is 0.
        Assert.Equal("targetX", Assert.ThrowsAny<ArgumentException>(() => Weat.Test(ToTensor([[1, 1], [2, 2]]), ToTensor([[3, 3]]), a, b)).ParamName);
        Assert.Equal("words", Assert.ThrowsAny<ArgumentException>(() => Weat.Associations(null!, a, b)).ParamName);
    }
}

using DebiasKit.Losses;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class ClassWeightsTests
{
    private static readonly long[] Counts = [5000, 2997, 1796, 1077, 645, 387, 232, 139, 83, 50];

    /// <summary>Class-balanced weights written out from Cui et al.: E_j = (1 − β^n_j)/(1 − β), w_j = C·(1/E_j)/Σ_k(1/E_k).</summary>
    private static double[] ReferenceEffectiveNumber(long[] counts, double beta)
    {
        var inverse = new double[counts.Length];
        double total = 0;
        for (int j = 0; j < counts.Length; j++)
        {
            double effective = (1 - Math.Pow(beta, counts[j])) / (1 - beta);
            inverse[j] = 1 / effective;
            total += inverse[j];
        }
        for (int j = 0; j < counts.Length; j++) inverse[j] = inverse[j] / total * counts.Length;
        return inverse;
    }

    [Fact]
    public void Effective_number_hand_computed()
    {
        // counts [1, 2], β = 0.5: E = [(1 − 0.5)/0.5, (1 − 0.25)/0.5] = [1, 1.5]; w ∝ [1, 2/3] (sum 5/3);
        // scaled to sum 2: [1 · 2/(5/3), (2/3) · 2/(5/3)] = [1.2, 0.8].
        AllClose([1.2, 0.8], ClassWeights.EffectiveNumber([1, 2], beta: 0.5), 1e-12);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.999)]
    [InlineData(0.9999)]
    public void Effective_number_matches_the_reference_loop_and_sums_to_the_class_count(double beta)
    {
        var weights = ClassWeights.EffectiveNumber(Counts, beta);
        AllClose(ReferenceEffectiveNumber(Counts, beta), weights, 1e-12);
        Assert.Equal(Counts.Length, weights.Sum(), 10);
        // Rarer classes never get less weight.
        for (int j = 1; j < weights.Length; j++) Assert.True(weights[j] >= weights[j - 1]);
    }

    [Fact]
    public void Beta_zero_gives_all_ones()
    {
        AllClose(Enumerable.Repeat(1.0, Counts.Length).ToArray(), ClassWeights.EffectiveNumber(Counts, beta: 0), 1e-12);
    }

    [Fact]
    public void Beta_close_to_one_approaches_inverse_frequency()
    {
        var inverse = ClassWeights.InverseFrequency(Counts);
        double previous = double.PositiveInfinity;
        foreach (var beta in new[] { 0.9, 0.99, 0.999, 0.9999, 0.99999 })
        {
            double distance = ClassWeights.EffectiveNumber(Counts, beta).Zip(inverse, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(distance < previous, $"β = {beta}: distance {distance} did not shrink from {previous}");
            previous = distance;
        }
        // E_n ≈ n − n(n−1)(1−β)/2, so at 1 − β = 1e−9 the relative gap is about 2.5e−6 for n = 5000.
        AllClose(inverse, ClassWeights.EffectiveNumber(Counts, 1 - 1e-9), 1e-4);
    }

    [Fact]
    public void Inverse_frequency_hand_computed()
    {
        // counts [1, 3]: w ∝ [1, 1/3] (sum 4/3), scaled to sum 2: [1.5, 0.5].
        AllClose([1.5, 0.5], ClassWeights.InverseFrequency([1, 3]), 1e-12);
    }

    [Fact]
    public void To_tensor_is_float32_with_the_weights()
    {
        using var t = ClassWeights.ToTensor([1.2, 0.8, 1e-3]);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(new long[] { 3 }, t.shape);
        AllClose([1.2, 0.8, 1e-3], ToDoubles(t), 1e-7);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.EffectiveNumber([1, 2], beta: 1)).ParamName);
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.EffectiveNumber([1, 2], beta: -0.1)).ParamName);
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.EffectiveNumber([1, 2], beta: double.NaN)).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.EffectiveNumber([])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.EffectiveNumber([4, 0])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.InverseFrequency([4, -1])).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.InverseFrequency([])).ParamName);
        Assert.Equal("weights", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.ToTensor([1, double.NaN])).ParamName);
        Assert.Equal("weights", Assert.ThrowsAny<ArgumentException>(() => ClassWeights.ToTensor(null!)).ParamName);
    }
}

using DebiasKit.Metrics;
using DebiasKit.Projections;
using DebiasKit.Tests.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>Direct bias against a hand-computed value and a loop over unit-normalised words with a naively found direction.</summary>
public class DirectBiasTests
{
    [Fact]
    public void Hand_computed_value()
    {
        using var scope = NewDisposeScope();
        // Pair (1, 0.5), (−1, 0.5): g = e₁. Words (2, 0), (0, 3), (1, 1): |cos| = 1, 0, 1/√2.
        // c = 1: (1 + 0 + 0.7071068)/3 = 0.5690356; c = 2: (1 + 0 + 0.5)/3 = 0.5.
        var subspace = BiasSubspace.Fit([ToTensor([[1, 0.5], [-1, 0.5]])]);
        var words = ToTensor([[2, 0], [0, 3], [1, 1]]);
        Assert.Equal((1 + Math.Sqrt(0.5)) / 3, DirectBias.Compute(words, subspace), 12);
        Assert.Equal(0.5690356, DirectBias.Compute(words, subspace), 7);
        Assert.Equal(0.5, DirectBias.Compute(words, subspace, c: 2), 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.8)]
    [InlineData(2.0)]
    public void Matches_a_loop_with_the_first_principal_direction(double c)
    {
        using var scope = NewDisposeScope();
        var pairs = Enumerable.Range(0, 5).Select(p => Naive.Gaussian(2, 9, seed: 10 + p)).ToArray();
        var g = Naive.FirstPrincipalDirection(pairs);   // the sign does not matter under |·|
        var words = Naive.Gaussian(40, 9, seed: 20);
        double expected = words.Average(w => Math.Pow(Math.Abs(Naive.Cosine(w, g)), c));
        var subspace = BiasSubspace.Fit(pairs.Select(p => ToTensor(p)).ToList());
        Assert.Equal(expected, DirectBias.Compute(ToTensor(words), subspace, c), 1e-5);
        Assert.Equal(expected, DirectBias.Compute(ToTensor(words, ScalarType.Float32), subspace, c), 1e-5);
    }

    [Fact]
    public void Two_components_use_the_length_of_the_vector_of_cosines()
    {
        using var scope = NewDisposeScope();
        var sets = Enumerable.Range(0, 5).Select(p => Naive.Gaussian(3, 7, seed: 30 + p)).ToArray();
        var subspace = BiasSubspace.Fit(sets.Select(s => ToTensor(s)).ToList(), k: 2);
        var b = ToRows(subspace.Components);
        var words = Naive.Gaussian(25, 7, seed: 40);
        double expected = words.Average(w => Math.Sqrt(b.Sum(component => Math.Pow(Naive.Cosine(w, component), 2))));
        Assert.Equal(expected, DirectBias.Compute(ToTensor(words), subspace), 1e-10);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit([ToTensor([[1, 0.5], [-1, 0.5]])]);
        Assert.Equal("subspace", Assert.ThrowsAny<ArgumentException>(() => DirectBias.Compute(ToTensor([[1, 2]]), null!)).ParamName);
        Assert.Equal("neutralVectors", Assert.ThrowsAny<ArgumentException>(() => DirectBias.Compute(ToTensor([[1, 2, 3]]), subspace)).ParamName);
        Assert.Equal("neutralVectors", Assert.ThrowsAny<ArgumentException>(() => DirectBias.Compute(zeros(0, 2, dtype: float64), subspace)).ParamName);
        Assert.Equal("neutralVectors", Assert.ThrowsAny<ArgumentException>(() => DirectBias.Compute(ToTensor([[1, double.NaN]]), subspace)).ParamName);
        Assert.Equal("c", Assert.ThrowsAny<ArgumentException>(() => DirectBias.Compute(ToTensor([[1, 2]]), subspace, c: 0)).ParamName);
    }
}

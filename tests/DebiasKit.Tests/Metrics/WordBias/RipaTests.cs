using DebiasKit.Metrics;
using DebiasKit.Projections;
using DebiasKit.Tests.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>RIPA against a loop: inner products of the words as given with the unit relation vector.</summary>
public class RipaTests
{
    [Fact]
    public void Hand_computed_values_use_the_vectors_as_given()
    {
        using var scope = NewDisposeScope();
        // Direction (3, 4) → unit (0.6, 0.8). Words (1, 0) → 0.6; (0, −2) → −1.6; (5, 5) → 7.
        var beta = Ripa.Compute(ToTensor([[1, 0], [0, -2], [5, 5]]), tensor(new double[] { 3, 4 }));
        AllClose([0.6, -1.6, 7], beta, 1e-12);
        Assert.Equal((0.6 + 1.6 + 7) / 3, Ripa.MeanAbsolute(ToTensor([[1, 0], [0, -2], [5, 5]]), tensor(new double[] { 3, 4 })), 12);
    }

    [Fact]
    public void Matches_a_loop_on_the_bias_direction()
    {
        using var scope = NewDisposeScope();
        var pairs = Enumerable.Range(0, 5).Select(p => Naive.Gaussian(2, 8, seed: 10 + p)).ToArray();
        var subspace = BiasSubspace.Fit(pairs.Select(p => ToTensor(p)).ToList());
        var g = Naive.FirstPrincipalDirection(pairs);
        if (Naive.Dot(g, Naive.Subtract(pairs[0][0], pairs[0][1])) < 0) g = Naive.Scale(g, -1);   // the pinned sign
        var words = Naive.Gaussian(30, 8, seed: 20, scale: 3);
        var expected = words.Select(w => Naive.Dot(w, g)).ToArray();
        using var direction = subspace.Direction();
        AllClose(expected, Ripa.Compute(ToTensor(words, ScalarType.Float32), direction), 1e-5);
        Assert.Equal(expected.Average(Math.Abs), Ripa.MeanAbsolute(ToTensor(words), direction), 1e-5);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var words = ToTensor([[1, 2]]);
        Assert.Equal("direction", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(words, null!)).ParamName);
        Assert.Equal("direction", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(words, zeros(2, dtype: float64))).ParamName);
        Assert.Equal("direction", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(words, ToTensor([[1, 2]]))).ParamName);
        Assert.Equal("direction", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(words, tensor(new long[] { 1, 2 }))).ParamName);
        Assert.Equal("direction", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(words, tensor(new double[] { 1, double.PositiveInfinity }))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(ToTensor([[1, 2, 3]]), tensor(new double[] { 1, 0 }))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => Ripa.Compute(zeros(0, 2, dtype: float64), tensor(new double[] { 1, 0 }))).ParamName);
    }
}

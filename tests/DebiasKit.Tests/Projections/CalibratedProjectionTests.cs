using DebiasKit.Projections;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

public class CalibratedProjectionTests
{
    private const int D = 6;

    private static double[][] Rows(int count, int seed) =>
        Enumerable.Range(0, count).Select(r => TestHelpers.Uniform(D, seed + 31 * r)).ToArray();

    /// <summary>The closed form written out with MathNet dense algebra: P₀ = I − A(AᵀA)⁻¹Aᵀ (A's columns the unit prompts), P* = P₀(I + λM)⁻¹.</summary>
    private static Matrix<double> Naive(double[][] bias, double[][] first, double[][] second, double lambda)
    {
        static double[] Unit(double[] v) { double n = Math.Sqrt(v.Sum(x => x * x)); return v.Select(x => x / n).ToArray(); }
        var m = Matrix<double>.Build;
        var a = m.DenseOfColumnArrays(bias.Select(Unit));
        var p0 = m.DenseIdentity(D) - a * (a.TransposeThisAndMultiply(a)).Inverse() * a.Transpose();
        var sum = m.Dense(D, D);
        for (int i = 0; i < first.Length; i++)
        {
            var delta = Vector<double>.Build.DenseOfArray(Unit(first[i])) - Vector<double>.Build.DenseOfArray(Unit(second[i]));
            sum += delta.OuterProduct(delta);
        }
        return p0 * (m.DenseIdentity(D) + lambda / first.Length * sum).Inverse();
    }

    private static CalibratedProjection Fit(double[][] bias, double[][] first, double[][] second, double lambda)
    {
        using var a = TestHelpers.ToTensor(bias);
        using var f = TestHelpers.ToTensor(first);
        using var s = TestHelpers.ToTensor(second);
        return new CalibratedProjection().Fit(a, f, s, lambda);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(1000.0)]
    public void MatchesDenseAlgebraReference(double lambda)
    {
        var bias = Rows(2, 1);
        var first = Rows(4, 100);
        var second = Rows(4, 200);
        var fitted = Fit(bias, first, second, lambda);
        var expected = Naive(bias, first, second, lambda);
        TestHelpers.AllClose(expected.ToRowMajorArray(), TestHelpers.ToDoubles(fitted.Matrix), 1e-5);
        Assert.Equal(lambda, fitted.Lambda);
    }

    [Fact]
    public void LambdaZeroIsTheSymmetricIdempotentP0()
    {
        var bias = Rows(2, 7);
        var fitted = Fit(bias, Rows(3, 8), Rows(3, 9), 0);
        using var p = fitted.Matrix.clone();
        using var pt = p.T.contiguous();
        using var pp = p.matmul(p);
        TestHelpers.AllClose(TestHelpers.ToDoubles(pt), TestHelpers.ToDoubles(p), 1e-10);
        TestHelpers.AllClose(TestHelpers.ToDoubles(pp), TestHelpers.ToDoubles(p), 1e-10);
        using var a = TestHelpers.ToTensor(bias);
        var reference = new OrthogonalProjection().Fit(a);
        using var p0 = reference.Matrix;
        TestHelpers.AllClose(TestHelpers.ToDoubles(p0), TestHelpers.ToDoubles(p), 1e-10);
        // Bias prompts are mapped to zero.
        using var projected = fitted.Transform(a);
        Assert.All(TestHelpers.ToDoubles(projected), v => Assert.True(Math.Abs(v) < 1e-10));
    }

    [Fact]
    public void PairDifferencesShrinkUnderCalibration()
    {
        var bias = Rows(1, 3);
        var first = Rows(5, 40);
        var second = Rows(5, 50);
        double Spread(double lambda)
        {
            var fitted = Fit(bias, first, second, lambda);
            using var f = TestHelpers.ToTensor(first.Select(r => { double n = Math.Sqrt(r.Sum(x => x * x)); return r.Select(x => x / n).ToArray(); }).ToArray());
            using var s = TestHelpers.ToTensor(second.Select(r => { double n = Math.Sqrt(r.Sum(x => x * x)); return r.Select(x => x / n).ToArray(); }).ToArray());
            using var pf = fitted.Transform(f);
            using var ps = fitted.Transform(s);
            using var gap = (pf - ps).pow(2).sum();
            return gap.item<double>();
        }
        double p0 = Spread(0), mid = Spread(10), strong = Spread(1000);
        Assert.True(mid < p0, $"λ=10 gap {mid} should be below P0's {p0}");
        Assert.True(strong < mid, $"λ=1000 gap {strong} should be below λ=10's {mid}");
        Assert.True(strong < 0.05 * p0, $"λ=1000 gap {strong} should nearly vanish (P0: {p0})");
    }

    [Fact]
    public void TransformIsRowsTimesTransposeAndLeavesInputAlone()
    {
        var fitted = Fit(Rows(2, 11), Rows(3, 12), Rows(3, 13), 5);
        var x = Rows(4, 14);
        using var input = TestHelpers.ToTensor(x, ScalarType.Float32);
        using var before = input.clone();
        var p = TestHelpers.ToRows(fitted.Matrix);
        var expected = x.SelectMany(row => Enumerable.Range(0, D).Select(i => Enumerable.Range(0, D).Sum(j => p[i][j] * (float)row[j]))).ToArray();
        using var result = fitted.Transform(input);
        Assert.Equal(ScalarType.Float32, result.dtype);
        TestHelpers.AllClose(expected, TestHelpers.ToDoubles(result), 1e-5);
        Assert.True(input.allclose(before, 0, 0));
        TestHelpers.AssertLeavesOnlyItsResult(() => fitted.Transform(input));
        var same = fitted.Transform(input, inPlace: true);
        Assert.Same(input, same);
        TestHelpers.AllClose(expected, TestHelpers.ToDoubles(input), 1e-5);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        using var bias = TestHelpers.ToTensor(Rows(2, 1));
        using var pairs = TestHelpers.ToTensor(Rows(3, 2));
        using var other = TestHelpers.ToTensor(Rows(2, 3));
        using var narrow = zeros(3, D - 1, dtype: ScalarType.Float64).add_(0.5);
        using var withNaN = TestHelpers.ToTensor(Rows(3, 4));
        withNaN[1, 2] = tensor(double.NaN);
        using var empty = zeros(0, D, dtype: ScalarType.Float64);
        using var dependent = TestHelpers.ToTensor([Rows(1, 5)[0], Rows(1, 5)[0].Select(v => 2 * v).ToArray()]);
        using var flat = zeros(D, dtype: ScalarType.Float64);
        Assert.Equal("pairFirst", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(bias, narrow, narrow)).ParamName);
        Assert.Equal("pairSecond", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(bias, pairs, other)).ParamName);
        Assert.Equal("pairFirst", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(bias, withNaN, pairs)).ParamName);
        Assert.Equal("pairFirst", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(bias, empty, empty)).ParamName);
        Assert.Equal("biasPrompts", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(empty, pairs, pairs)).ParamName);
        Assert.Equal("biasPrompts", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(flat, pairs, pairs)).ParamName);
        Assert.Equal("biasPrompts", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(dependent, pairs, pairs)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => new CalibratedProjection().Fit(bias, pairs, pairs, -1)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new CalibratedProjection().Transform(pairs));
        var fitted = new CalibratedProjection().Fit(bias, pairs, pairs);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => fitted.Transform(narrow)).ParamName);
    }
}

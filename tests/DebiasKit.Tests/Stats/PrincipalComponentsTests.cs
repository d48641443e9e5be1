using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Stats;

public class PrincipalComponentsTests
{
    [Fact]
    public void Hand_computed_cross()
    {
        // (±1, 0) and (0, ±0.5): mean 0; variances along x and y are (1 + 1)/3 = 2/3 and (0.25 + 0.25)/3 = 1/6,
        // shares 0.8 and 0.2; the components are e_x and e_y with positive largest coordinates.
        using var x = tensor(new double[] { -1, 0, 1, 0, 0, 0.5, 0, -0.5 }).reshape(4, 2);
        using var pca = PrincipalComponents.Fit(x, 2);
        AllClose([0, 0], ToDoubles(pca.Mean), 1e-15);
        AllClose([1, 0, 0, 1], ToDoubles(pca.Components), 1e-12);
        AllClose([2.0 / 3, 1.0 / 6], pca.ExplainedVariance.ToArray(), 1e-12);
        AllClose([0.8, 0.2], pca.ExplainedVarianceRatio.ToArray(), 1e-12);
        using var point = tensor(new double[] { 2, 1 }).reshape(1, 2);
        AllClose([2, 1], pca.TransformRows(point)[0], 1e-12);
    }

    [Fact]
    public void Matches_the_eigenvectors_of_the_sample_covariance()
    {
        // 200 points in 5 dimensions with distinct spreads, mixed by a fixed rotation; reference: MathNet's symmetric
        // eigen-decomposition of the sample covariance (divisor n − 1).
        var random = new Random(3);
        double[] spreads = [3, 2, 1.2, 0.6, 0.2];
        var raw = Matrix<double>.Build.Dense(200, 5, (i, j) => spreads[j] * (random.NextDouble() * 2 - 1) + (j == 0 ? 5 : 0));
        var rotation = Matrix<double>.Build.Random(5, 5, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(4))).QR().Q;
        var data = raw * rotation;
        var mean = data.ColumnSums() / 200;
        var centred = data - Matrix<double>.Build.Dense(200, 5, (i, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / 199;
        var evd = covariance.Evd(Symmetricity.Symmetric);   // eigenvalues ascending
        using var x = tensor(data.ToRowMajorArray()).reshape(200, 5);
        using var pca = PrincipalComponents.Fit(x, 3);
        var components = ToRows(pca.Components);
        for (int k = 0; k < 3; k++)
        {
            var eigenvector = evd.EigenVectors.Column(4 - k);
            Assert.Equal(evd.EigenValues[4 - k].Real, pca.ExplainedVariance[k], 9);
            double dot = components[k].Select((v, j) => v * eigenvector[j]).Sum();
            Assert.Equal(1.0, Math.Abs(dot), 9);                                      // same direction up to sign
            Assert.True(components[k].MaxBy(Math.Abs) > 0);                           // pinned sign
        }
        // shares: the top three eigenvalues over the trace
        Assert.Equal(Enumerable.Range(2, 3).Sum(k => evd.EigenValues[k].Real) / covariance.Trace(), pca.ExplainedVarianceRatio.Sum(), 9);
        AllClose(mean.ToArray(), ToDoubles(pca.Mean), 1e-12);
    }

    [Fact]
    public void All_components_reconstruct_the_points_and_transform_keeps_dtype()
    {
        // With k = d the map is a rotation about the mean: Vᵀ z + μ = x, and distances are preserved.
        var values = Uniform(30 * 4, seed: 5);
        using var x = tensor(values).reshape(30, 4);
        using var pca = PrincipalComponents.Fit(x, 4);
        using var z = pca.Transform(x);
        using var back = z.matmul(pca.Components).add(pca.Mean);
        AllClose(values, ToDoubles(back), 1e-12);
        using var x32 = x.to(ScalarType.Float32);
        using var z32 = pca.Transform(x32);
        Assert.Equal(ScalarType.Float32, z32.dtype);
        AllClose(ToDoubles(z), ToDoubles(z32), 1e-5);
        AssertLeavesOnlyItsResult(() => pca.Transform(x));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var x = tensor(Uniform(12, seed: 1)).reshape(4, 3);
        Assert.Equal("components", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit(x, 4)).ParamName);
        Assert.Equal("components", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit(x, 0)).ParamName);
        using var one = tensor(new double[] { 1, 2, 3 }).reshape(1, 3);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit(one, 1)).ParamName);
        using var ints = tensor(new long[] { 1, 2, 3, 4 }).reshape(2, 2);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit(ints, 1)).ParamName);
        using var nan = tensor(new double[] { 1, double.NaN, 3, 4 }).reshape(2, 2);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit(nan, 1)).ParamName);
        using var pca = PrincipalComponents.Fit(x, 2);
        using var wide = tensor(Uniform(8, seed: 2)).reshape(2, 4);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => pca.Transform(wide)).ParamName);
    }
}

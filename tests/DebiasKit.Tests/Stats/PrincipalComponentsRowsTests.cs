using DebiasKit.Stats;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Stats;

/// <summary>The plain-rows overloads (tabular features), checked by hand and by algebraic properties.</summary>
public class PrincipalComponentsRowsTests
{
    [Fact]
    public void Hand_computed_two_dimensional_case()
    {
        // Rows (±1, ±1) stretched along (1, 1): x = a(1,1)/√2·2 + b(1,−1)/√2·0.5 for a, b ∈ {±1}.
        // Covariance (n − 1 = 3): along (1,1)/√2 the scores are ±2 → variance 4·4/3 = 16/3; along (1,−1)/√2: ±0.5 → 0.25·4/3 = 1/3.
        double s = Math.Sqrt(0.5);
        double[][] rows = new[] { (1, 1), (1, -1), (-1, 1), (-1, -1) }
            .Select(ab => new[] { 2 * ab.Item1 * s + 0.5 * ab.Item2 * s + 3, 2 * ab.Item1 * s - 0.5 * ab.Item2 * s - 1 }).ToArray();
        var pca = PrincipalComponents.Fit(rows, 2);
        TestHelpers.AllClose([3, -1], pca.Mean.data<double>().ToArray(), 1e-12);
        TestHelpers.AllClose([16.0 / 3, 1.0 / 3], pca.ExplainedVariance.ToArray(), 1e-12);
        TestHelpers.AllClose([s, s], pca.Components[0].data<double>().ToArray(), 1e-12);
        // Second component ±(1, −1)/√2; the sign rule makes the first entry of largest magnitude positive: (s, −s).
        TestHelpers.AllClose([s, -s], pca.Components[1].data<double>().ToArray(), 1e-12);
        Assert.Equal(17.0 / 3, pca.TotalVariance, 12);
        TestHelpers.AllClose([2, 0.5], pca.Transform([rows[0]])[0], 1e-12);
    }

    [Fact]
    public void Components_are_orthonormal_and_a_full_basis_preserves_distances()
    {
        var rng = new Random(4);
        var rows = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 5).Select(j => rng.NextDouble() * (j + 1)).ToArray()).ToArray();
        var pca = PrincipalComponents.Fit(rows, 5);
        for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++)
                Assert.Equal(a == b ? 1.0 : 0.0, pca.Components[a].data<double>().ToArray().Zip(pca.Components[b].data<double>().ToArray(), (u, v) => u * v).Sum(), 10);
        Assert.Equal(pca.ExplainedVariance.OrderByDescending(v => v), pca.ExplainedVariance);
        Assert.Equal(pca.TotalVariance, pca.ExplainedVariance.Sum(), 10);
        var scores = pca.Transform(rows);
        double Distance(double[] u, double[] v) => Math.Sqrt(u.Zip(v, (p, q) => (p - q) * (p - q)).Sum());
        Assert.Equal(Distance(rows[0], rows[1]), Distance(scores[0], scores[1]), 10);
        // Score variances equal the eigenvalues.
        for (int c = 0; c < 5; c++)
        {
            double mean = scores.Average(r => r[c]);
            Assert.Equal(0, mean, 10);
            Assert.Equal(pca.ExplainedVariance[c], scores.Sum(r => (r[c] - mean) * (r[c] - mean)) / 59, 10);
        }
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1, 2]], 1)).ParamName);
        Assert.Equal("components", Assert.ThrowsAny<ArgumentException>(() => PrincipalComponents.Fit([[1, 2], [3, 4]], 3)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1, 2], [3, double.NaN]], 1)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1, 2], [1, 2]], 1).Transform([[1]])).ParamName);
    }
}

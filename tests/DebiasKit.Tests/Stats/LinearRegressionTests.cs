using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class LinearRegressionTests
{
    private static (Matrix<double> X, double[] Y) Sample(int n, int p, int seed)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => normal.Sample());
        var y = Enumerable.Range(0, n).Select(i => 0.5 + Enumerable.Range(0, p).Sum(j => (j + 1) * x[i, j]) + normal.Sample()).ToArray();
        return (x, y);
    }

    /// <summary>The weighted ridge normal equations (ZᵀWZ + diag(0, λ, …, λ)) β = ZᵀWy assembled with loops and solved by Gauss–Jordan elimination.</summary>
    private static double[] NormalEquations(Matrix<double> x, double[] y, double ridge, double[] w)
    {
        int n = x.RowCount, d = x.ColumnCount + 1;
        var a = new double[d, d + 1];
        for (int i = 0; i < n; i++)
        {
            var z = new double[d];
            z[0] = 1;
            for (int j = 1; j < d; j++) z[j] = x[i, j - 1];
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++) a[r, c] += w[i] * z[r] * z[c];
                a[r, d] += w[i] * z[r] * y[i];
            }
        }
        for (int j = 1; j < d; j++) a[j, j] += ridge;
        for (int col = 0; col < d; col++)
        {
            double pivot = a[col, col];
            for (int c = 0; c <= d; c++) a[col, c] /= pivot;
            for (int r = 0; r < d; r++)
            {
                if (r == col) continue;
                double factor = a[r, col];
                for (int c = 0; c <= d; c++) a[r, c] -= factor * a[col, c];
            }
        }
        return Enumerable.Range(0, d).Select(r => a[r, d]).ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    public void Matches_the_weighted_ridge_normal_equations_written_out(double ridge)
    {
        var (x, y) = Sample(60, 3, seed: 1);
        var w = Enumerable.Range(0, 60).Select(i => 0.5 + (i % 4)).ToArray();
        var expected = NormalEquations(x, y, ridge, w);
        var model = LinearRegression.Fit(x, y, ridge, w);
        Assert.Equal(expected[0], model.Intercept, 10);
        for (int j = 0; j < 3; j++) Assert.Equal(expected[j + 1], model.Slopes[j], 10);
        var predicted = model.Predict(x);
        Assert.Equal(expected[0] + expected[1] * x[7, 0] + expected[2] * x[7, 1] + expected[3] * x[7, 2], predicted[7], 10);
    }

    [Fact]
    public void Recovers_an_exact_linear_relation_and_a_weight_of_two_equals_a_duplicated_row()
    {
        var (x, _) = Sample(20, 2, seed: 2);
        var y = Enumerable.Range(0, 20).Select(i => -1 + 2 * x[i, 0] - 3 * x[i, 1]).ToArray();
        var exact = LinearRegression.Fit(x, y);
        Assert.Equal(-1, exact.Intercept, 10);
        Assert.Equal(2, exact.Slopes[0], 10);
        Assert.Equal(-3, exact.Slopes[1], 10);

        var (x2, y2) = Sample(30, 2, seed: 3);
        var weights = Enumerable.Range(0, 30).Select(i => i == 4 ? 2.0 : 1.0).ToArray();
        var rows = Enumerable.Range(0, 30).Append(4).ToArray();
        var duplicated = LinearRegression.Fit(x2.SubRows(rows), rows.Select(i => y2[i]).ToArray(), ridge: 1.5);
        var weighted = LinearRegression.Fit(x2, y2, ridge: 1.5, weights: weights);
        Assert.Equal(duplicated.Intercept, weighted.Intercept, 10);
        Assert.Equal(duplicated.Slopes[1], weighted.Slopes[1], 10);
    }

    [Fact]
    public void A_huge_ridge_leaves_the_intercept_at_the_mean_and_no_intercept_goes_through_the_origin()
    {
        var (x, y) = Sample(50, 3, seed: 4);
        var flat = LinearRegression.Fit(x, y, ridge: 1e12);
        Assert.Equal(y.Average(), flat.Intercept, 6);
        Assert.All(flat.Slopes, s => Assert.True(Math.Abs(s) < 1e-8));
        var origin = LinearRegression.Fit(x, y, intercept: false);
        Assert.Equal(0, origin.Intercept);
        Assert.Equal(x.QR().Solve(Vector<double>.Build.DenseOfArray(y)), origin.Slopes, new VectorTolerance(1e-10));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y) = Sample(10, 2, seed: 5);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(x, y.Take(9).ToArray())).ParamName);
        var nan = (double[])y.Clone();
        nan[3] = double.NaN;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(x, nan)).ParamName);
        Assert.Equal("ridge", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(x, y, ridge: -1)).ParamName);
        Assert.Equal("weights", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(x, y, weights: Enumerable.Repeat(-1.0, 10).ToArray())).ParamName);
        var collinear = Matrix<double>.Build.DenseOfColumnArrays(x.Column(0).ToArray(), x.Column(0).Multiply(2).ToArray());
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(collinear, y)).ParamName);
        Assert.NotNull(LinearRegression.Fit(collinear, y, ridge: 0.1));  // ridge makes it unique
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => LinearRegression.Fit(x, y).Predict(collinear.SubRows(new[] { 0 }).Append(Matrix<double>.Build.Dense(1, 1)))).ParamName);
    }

    private sealed class VectorTolerance(double tolerance) : IEqualityComparer<Vector<double>>
    {
        public bool Equals(Vector<double>? a, Vector<double>? b) => a is not null && b is not null && (a - b).InfinityNorm() < tolerance;
        public int GetHashCode(Vector<double> v) => 0;
    }
}

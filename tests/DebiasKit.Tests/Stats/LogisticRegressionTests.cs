using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class LogisticRegressionTests
{
    private static (Matrix<double> X, double[] Y) Sample(int n, int seed, bool soft = false)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var random = new Random(seed + 1);
        var x = Matrix<double>.Build.Dense(n, 2, (_, _) => normal.Sample());
        var y = Enumerable.Range(0, n).Select(i =>
        {
            double p = 1 / (1 + Math.Exp(-(-0.3 + 1.2 * x[i, 0] - 0.7 * x[i, 1])));
            return soft ? p : random.NextDouble() < p ? 1.0 : 0.0;
        }).ToArray();
        return (x, y);
    }

    /// <summary>The objective's gradient Σ wᵢ (pᵢ − yᵢ) zᵢ + ridge·(0, b), written with loops.</summary>
    private static double[] Gradient(Matrix<double> x, double[] y, double[] w, double ridge, LogisticModel model)
    {
        var g = new double[x.ColumnCount + 1];
        for (int i = 0; i < x.RowCount; i++)
        {
            double z = model.Intercept;
            for (int j = 0; j < x.ColumnCount; j++) z += model.Slopes[j] * x[i, j];
            double r = w[i] * (1 / (1 + Math.Exp(-z)) - y[i]);
            g[0] += r;
            for (int j = 0; j < x.ColumnCount; j++) g[j + 1] += r * x[i, j];
        }
        for (int j = 0; j < x.ColumnCount; j++) g[j + 1] += ridge * model.Slopes[j];
        return g;
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(2.0, false)]
    [InlineData(0.0, true)]
    public void The_fit_is_a_stationary_point_of_the_weighted_penalised_loss(double ridge, bool soft)
    {
        var (x, y) = Sample(300, seed: 1, soft);
        var w = Enumerable.Range(0, 300).Select(i => 0.5 + (i % 3)).ToArray();
        var model = LogisticRegression.Fit(x, y, ridge, w);
        Assert.All(Gradient(x, y, w, ridge, model), g => Assert.True(Math.Abs(g) < 1e-7, $"gradient component {g}"));
        Assert.InRange(model.Iterations, 1, 30);
        var p = model.PredictProbability(x);
        Assert.Equal(1 / (1 + Math.Exp(-(model.Intercept + model.Slopes[0] * x[5, 0] + model.Slopes[1] * x[5, 1]))), p[5], 12);
        if (soft) { Assert.Equal(-0.3, model.Intercept, 6); Assert.Equal(1.2, model.Slopes[0], 6); }   // probabilities as targets: the exact model is recovered
    }

    [Fact]
    public void Without_features_the_intercept_is_the_logit_of_the_weighted_mean()
    {
        var y = new[] { 1.0, 0, 0, 1, 1, 0, 1, 1 };
        var w = new[] { 1.0, 2, 1, 1, 3, 1, 1, 0.5 };
        var model = LogisticRegression.Fit(Matrix<double>.Build.Dense(8, 0), y, weights: w);
        double mean = y.Zip(w, (a, b) => a * b).Sum() / w.Sum();   // 5.5 / 10.5
        Assert.Equal(Math.Log(mean / (1 - mean)), model.Intercept, 10);
    }

    [Fact]
    public void A_weight_of_two_equals_a_duplicated_row()
    {
        var (x, y) = Sample(80, seed: 2);
        var rows = Enumerable.Range(0, 80).Append(11).ToArray();
        var duplicated = LogisticRegression.Fit(x.SubRows(rows), rows.Select(i => y[i]).ToArray(), ridge: 0.5);
        var weighted = LogisticRegression.Fit(x, y, ridge: 0.5, weights: Enumerable.Range(0, 80).Select(i => i == 11 ? 2.0 : 1.0).ToArray());
        Assert.Equal(duplicated.Intercept, weighted.Intercept, 9);
        Assert.Equal(duplicated.Slopes[0], weighted.Slopes[0], 9);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y) = Sample(10, seed: 3);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(x, y.Take(9).ToArray())).ParamName);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(x, y.Select(v => v + 0.5).ToArray())).ParamName);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(x, y.Select(v => double.NaN).ToArray())).ParamName);
        Assert.Equal("weights", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(x, y, weights: new double[9])).ParamName);
        Assert.Equal("ridge", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(x, y, ridge: -0.1)).ParamName);
        var infinite = x.Clone();
        infinite[0, 0] = double.PositiveInfinity;
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => LogisticRegression.Fit(infinite, y)).ParamName);
    }
}

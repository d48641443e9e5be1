using DebiasKit.Data.Synthetic;
using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class DesignBasedRegressionTests
{
    /// <summary>A linear world: Y = 1 + 2X + ε, a surrogate S = Y + 0.5 + 0.8X + noise (its error grows with X), Bernoulli(π) expert labels.</summary>
    private static (Matrix<double> X, double[] Y, double[] S, bool[] R, double[] Pi) World(int n, double pi, int seed)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var random = new Random(seed + 3);
        var covariate = Enumerable.Range(0, n).Select(_ => normal.Sample()).ToArray();
        var y = covariate.Select(v => 1 + 2 * v + normal.Sample()).ToArray();
        var s = y.Select((v, i) => v + 0.5 + 0.8 * covariate[i] + 0.5 * normal.Sample()).ToArray();
        var r = Enumerable.Range(0, n).Select(_ => random.NextDouble() < pi).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(Enumerable.Repeat(1.0, n).ToArray(), covariate);
        return (x, y, s, r, Enumerable.Repeat(pi, n).ToArray());
    }

    /// <summary>
    /// The reference package's decomposition written out with loops: moments m_pred = x(ĝ − μ), m_orig = R·x(Y − μ), the meat
    /// main_1 + main_2 + main_3, the Jacobian in its m_orig/m_pred form, and V = J⁻¹ Ω J⁻¹ / N. Returns the standard errors.
    /// </summary>
    private static double[] ReferenceStandardErrors(Matrix<double> x, double[] y, double[] g, bool[] r, double[] pi, double[] theta, bool logistic)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var meat = new double[d, d];
        var jacobian = new double[d, d];
        for (int i = 0; i < n; i++)
        {
            double eta = 0;
            for (int j = 0; j < d; j++) eta += x[i, j] * theta[j];
            double mu = logistic ? 1 / (1 + Math.Exp(-eta)) : eta;
            double slope = logistic ? mu * (1 - mu) : 1;
            double w = r[i] ? 1 / pi[i] : 0;
            var mPred = new double[d];
            var mOrig = new double[d];
            for (int j = 0; j < d; j++)
            {
                mPred[j] = x[i, j] * (g[i] - mu);
                mOrig[j] = r[i] ? x[i, j] * (y[i] - mu) : 0;
            }
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    double main1 = (r[i] ? 1 / (pi[i] * pi[i]) : 0) * (mOrig[a] - mPred[a]) * (mOrig[b] - mPred[b]);
                    double main2 = mPred[a] * mPred[b];
                    double main3 = w * (mPred[a] * (mOrig[b] - mPred[b]) + (mOrig[a] - mPred[a]) * mPred[b]);
                    meat[a, b] += (main1 + main2 + main3) / n;
                    // grad_pred + grad_orig − grad_pred_R (X observed for every unit)
                    jacobian[a, b] += (slope * x[i, a] * x[i, b] * (1 - w) + (r[i] ? slope * x[i, a] * x[i, b] * w : 0)) / n;
                }
        }
        var jInverse = Matrix<double>.Build.DenseOfArray(jacobian).Inverse();
        var v = jInverse * Matrix<double>.Build.DenseOfArray(meat) * jInverse.Transpose() / n;
        return Enumerable.Range(0, d).Select(j => Math.Sqrt(v[j, j])).ToArray();
    }

    [Fact]
    public void Linear_coefficients_and_errors_match_the_reference_decomposition_written_out()
    {
        var (x, y, s, r, pi) = World(500, 0.3, seed: 1);
        var labels = y.Select((v, i) => r[i] ? v : double.NaN).ToArray();
        var result = DesignBasedRegression.Linear(x, s, labels, r, pi, level: 0.9);
        // normal equations of OLS on the pseudo-outcomes, with loops
        double sxx = 0, sx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < 500; i++)
        {
            double pseudo = s[i] + (r[i] ? (y[i] - s[i]) / pi[i] : 0);
            Assert.Equal(pseudo, result.PseudoOutcomes[i], 12);
            sx += x[i, 1]; sxx += x[i, 1] * x[i, 1]; sy += pseudo; sxy += x[i, 1] * pseudo;
        }
        double slope = (500 * sxy - sx * sy) / (500 * sxx - sx * sx), intercept = (sy - slope * sx) / 500;
        Assert.Equal(intercept, result.Coefficients[0].Estimate, 10);
        Assert.Equal(slope, result.Coefficients[1].Estimate, 10);
        var se = ReferenceStandardErrors(x, y, s, r, pi, new[] { intercept, slope }, logistic: false);
        Assert.Equal(se[0], result.Coefficients[0].StandardError, 10);
        Assert.Equal(se[1], result.Coefficients[1].StandardError, 10);
        Assert.Equal(slope + 1.6448536269514722 * se[1], result.Coefficients[1].Upper, 9);
    }

    [Fact]
    public void Logistic_coefficients_solve_the_reference_moment_equations_and_match_its_errors()
    {
        var docs = SurrogateAnnotations.Sample(800, 0.25, seed: 2);
        var x = Matrix<double>.Build.DenseOfColumnArrays(Enumerable.Repeat(1.0, 800).ToArray(), docs.Covariate);
        var g = CrossFitting.OlsPredictions(Matrix<double>.Build.DenseOfColumnArrays(docs.Surrogate, docs.Covariate), docs.Label, docs.Labelled, folds: 5, seed: 2);
        var result = DesignBasedRegression.Logistic(x, g, docs.ExpertLabels(), docs.Labelled, docs.Probability);
        var theta = result.Coefficients.Select(c => c.Estimate).ToArray();
        // Σ m_dr = Σ [m_pred + (m_orig − m_pred) R/π] = 0 at the estimate
        for (int j = 0; j < 2; j++)
        {
            double total = 0;
            for (int i = 0; i < 800; i++)
            {
                double mu = 1 / (1 + Math.Exp(-(theta[0] + theta[1] * x[i, 1])));
                double mPred = x[i, j] * (g[i] - mu), mOrig = docs.Labelled[i] ? x[i, j] * (docs.Label[i] - mu) : 0;
                total += mPred + (docs.Labelled[i] ? (mOrig - mPred) / docs.Probability[i] : 0);
            }
            Assert.True(Math.Abs(total) < 1e-8, $"moment {j} = {total}");
        }
        var se = ReferenceStandardErrors(x, docs.Label, g, docs.Labelled, docs.Probability, theta, logistic: true);
        Assert.Equal(se[0], result.Coefficients[0].StandardError, 10);
        Assert.Equal(se[1], result.Coefficients[1].StandardError, 10);
    }

    [Fact]
    public void Everyone_labelled_with_certainty_gives_ordinary_least_squares_on_the_labels()
    {
        var (x, y, s, _, _) = World(100, 1, seed: 3);
        var all = Enumerable.Repeat(true, 100).ToArray();
        var ones = Enumerable.Repeat(1.0, 100).ToArray();
        var result = DesignBasedRegression.Linear(x, s, y, all, ones);
        var ols = LinearRegression.Fit(x.SubRows(Enumerable.Range(0, 100).ToArray()).RemoveColumn(0), y);
        Assert.Equal(ols.Intercept, result.Coefficients[0].Estimate, 10);
        Assert.Equal(ols.Slopes[0], result.Coefficients[1].Estimate, 10);
    }

    [Fact]
    public void Slope_intervals_cover_at_their_nominal_rate_where_the_surrogate_regression_does_not()
    {
        int linear = 0, logistic = 0, naive = 0;
        for (int rep = 0; rep < 200; rep++)
        {
            var (x, y, s, r, pi) = World(600, 0.25, seed: 100 + rep);
            var g = CrossFitting.OlsPredictions(Matrix<double>.Build.DenseOfColumnArrays(s, x.Column(1).ToArray()), y, r, folds: 5, seed: rep);
            var labels = y.Select((v, i) => r[i] ? v : double.NaN).ToArray();
            if (DesignBasedRegression.Linear(x, g, labels, r, pi, level: 0.9).Coefficients[1].Covers(2)) linear++;
            if (DesignBasedRegression.Linear(x, s, s, Enumerable.Repeat(true, 600).ToArray(), Enumerable.Repeat(1.0, 600).ToArray(), level: 0.9).Coefficients[1].Covers(2)) naive++;

            var docs = SurrogateAnnotations.Sample(600, 0.25, seed: 500 + rep);
            var xd = Matrix<double>.Build.DenseOfColumnArrays(Enumerable.Repeat(1.0, 600).ToArray(), docs.Covariate);
            var gd = CrossFitting.OlsPredictions(Matrix<double>.Build.DenseOfColumnArrays(docs.Surrogate, docs.Covariate), docs.Label, docs.Labelled, folds: 5, seed: rep);
            if (DesignBasedRegression.Logistic(xd, gd, docs.ExpertLabels(), docs.Labelled, docs.Probability, level: 0.9).Coefficients[1].Covers(1.0)) logistic++;
        }
        Assert.InRange(linear / 200.0, 0.85, 0.95);
        Assert.InRange(logistic / 200.0, 0.85, 0.95);
        Assert.True(naive / 200.0 < 0.2, $"the surrogate regression covered {naive / 200.0:P0}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y, s, r, pi) = World(50, 0.5, seed: 4);
        Assert.Equal("predictions", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s.Take(49).ToArray(), y, r, pi)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s, y.Take(49).ToArray(), r, pi)).ParamName);
        Assert.Equal("probabilities", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Logistic(x, s, y, r, pi.Select(_ => 1.5).ToArray())).ParamName);
        Assert.Equal("probabilities", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s, y, r, pi.Select(_ => 0.0).ToArray())).ParamName);
        var nan = (double[])y.Clone();
        nan[Array.IndexOf(r, true)] = double.NaN;
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s, nan, r, pi)).ParamName);
        Assert.Equal("labelled", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s, y, new bool[50], pi)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x.SubRows(new[] { 0, 1 }), s.Take(2).ToArray(), y.Take(2).ToArray(), new[] { true, true }, new[] { 1.0, 1.0 })).ParamName);
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => DesignBasedRegression.Linear(x, s, y, r, pi, level: 1)).ParamName);
    }
}

using DebiasKit.Data.Synthetic;
using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class PrestoTests
{
    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>The mean negative log-likelihood written out plainly: −mean log(P(Y > y − 1) − P(Y > y)).</summary>
    private static double PlainNll(Matrix<double> x, int[] y, double[] alpha, double[][] beta)
    {
        int k = alpha.Length;
        double total = 0;
        for (int i = 0; i < x.RowCount; i++)
        {
            double Exceed(int t)
            {
                double eta = alpha[t];
                for (int j = 0; j < x.ColumnCount; j++) eta += beta[t][j] * x[i, j];
                return Sigmoid(eta);
            }
            double upper = y[i] == 0 ? 1 : Exceed(y[i] - 1);
            double lower = y[i] == k ? 0 : Exceed(y[i]);
            total -= Math.Log(upper - lower);
        }
        return total / x.RowCount;
    }

    /// <summary>Central finite differences of <see cref="PlainNll"/> in every intercept and weight.</summary>
    private static (double[] A, double[][] B) NumericGradient(Matrix<double> x, int[] y, double[] alpha, double[][] beta, double h = 1e-6)
    {
        var ga = new double[alpha.Length];
        var gb = beta.Select(r => new double[r.Length]).ToArray();
        for (int t = 0; t < alpha.Length; t++)
        {
            var up = (double[])alpha.Clone(); up[t] += h;
            var down = (double[])alpha.Clone(); down[t] -= h;
            ga[t] = (PlainNll(x, y, up, beta) - PlainNll(x, y, down, beta)) / (2 * h);
            for (int j = 0; j < beta[t].Length; j++)
            {
                var bu = beta.Select(r => (double[])r.Clone()).ToArray(); bu[t][j] += h;
                var bd = beta.Select(r => (double[])r.Clone()).ToArray(); bd[t][j] -= h;
                gb[t][j] = (PlainNll(x, y, alpha, bu) - PlainNll(x, y, alpha, bd)) / (2 * h);
            }
        }
        return (ga, gb);
    }

    private static OrdinalSample Data(int n, int seed, int features = 4) =>
        RareOrdinalOutcomes.Sample(RareOrdinalOutcomes.Truth(seed, features, new[] { 1.0, -1.0, -2.5 }, deviation: 0.8, deviationProbability: 0.5), n, seed + 1);

    [Fact]
    public void Likelihood_and_gradient_match_the_plain_formula_and_finite_differences()
    {
        var d = Data(300, 1);
        var alpha = new[] { 0.8, -0.9, -2.4 };
        var beta = new[] { new[] { 0.5, -0.2, 0.1, 0.9 }, new[] { 0.7, -0.2, 0.3, 0.9 }, new[] { 0.2, 0.4, 0.3, 1.0 } };
        Assert.Equal(PlainNll(d.X, d.Y, alpha, beta), CumulativeLogit.MeanNegativeLogLikelihood(d.X, d.Y, alpha, beta), 10);
        var (ga, gb) = CumulativeLogit.Gradient(d.X, d.Y, alpha, beta);
        var (na, nb) = NumericGradient(d.X, d.Y, alpha, beta);
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(na[t], ga[t], 7);
            for (int j = 0; j < 4; j++) Assert.Equal(nb[t][j], gb[t][j], 7);
        }
        // Crossing exceedance curves at an observed middle category: the likelihood is +∞, the gradient refused.
        var crossed = new[] { -3.0, 3.0, -2.4 };
        Assert.True(double.IsPositiveInfinity(CumulativeLogit.MeanNegativeLogLikelihood(d.X, d.Y, crossed, beta)));
        Assert.Throws<ArgumentException>(() => CumulativeLogit.Gradient(d.X, d.Y, crossed, beta));
    }

    [Fact]
    public void Proportional_odds_fit_is_stationary_and_with_two_categories_is_logistic_regression()
    {
        var d = Data(800, 2);
        var po = ProportionalOdds.Fit(d.X, d.Y, 4);
        Assert.True(po.IsProportionalOdds());
        Assert.True(po.Intercepts[0] > po.Intercepts[1] && po.Intercepts[1] > po.Intercepts[2]);
        // Stationary in the shared weights: the per-threshold finite-difference gradients sum to zero.
        var (na, nb) = NumericGradient(d.X, d.Y, po.Intercepts, po.Weights);
        foreach (double g in na) Assert.True(Math.Abs(g) < 1e-6, $"intercept gradient {g}");
        for (int j = 0; j < 4; j++) Assert.True(Math.Abs(nb.Sum(r => r[j])) < 1e-6, $"shared-weight gradient {nb.Sum(r => r[j])}");
        // Two categories: the model is logistic regression of 1[Y > 0].
        var binary = d.Y.Select(v => v > 0 ? 1 : 0).ToArray();
        var one = ProportionalOdds.Fit(d.X, binary, 2);
        var lr = LogisticRegression.Fit(d.X, binary.Select(v => (double)v).ToArray());
        Assert.Equal(lr.Intercept, one.Intercepts[0], 6);
        for (int j = 0; j < 4; j++) Assert.Equal(lr.Slopes[j], one.Weights[0][j], 6);
    }

    [Fact]
    public void A_huge_lambda_on_the_differences_gives_the_proportional_odds_fit()
    {
        var d = Data(600, 3);
        var po = ProportionalOdds.Fit(d.X, d.Y, 4);
        var fused = Presto.Fit(d.X, d.Y, 4, lambda: 1e3, new PrestoOptions(PenalizeFirst: false, Tolerance: 1e-10));
        Assert.True(fused.Converged);
        Assert.True(fused.Model.IsProportionalOdds(1e-12));
        for (int t = 0; t < 3; t++) Assert.Equal(po.Intercepts[t], fused.Model.Intercepts[t], 6);
        for (int j = 0; j < 4; j++) Assert.Equal(po.Weights[0][j], fused.Model.Weights[0][j], 6);
        // With the lasso on β₀ as well, a huge λ leaves the intercept-only model.
        var empty = Presto.Fit(d.X, d.Y, 4, lambda: 1e3, new PrestoOptions(PenalizeFirst: true));
        Assert.All(empty.Model.Weights.SelectMany(w => w), w => Assert.Equal(0, w));
    }

    [Fact]
    public void Lambda_zero_on_a_saturated_design_equals_separate_logistic_fits_per_threshold()
    {
        // A three-level categorical feature as two dummies: every group has its own exceedance probabilities, so the joint
        // cumulative-logit MLE and K separate logistic regressions of 1[Y > k] both reproduce the empirical shares.
        // (With continuous features the two differ: the joint likelihood couples the thresholds.)
        var random = new Random(4);
        int n = 900;
        var group = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray();
        var x = Matrix<double>.Build.Dense(n, 2, (i, j) => group[i] == j + 1 ? 1 : 0);
        var shares = new[] { new[] { 0.6, 0.25, 0.08 }, new[] { 0.5, 0.3, 0.05 }, new[] { 0.7, 0.2, 0.1 } };
        var y = group.Select(g => { double u = random.NextDouble(); int c = 0; while (c < 3 && u < shares[g][c]) c++; return c; }).ToArray();
        var fit = Presto.Fit(x, y, 4, lambda: 0, new PrestoOptions(Tolerance: 1e-10));
        Assert.True(fit.Converged);
        for (int t = 0; t < 3; t++)
        {
            var lr = LogisticRegression.Fit(x, y.Select(v => v > t ? 1.0 : 0.0).ToArray());
            Assert.Equal(lr.Intercept, fit.Model.Intercepts[t], 5);
            for (int j = 0; j < 2; j++) Assert.Equal(lr.Slopes[j], fit.Model.Weights[t][j], 5);
        }
    }

    [Theory]
    [InlineData(true, 0.01)]
    [InlineData(false, 0.01)]
    [InlineData(true, 0.0)]
    public void The_fista_solution_meets_the_kkt_conditions(bool penalizeFirst, double lambda)
    {
        var d = Data(500, 5);
        var fit = Presto.Fit(d.X, d.Y, 4, lambda, new PrestoOptions(penalizeFirst, Standardize: false, Tolerance: 1e-10));
        Assert.True(fit.Converged);
        var m = fit.Model;
        var (ga, gb) = NumericGradient(d.X, d.Y, m.Intercepts, m.Weights);
        foreach (double g in ga) Assert.True(Math.Abs(g) < 1e-6, $"intercept gradient {g}");
        int zeros = 0, active = 0;
        for (int t = 0; t < 3; t++)
            for (int j = 0; j < 4; j++)
            {
                // ψ_t = β_t − β_{t−1}; ∂f/∂ψ_t = Σ_{s ≥ t} ∂f/∂β_s.
                double psi = t == 0 ? m.Weights[0][j] : m.Weights[t][j] - m.Weights[t - 1][j];
                double g = 0;
                for (int s = t; s < 3; s++) g += gb[s][j];
                bool penalised = t > 0 || penalizeFirst;
                if (!penalised) Assert.True(Math.Abs(g) < 1e-6, $"unpenalised ψ gradient {g}");
                else if (psi == 0) { zeros++; Assert.True(Math.Abs(g) <= lambda + 1e-6, $"|∂f/∂ψ| = {Math.Abs(g)} > λ at a zero"); }
                else { active++; Assert.True(Math.Abs(g + lambda * Math.Sign(psi)) < 1e-6, $"∂f/∂ψ = {g} ≠ −λ·sign(ψ) = {-lambda * Math.Sign(psi)}"); }
            }
        if (lambda > 0) Assert.True(zeros > 0 && active > 0, $"expected some fused and some separate differences; zeros {zeros}, active {active}");
    }

    [Fact]
    public void Standardising_is_fitting_on_z_scores_and_mapping_back()
    {
        var d = Data(400, 6);
        var shifted = Matrix<double>.Build.Dense(d.Count, 4, (i, j) => 3 + (j + 1) * d.X[i, j]);
        var fit = Presto.Fit(shifted, d.Y, 4, 0.02, new PrestoOptions(Tolerance: 1e-10));
        var mean = Enumerable.Range(0, 4).Select(j => shifted.Column(j).Average()).ToArray();
        var sd = Enumerable.Range(0, 4).Select(j => Math.Sqrt(shifted.Column(j).Select(v => (v - mean[j]) * (v - mean[j])).Average())).ToArray();
        var z = Matrix<double>.Build.Dense(d.Count, 4, (i, j) => (shifted[i, j] - mean[j]) / sd[j]);
        var onZ = Presto.Fit(z, d.Y, 4, 0.02, new PrestoOptions(Standardize: false, Tolerance: 1e-10));
        var a = fit.Model.Probabilities(shifted);
        var b = onZ.Model.Probabilities(z);
        for (int i = 0; i < d.Count; i += 7)
            for (int c = 0; c < 4; c++) Assert.Equal(b[i, c], a[i, c], 7);
    }

    [Fact]
    public void Lambda_max_is_the_smallest_lambda_that_zeroes_every_penalised_coefficient_and_cross_validation_picks_from_the_grid()
    {
        var d = Data(500, 7);
        var grid = Presto.LambdaGrid(d.X, d.Y, 4, count: 6, minRatio: 0.05);
        Assert.Equal(6, grid.Length);
        Assert.Equal(0.05 * grid[0], grid[^1], 12);
        Assert.True(grid.Zip(grid.Skip(1), (a, b) => a > b).All(v => v));
        var atMax = Presto.Fit(d.X, d.Y, 4, grid[0] * 1.0001);
        Assert.All(atMax.Model.Weights.SelectMany(w => w), w => Assert.Equal(0, w));
        var below = Presto.Fit(d.X, d.Y, 4, grid[0] * 0.95);
        Assert.Contains(below.Model.Weights.SelectMany(w => w), w => w != 0);
        var cv = Presto.CrossValidate(d.X, d.Y, 4, folds: 3, lambdas: 6, minRatio: 0.05, seed: 1);
        Assert.Contains(cv.SelectedLambda, cv.Lambdas);
        int chosen = Array.IndexOf(cv.Lambdas, cv.SelectedLambda);
        Assert.Equal(cv.MeanBrier.Min(), cv.MeanBrier[chosen]);
        Assert.All(cv.MeanBrier.Take(chosen), v => Assert.True(v > cv.MeanBrier[chosen]));   // the largest λ among the minimisers
        var again = Presto.CrossValidate(d.X, d.Y, 4, folds: 3, lambdas: 6, minRatio: 0.05, seed: 1);
        Assert.Equal(cv.MeanBrier, again.MeanBrier);
        var direct = Presto.Fit(d.X, d.Y, 4, cv.SelectedLambda, new PrestoOptions(Tolerance: 1e-10)).Model.Weights[2];
        for (int j = 0; j < 4; j++) Assert.Equal(direct[j], cv.Fit.Model.Weights[2][j], 4);
    }

    [Fact]
    public void The_generator_draws_valid_non_crossing_truths_with_a_rare_top_category()
    {
        var truth = RareOrdinalOutcomes.Truth(seed: 11);
        for (int k = 1; k < truth.Thresholds; k++)
            Assert.True(truth.Intercepts[k - 1] - truth.Intercepts[k] > truth.Weights[k].Zip(truth.Weights[k - 1], (a, b) => Math.Abs(a - b)).Sum());
        var sample = RareOrdinalOutcomes.Sample(truth, 20_000, seed: 12);
        double top = sample.Y.Count(v => v == 3) / 20_000.0;
        Assert.InRange(top, 0.002, 0.04);
        Assert.Equal(sample.TopProbability.Average(), top, 2);
        Assert.Equal(sample.Y, RareOrdinalOutcomes.Sample(truth, 20_000, seed: 12).Y);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var d = Data(200, 8);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(d.X, d.Y, 4, -0.1)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(d.X, d.Y, 4, double.NaN)).ParamName);
        Assert.Equal("categories", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(d.X, d.Y.Select(v => Math.Min(v, 1)).ToArray(), 2, 0.1)).ParamName);
        var outside = (int[])d.Y.Clone(); outside[3] = 4;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(d.X, outside, 4, 0.1)).ParamName);
        outside[3] = -1;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => ProportionalOdds.Fit(d.X, outside, 4)).ParamName);
        var noTop = d.Y.Select(v => Math.Min(v, 2)).ToArray();
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(d.X, noTop, 4, 0.1)).ParamName);
        var nan = d.X.Clone(); nan[5, 1] = double.NaN;
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Presto.Fit(nan, d.Y, 4, 0.1)).ParamName);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => ProportionalOdds.Fit(d.X, d.Y.Take(10).ToArray(), 4)).ParamName);
        Assert.Equal("lambdas", Assert.ThrowsAny<ArgumentException>(() => Presto.Path(d.X, d.Y, 4, Array.Empty<double>())).ParamName);
    }
}

using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class PredictionPoweredOlsTests
{
    /// <summary>Y = 1 + 2x + ε; predictions Ŷ = 0.5 + 1.6·Y-ish (a biased slope) with noise; design [1, x].</summary>
    private static (Matrix<double> X, double[] Y, double[] YHat, Matrix<double> XU, double[] YHatU, double[] YU) World(int n, int bigN, int seed)
    {
        var normal = new Normal(0, 1, new Random(seed));
        (Matrix<double>, double[], double[]) Draw(int count)
        {
            var x = Enumerable.Range(0, count).Select(_ => normal.Sample()).ToArray();
            var y = x.Select(v => 1 + 2 * v + normal.Sample()).ToArray();
            var yHat = y.Select((v, i) => 0.5 + 0.8 * v + 0.3 * x[i] + 0.5 * normal.Sample()).ToArray();
            return (Matrix<double>.Build.Dense(count, 2, (i, j) => j == 0 ? 1 : x[i]), y, yHat);
        }
        var (xl, yl, hl) = Draw(n);
        var (xu, yu, hu) = Draw(bigN);
        return (xl, yl, hl, xu, hu, yu);
    }

    /// <summary>ppi_py's OLS interval written out with arrays and loops (normal equations instead of QR).</summary>
    private static (double[] Theta, double[] Se) Reference(Matrix<double> x, double[] y, double[] yHat, Matrix<double> xu, double[] yHatU, double lam)
    {
        int n = x.RowCount, bigN = xu.RowCount, d = x.ColumnCount;
        double[] Ols(Matrix<double> a, double[] b) => ((a.Transpose() * a).Inverse() * (a.Transpose() * Vector<double>.Build.DenseOfArray(b))).ToArray();
        var t1 = Ols(xu, yHatU.Select(v => lam * v).ToArray());
        var t2 = Ols(x, y.Select((v, i) => v - lam * yHat[i]).ToArray());
        var theta = t1.Zip(t2, (a, b) => a + b).ToArray();
        double Fit(Matrix<double> m, int i) { double s = 0; for (int j = 0; j < d; j++) s += m[i, j] * theta[j]; return s; }
        var g = new double[n, d]; var gh = new double[n, d]; var gu = new double[bigN, d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { g[i, j] = x[i, j] * (Fit(x, i) - y[i]); gh[i, j] = x[i, j] * (Fit(x, i) - yHat[i]); }
        for (int i = 0; i < bigN; i++) for (int j = 0; j < d; j++) gu[i, j] = lam * xu[i, j] * (Fit(xu, i) - yHatU[i]);
        Matrix<double> Cov(double[,] rows, int count)
        {
            var c = Matrix<double>.Build.Dense(d, d);
            var mean = new double[d];
            for (int j = 0; j < d; j++) { for (int i = 0; i < count; i++) mean[j] += rows[i, j]; mean[j] /= count; }
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) { double s = 0; for (int i = 0; i < count; i++) s += (rows[i, a] - mean[a]) * (rows[i, b] - mean[b]); c[a, b] = s / (count - 1); }
            return c;
        }
        var diff = new double[n, d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) diff[i, j] = g[i, j] - lam * gh[i, j];
        var h = Matrix<double>.Build.Dense(d, d);
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i, a] * x[i, b];
            if (lam != 0) for (int i = 0; i < bigN; i++) s += xu[i, a] * xu[i, b];
            h[a, b] = s / (lam != 0 ? n + bigN : n);
        }
        var hi = h.Inverse();
        var sigma = hi * ((double)n / bigN * Cov(gu, bigN) + Cov(diff, n)) * hi;
        return (theta, Enumerable.Range(0, d).Select(j => Math.Sqrt(sigma[j, j] / n)).ToArray());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.6)]
    public void Matches_an_independent_implementation(double lambda)
    {
        var (x, y, yHat, xu, yHatU, _) = World(120, 1500, seed: 1);
        var result = PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU, level: 0.9, lambda: lambda);
        var (theta, se) = Reference(x, y, yHat, xu, yHatU, lambda);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(theta[j], result.Coefficients[j].Estimate, 9);
            Assert.Equal(se[j], result.Coefficients[j].StandardError, 9);
        }
    }

    [Fact]
    public void Lambda_zero_is_classical_ols_with_the_ddof_1_robust_variance()
    {
        var (x, y, yHat, xu, yHatU, _) = World(80, 500, seed: 2);
        var ppi = PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU, lambda: 0).Coefficients;
        var classical = PredictionPoweredOls.Classical(x, y);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(classical[j].Estimate, ppi[j].Estimate, 10);
            Assert.Equal(classical[j].StandardError * Math.Sqrt(80.0 / 79.0), ppi[j].StandardError, 10);   // HC0 (1/n) against np.cov (1/(n−1))
        }
    }

    [Fact]
    public void Surrogates_equal_to_the_truth_plus_a_constant_recover_the_unlabelled_ols_exactly()
    {
        var (x, y, _, xu, _, yu) = World(60, 400, seed: 3);
        const double c = -1.75;
        var ppi = PredictionPoweredOls.Estimate(x, y, y.Select(v => v + c).ToArray(), xu, yu.Select(v => v + c).ToArray()).Coefficients;
        var truth = xu.QR().Solve(Vector<double>.Build.DenseOfArray(yu));
        Assert.Equal(truth[0], ppi[0].Estimate, 10);
        Assert.Equal(truth[1], ppi[1].Estimate, 10);
    }

    [Fact]
    public void Nominal_90_percent_slope_intervals_cover_while_the_naive_one_does_not()
    {
        const int replications = 200;
        int ppi = 0, tuned = 0, classical = 0, naive = 0;
        for (int r = 0; r < replications; r++)
        {
            var (x, y, yHat, xu, yHatU, _) = World(150, 1500, seed: 500 + r);
            if (PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU).Coefficients[1].Covers(2)) ppi++;
            var powered = PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU, lambda: null);
            Assert.InRange(powered.Lambda, 0, 1);
            if (powered.Coefficients[1].Covers(2)) tuned++;
            if (PredictionPoweredOls.Classical(x, y)[1].Covers(2)) classical++;
            if (PredictionPoweredOls.Naive(xu, yHatU)[1].Covers(2)) naive++;
        }
        Assert.InRange(ppi / (double)replications, 0.85, 0.95);
        Assert.InRange(tuned / (double)replications, 0.85, 0.95);
        Assert.InRange(classical / (double)replications, 0.85, 0.95);
        Assert.True(naive / (double)replications < 0.05, $"naive coverage {naive / (double)replications}"); // predicted slope 1.9, truth 2
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y, yHat, xu, yHatU, _) = World(20, 50, seed: 4);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(x, y.Take(19).ToArray(), yHat, xu, yHatU)).ParamName);
        Assert.Equal("yHat", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(x, y, yHat.Take(3).ToArray(), xu, yHatU)).ParamName);
        Assert.Equal("yHatUnlabelled", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU.Take(3).ToArray())).ParamName);
        Assert.Equal("xUnlabelled", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(x, y, yHat, Matrix<double>.Build.Dense(50, 3), yHatU)).ParamName);
        var withNaN = y.ToArray(); withNaN[3] = double.NaN;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(x, withNaN, yHat, xu, yHatU)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredOls.Estimate(x, y, yHat, xu, yHatU, lambda: -0.1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Classical(Matrix<double>.Build.Dense(2, 2), [1.0, 2])).ParamName);
        // every labelled unit in one arm: the arm column equals the intercept column, which used to give slopes near 1e13
        var oneArm = Matrix<double>.Build.Dense(20, 2, (_, j) => 1.0);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Estimate(oneArm, y, yHat, Matrix<double>.Build.Dense(50, 2, (i, j) => j == 0 ? 1 : i % 2), yHatU)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PredictionPoweredOls.Classical(oneArm, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PredictionPoweredLogistic.Classical(oneArm, y.Select(v => v > y.Average() ? 1.0 : 0.0).ToArray())).ParamName);
    }
}

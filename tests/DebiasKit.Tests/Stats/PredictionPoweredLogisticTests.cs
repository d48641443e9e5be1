using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class PredictionPoweredLogisticTests
{
    private const double TrueIntercept = -0.5, TrueSlope = 1.0;

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>Y ~ Bernoulli(σ(−0.5 + x)); the surrogate misses positives more often when x is high (a biased annotator).</summary>
    private static (Matrix<double> X, double[] Y, double[] S, Matrix<double> XU, double[] SU) World(int n, int bigN, int seed)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        (Matrix<double>, double[], double[]) Draw(int count)
        {
            var x = Enumerable.Range(0, count).Select(_ => normal.Sample()).ToArray();
            var y = x.Select(v => random.NextDouble() < Sigmoid(TrueIntercept + TrueSlope * v) ? 1.0 : 0.0).ToArray();
            var s = y.Select((v, i) => v == 1 ? (random.NextDouble() < 0.05 + 0.35 * Sigmoid(2 * x[i]) ? 0.0 : 1.0) : (random.NextDouble() < 0.05 ? 1.0 : 0.0)).ToArray();
            return (Matrix<double>.Build.Dense(count, 2, (i, j) => j == 0 ? 1 : x[i]), y, s);
        }
        var (xl, yl, sl) = Draw(n);
        var (xu, _, su) = Draw(bigN);
        return (xl, yl, sl, xu, su);
    }

    /// <summary>The rectified loss written out with loops.</summary>
    private static double Loss(double[] theta, Matrix<double> x, double[] y, double[] yHat, Matrix<double> xu, double[] yHatU, double lam)
    {
        double L(Matrix<double> m, int i, double label) { double z = m[i, 0] * theta[0] + m[i, 1] * theta[1]; return -label * z + Math.Log(1 + Math.Exp(z)); }
        double unl = 0, pred = 0, gold = 0;
        for (int i = 0; i < xu.RowCount; i++) unl += L(xu, i, yHatU[i]);
        for (int i = 0; i < x.RowCount; i++) { pred += L(x, i, yHat[i]); gold += L(x, i, y[i]); }
        return lam / xu.RowCount * unl - lam / x.RowCount * pred + gold / x.RowCount;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.4)]
    [InlineData(0.0)]
    public void The_estimate_is_a_stationary_point_of_the_rectified_loss(double lambda)
    {
        var (x, y, s, xu, su) = World(150, 1200, seed: 1);
        var theta = PredictionPoweredLogistic.Estimate(x, y, s, xu, su, lambda: lambda).Coefficients.Select(c => c.Estimate).ToArray();
        for (int j = 0; j < 2; j++)
        {
            const double h = 1e-5;
            var up = (double[])theta.Clone(); up[j] += h;
            var down = (double[])theta.Clone(); down[j] -= h;
            double derivative = (Loss(up, x, y, s, xu, su, lambda) - Loss(down, x, y, s, xu, su, lambda)) / (2 * h);
            Assert.True(Math.Abs(derivative) < 1e-7, $"coordinate {j}: numerical derivative {derivative}");
            // And it is a minimum along that coordinate.
            Assert.True(Loss(up, x, y, s, xu, su, lambda) >= Loss(theta, x, y, s, xu, su, lambda));
        }
    }

    [Fact]
    public void The_interval_matches_an_independent_sandwich_computation()
    {
        var (x, y, s, xu, su) = World(120, 900, seed: 2);
        const double lam = 0.7;
        var result = PredictionPoweredLogistic.Estimate(x, y, s, xu, su, level: 0.9, lambda: lam).Coefficients;
        var theta = result.Select(c => c.Estimate).ToArray();
        int n = x.RowCount, bigN = xu.RowCount;
        double Mu(Matrix<double> m, int i) => Sigmoid(m[i, 0] * theta[0] + m[i, 1] * theta[1]);
        var h = new double[2, 2];
        for (int i = 0; i < n; i++) { double w = Mu(x, i) * (1 - Mu(x, i)); for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) h[a, b] += w * x[i, a] * x[i, b] / (n + bigN); }
        for (int i = 0; i < bigN; i++) { double w = Mu(xu, i) * (1 - Mu(xu, i)); for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) h[a, b] += w * xu[i, a] * xu[i, b] / (n + bigN); }
        double[,] Cov(Func<int, int, double> row, int count)
        {
            var mean = new double[2]; var c = new double[2, 2];
            for (int i = 0; i < count; i++) for (int a = 0; a < 2; a++) mean[a] += row(i, a) / count;
            for (int i = 0; i < count; i++) for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) c[a, b] += (row(i, a) - mean[a]) * (row(i, b) - mean[b]) / (count - 1);
            return c;
        }
        var vu = Cov((i, a) => lam * xu[i, a] * (Mu(xu, i) - su[i]), bigN);
        var vl = Cov((i, a) => x[i, a] * (Mu(x, i) - y[i]) - lam * x[i, a] * (Mu(x, i) - s[i]), n);
        var hi = Matrix<double>.Build.DenseOfArray(h).Inverse();
        var middle = Matrix<double>.Build.DenseOfArray(vu) * ((double)n / bigN) + Matrix<double>.Build.DenseOfArray(vl);
        var sigma = hi * middle * hi;
        for (int j = 0; j < 2; j++) Assert.Equal(Math.Sqrt(sigma[j, j] / n), result[j].StandardError, 10);
    }

    [Fact]
    public void Nominal_90_percent_slope_intervals_cover_while_a_model_fitted_to_the_surrogates_does_not()
    {
        const int replications = 200;
        int ppi = 0, tuned = 0, classical = 0, naive = 0;
        for (int r = 0; r < replications; r++)
        {
            var (x, y, s, xu, su) = World(200, 2000, seed: 700 + r);
            if (PredictionPoweredLogistic.Estimate(x, y, s, xu, su).Coefficients[1].Covers(TrueSlope)) ppi++;
            if (PredictionPoweredLogistic.Estimate(x, y, s, xu, su, lambda: null).Coefficients[1].Covers(TrueSlope)) tuned++;
            if (PredictionPoweredLogistic.Classical(x, y)[1].Covers(TrueSlope)) classical++;
            // Naive: the surrogates taken as the labels of the unlabelled units.
            if (PredictionPoweredLogistic.Classical(xu, su)[1].Covers(TrueSlope)) naive++;
        }
        Assert.InRange(ppi / (double)replications, 0.85, 0.95);
        Assert.InRange(tuned / (double)replications, 0.85, 0.95);
        Assert.InRange(classical / (double)replications, 0.85, 0.95);
        Assert.True(naive / (double)replications < 0.5, $"naive coverage {naive / (double)replications}");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (x, y, s, xu, su) = World(30, 100, seed: 3);
        var outside = y.ToArray(); outside[0] = 2;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredLogistic.Estimate(x, outside, s, xu, su)).ParamName);
        var badPrediction = su.ToArray(); badPrediction[5] = -0.1;
        Assert.Equal("yHatUnlabelled", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredLogistic.Estimate(x, y, s, xu, badPrediction)).ParamName);
        Assert.Equal("yHat", Assert.Throws<ArgumentException>(() => PredictionPoweredLogistic.Estimate(x, y, s.Take(5).ToArray(), xu, su)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredLogistic.Estimate(x, y, s, xu, su, lambda: 2)).ParamName);
    }
}

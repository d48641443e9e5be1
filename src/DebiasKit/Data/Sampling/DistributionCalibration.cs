using DebiasKit.Stats;

namespace DebiasKit.Data.Sampling;

/// <summary>
/// Tail-class distribution calibration: a rare class's Gaussian is estimated from few points, so its statistics are
/// pooled with those of the head classes nearest to it. For a tail class t with estimate (μ_t, Σ_t), S_t is the set of
/// the k head classes whose means are nearest to μ_t (Euclidean distance; ties to the lower class index), and
/// <code>
///   μ'_t = (μ_t + Σ_{i ∈ S_t} μ_i) / (k + 1)
///   Σ'_t = (Σ_t + Σ_{i ∈ S_t} Σ_i) / (k + 1) + α I
/// </code>
/// Variant pinned: the distribution calibration of Yang, Liu and Xu ("Free Lunch for Few-shot Learning: Distribution
/// Calibration", ICLR 2021; their reference code evaluate_DC.py, read here: the mean of the k nearest base-class means
/// and the query, the mean of the k base covariances plus α), lifted from a single query feature to a class: the tail
/// class's own robust mean takes the query's place, and its own covariance joins the average because a class, unlike a
/// single feature, has one. α is added to the diagonal (α I); the reference code's "+ alpha" broadcasts to every entry of
/// the matrix (α 11ᵀ), which adds variance only along the all-ones direction, so the diagonal form is used. RCAL
/// (Zhang et al., ICCV 2023, paper 113) calibrates its tail classes from nearest head classes in this spirit; its exact
/// weights and α are unverified (the paper's code was not reachable).
/// <para>
/// With <c>poolMeans: false</c> only the covariance is pooled (μ'_t = μ_t, Σ'_t as above): the tail class keeps its own
/// location and borrows its head neighbours' spread, the form of head-to-tail variance transfer (e.g. Chu, Bian, Liu and
/// Ma, "Feature Space Augmentation for Long-Tailed Data", ECCV 2020, transfer only intra-class variation). It is an
/// option for comparison, not Yang et al.'s formula.
/// </para>
/// </summary>
public static class DistributionCalibration
{
    /// <summary>The k head classes nearest to class <paramref name="tail"/> (by the distance between means), nearest first.</summary>
    /// <param name="classes">One estimate per class, all of the same dimension.</param>
    /// <param name="tail">The class to calibrate.</param>
    /// <param name="head">Classes that may lend their statistics (the tail class itself is skipped if listed).</param>
    /// <param name="k">How many, 1 ≤ k ≤ the number of eligible head classes.</param>
    public static int[] NearestHeads(IReadOnlyList<GaussianEstimate> classes, int tail, IReadOnlyList<int> head, int k)
    {
        CheckClasses(classes);
        if (tail < 0 || tail >= classes.Count) throw new ArgumentOutOfRangeException(nameof(tail), tail, $"tail must be a class in [0, {classes.Count - 1}].");
        Guard.NotNull(head, nameof(head));
        foreach (int c in head)
            if (c < 0 || c >= classes.Count) throw new ArgumentOutOfRangeException(nameof(head), c, $"head lists class {c}; classes are [0, {classes.Count - 1}].");
        var eligible = head.Distinct().Where(c => c != tail).ToArray();
        if (k < 1 || k > eligible.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {eligible.Length}] (the head classes other than the tail class).");
        var mean = classes[tail].Mean;
        return eligible.OrderBy(c => SquaredDistance(classes[c].Mean, mean)).ThenBy(c => c).Take(k).ToArray();
    }

    /// <summary>The calibrated estimate of class <paramref name="tail"/> (its weights are kept).</summary>
    /// <param name="classes">One estimate per class.</param>
    /// <param name="tail">The class to calibrate.</param>
    /// <param name="head">Classes that may lend their statistics.</param>
    /// <param name="k">Nearest head classes to pool with.</param>
    /// <param name="alpha">α ≥ 0 added to the covariance's diagonal (spread of the sampled features).</param>
    /// <param name="poolMeans">Pool the means too (Yang et al.'s form, the default); false keeps the tail's own mean.</param>
    public static GaussianEstimate Calibrate(IReadOnlyList<GaussianEstimate> classes, int tail, IReadOnlyList<int> head, int k, double alpha,
        bool poolMeans = true)
    {
        Guard.NonNegative(alpha, nameof(alpha));
        var neighbours = NearestHeads(classes, tail, head, k);
        int d = classes[tail].Dimension;
        var members = neighbours.Prepend(tail).ToArray();
        var mean = new double[d];
        var covariance = new double[d, d];
        foreach (int c in members)
        {
            var e = classes[c];
            for (int i = 0; i < d; i++)
            {
                mean[i] += e.Mean[i] / members.Length;
                for (int j = 0; j < d; j++) covariance[i, j] += e.Covariance[i, j] / members.Length;
            }
        }
        for (int i = 0; i < d; i++) covariance[i, i] += alpha;
        return new GaussianEstimate(poolMeans ? mean : (double[])classes[tail].Mean.Clone(), covariance, classes[tail].Weights);
    }

    /// <summary>Every class listed in <paramref name="tail"/> calibrated from the head classes; the others unchanged.</summary>
    public static GaussianEstimate[] CalibrateTail(IReadOnlyList<GaussianEstimate> classes, IReadOnlyList<int> head, IReadOnlyList<int> tail, int k, double alpha,
        bool poolMeans = true)
    {
        CheckClasses(classes);
        Guard.NotNull(tail, nameof(tail));
        var result = classes.ToArray();
        foreach (int t in tail.Distinct())
            result[t] = Calibrate(classes, t, head, k, alpha, poolMeans);   // from the uncalibrated estimates: the order of tail does not matter
        return result;
    }

    private static void CheckClasses(IReadOnlyList<GaussianEstimate> classes)
    {
        Guard.NotNull(classes, nameof(classes));
        if (classes.Count == 0) throw new ArgumentException("classes must hold one estimate per class; it is empty.", nameof(classes));
        int d = classes[0]?.Dimension ?? 0;
        for (int c = 0; c < classes.Count; c++) GaussianEstimate.Check(classes[c], $"{nameof(classes)}[{c}]", d);
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }
}

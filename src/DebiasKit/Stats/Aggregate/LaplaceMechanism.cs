using DebiasKit.Data;

namespace DebiasKit.Stats;

/// <summary>
/// The Laplace mechanism of differential privacy (Dwork, McSherry, Nissim and Smith, 2006): releasing
/// v + Laplace(0, Δ/ε) for a statistic v of sensitivity Δ is ε-differentially private.
/// </summary>
public static class LaplaceMechanism
{
    /// <summary>
    /// Adds independent Laplace(0, <paramref name="sensitivity"/> / <paramref name="epsilon"/>) noise to every value
    /// (inverse-CDF sampling from a seeded <see cref="Random"/>: u ~ U(−½, ½), noise = −b·sign(u)·ln(1 − 2|u|)).
    /// </summary>
    /// <param name="values">Finite values to release.</param>
    /// <param name="sensitivity">Δ &gt; 0: the most one individual can change one value.</param>
    /// <param name="epsilon">Privacy budget ε &gt; 0 per value.</param>
    /// <param name="seed">Seed of the noise.</param>
    public static double[] Release(IReadOnlyList<double> values, double sensitivity, double epsilon, int seed)
    {
        Guard.NotNull(values, nameof(values));
        Guard.Finite(values, nameof(values));
        Guard.Positive(sensitivity, nameof(sensitivity));
        Guard.Positive(epsilon, nameof(epsilon));
        double scale = sensitivity / epsilon;
        var random = new Random(seed);
        var released = new double[values.Count];
        for (int i = 0; i < released.Length; i++)
        {
            double u = random.NextDouble() - 0.5;                    // in [−½, ½)
            released[i] = values[i] - scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
        }
        return released;
    }

    /// <summary>
    /// ε-label-private bag means, the aggregate-response mechanism of Javanmard et al. (ICLR 2024, arXiv:2401.11081):
    /// every response is clipped to [<paramref name="lower"/>, <paramref name="upper"/>], averaged over its bag, and
    /// released with Laplace noise of scale Δ/ε, Δ = (upper − lower)/k, the most one response can move a mean of k
    /// clipped responses. The bags are disjoint, so each response enters one released value and the whole release is
    /// ε-label-DP (parallel composition). Larger bags mean less noise per bag (Δ ∝ 1/k) but fewer bags.
    /// Variant pinned: replace-one-response neighbours, clipping to a known range (the paper's exact constants
    /// were not checked here).
    /// </summary>
    /// <param name="responses">One finite response per unit of the population.</param>
    /// <param name="bags">Disjoint bags (<see cref="Bags.Random"/>).</param>
    /// <param name="lower">Lower clipping bound.</param>
    /// <param name="upper">Upper clipping bound, greater than <paramref name="lower"/>.</param>
    /// <param name="epsilon">Privacy budget ε &gt; 0.</param>
    /// <param name="seed">Seed of the noise.</param>
    public static double[] PrivateBagMeans(IReadOnlyList<double> responses, BagPartition bags, double lower, double upper, double epsilon, int seed)
    {
        Guard.NotNull(responses, nameof(responses));
        Guard.NotNull(bags, nameof(bags));
        Guard.Finite([lower, upper], nameof(lower));
        if (!(upper > lower)) throw new ArgumentOutOfRangeException(nameof(upper), upper, $"{nameof(upper)} must exceed {nameof(lower)} ({lower}).");
        Guard.Finite(responses, nameof(responses));
        var clipped = responses.Select(y => Math.Clamp(y, lower, upper)).ToArray();
        return Release(bags.Means(clipped), (upper - lower) / bags.BagSize, epsilon, seed);
    }
}

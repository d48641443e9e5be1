using System.Numerics.Tensors;

namespace DebiasKit.Stats;

/// <summary>
/// A one-dimensional Gaussian kernel density estimate p̂(x) = (1/(n h)) Σᵢ φ((x − xᵢ)/h) with its log density and its
/// score, the derivative of the log density, ∂ₓ log p̂(x) = −Σᵢ wᵢ uᵢ / (h Σᵢ wᵢ) with uᵢ = (x − xᵢ)/h and wᵢ = exp(−uᵢ²/2).
/// The score is what Tweedie's formula needs (<see cref="DebiasKit.Causal.TweedieCorrection"/>).
/// <para>Variant pinned to <c>scipy.stats.gaussian_kde</c>, which the reference implementation of Tweedie's correction
/// (the <c>unshrink</c> package of Pettersson, Jerzak and Daoud) fits: the default bandwidth is Scott's rule,
/// h = s·n^(−1/5) with s the sample standard deviation (ddof = 1). One difference, on purpose: unshrink differentiates the
/// log density by a central finite difference with step 10⁻³·sd; here the score is the exact derivative (the two agree to
/// the finite difference's O(step²) error, which the tests check).</para>
/// <para>Every evaluation is O(n); the sums are taken relative to the nearest kernel (log-sum-exp), so the log density and
/// the score stay finite far out in the tails, and run in vectorised passes (TensorPrimitives).</para>
/// </summary>
public sealed class KernelDensity
{
    private readonly double[] sample;

    private KernelDensity(double[] sample, double bandwidth)
    {
        this.sample = sample;
        Bandwidth = bandwidth;
    }

    /// <summary>The kernel width h.</summary>
    public double Bandwidth { get; }

    /// <summary>Number of points n the density was fitted on.</summary>
    public int Count => sample.Length;

    /// <summary>Fits the density to <paramref name="sample"/>.</summary>
    /// <param name="sample">At least two finite values, not all equal (unless a bandwidth is given).</param>
    /// <param name="bandwidth">h &gt; 0, or null for Scott's rule (<see cref="ScottBandwidth"/>).</param>
    public static KernelDensity Fit(IReadOnlyList<double> sample, double? bandwidth = null)
    {
        Guard.NotNull(sample, nameof(sample));
        if (sample.Count < 2) throw new ArgumentException($"sample must hold at least two values; got {sample.Count}.", nameof(sample));
        Guard.Finite(sample, nameof(sample));
        double h = bandwidth ?? ScottBandwidth(sample);
        if (bandwidth is double given) Guard.Positive(given, nameof(bandwidth));
        return new KernelDensity(sample.ToArray(), h);
    }

    /// <summary>Scott's rule h = s·n^(−1/5), s the sample standard deviation (ddof = 1), as scipy's gaussian_kde.</summary>
    /// <exception cref="ArgumentException">Fewer than two values, or all values equal (h would be 0).</exception>
    public static double ScottBandwidth(IReadOnlyList<double> sample)
    {
        Guard.NotNull(sample, nameof(sample));
        if (sample.Count < 2) throw new ArgumentException($"sample must hold at least two values; got {sample.Count}.", nameof(sample));
        Guard.Finite(sample, nameof(sample));
        double mean = sample.Average();
        double sd = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (sample.Count - 1));
        if (!(sd > 0)) throw new ArgumentException("sample has no spread (all values equal); Scott's bandwidth would be 0. Give a bandwidth.", nameof(sample));
        return sd * Math.Pow(sample.Count, -0.2);
    }

    /// <summary>The density p̂(x).</summary>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <summary>log p̂(x), computed as log-sum-exp so that it stays finite far from the sample.</summary>
    public double LogDensity(double x)
    {
        CheckPoint(x);
        var buffers = new Buffers(sample.Length);
        double smallest = Weights(x, buffers);
        return Math.Log(TensorPrimitives.Sum<double>(buffers.Weights)) - smallest - Math.Log(sample.Length * Bandwidth * Math.Sqrt(2 * Math.PI));
    }

    /// <summary>The score ∂ₓ log p̂(x) = −Σ wᵢuᵢ / (h Σ wᵢ), exact (no finite difference).</summary>
    public double Score(double x)
    {
        CheckPoint(x);
        return Score(x, new Buffers(sample.Length));
    }

    /// <summary>The score at every point of <paramref name="points"/>.</summary>
    public double[] Score(IReadOnlyList<double> points)
    {
        Guard.NotNull(points, nameof(points));
        Guard.Finite(points, nameof(points));
        var buffers = new Buffers(sample.Length);
        var scores = new double[points.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = Score(points[i], buffers);
        return scores;
    }

    private double Score(double x, Buffers buffers)
    {
        Weights(x, buffers);
        return -TensorPrimitives.Dot<double>(buffers.Weights, buffers.Scaled) / (TensorPrimitives.Sum<double>(buffers.Weights) * Bandwidth);
    }

    /// <summary>
    /// Fills uᵢ = (x − xᵢ)/h and wᵢ = exp(m − uᵢ²/2), m = minᵢ uᵢ²/2 (the nearest kernel's weight is 1, so the sums never
    /// underflow), in vectorised passes; returns m.
    /// </summary>
    private double Weights(double x, Buffers buffers)
    {
        var u = buffers.Scaled.AsSpan();
        var w = buffers.Weights.AsSpan();
        TensorPrimitives.Subtract(x, sample, u);                 // x − xᵢ
        TensorPrimitives.Multiply(u, 1 / Bandwidth, u);           // uᵢ
        TensorPrimitives.Multiply(u, u, w);                       // uᵢ²
        double smallest = 0.5 * TensorPrimitives.Min<double>(w);
        TensorPrimitives.Multiply<double>(w, -0.5, w);
        TensorPrimitives.Add<double>(w, smallest, w);             // m − uᵢ²/2
        TensorPrimitives.Exp<double>(w, w);
        return smallest;
    }

    private sealed class Buffers(int n)
    {
        public double[] Scaled { get; } = new double[n];
        public double[] Weights { get; } = new double[n];
    }

    private static void CheckPoint(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"x must be finite; got {x}.", nameof(x));
    }
}

using DebiasKit.Stats;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Data.Sampling;

/// <summary>
/// Draws synthetic features from class Gaussians, x = μ + L ε with ε ~ N(0, I) and L the lower Cholesky factor of Σ
/// (L Lᵀ = Σ). A covariance that is only positive semi-definite (a class with fewer points than dimensions, or a
/// trimmed estimate) gets the smallest jitter δ I, δ = 10⁻¹², 10⁻¹¹, … times its mean variance, that makes the
/// factorisation succeed; one that stays indefinite up to δ = 10⁻² times the mean variance is rejected. This is the
/// "sample additional data points from the recovered distributions" step of RCAL (Zhang et al., ICCV 2023, paper 113)
/// and of distribution calibration (Yang et al., ICLR 2021). Draws come from the given CPU generator, so the samples
/// are the same on every device.
/// </summary>
public static class GaussianSampler
{
    /// <summary><paramref name="count"/> draws from N(μ, Σ), [count, d].</summary>
    /// <param name="gaussian">μ and Σ (Σ symmetric positive semi-definite).</param>
    /// <param name="count">Number of draws, ≥ 0.</param>
    /// <param name="generator">A CPU generator.</param>
    /// <param name="dtype">Floating-point type of the result.</param>
    /// <param name="device">Device of the result (default CPU).</param>
    public static Tensor Sample(GaussianEstimate gaussian, int count, Generator generator, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        GaussianEstimate.Check(gaussian, nameof(gaussian));
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
        Guard.NotNull(generator, nameof(generator));
        using var scope = NewDisposeScope();
        int d = gaussian.Dimension;
        var mean = tensor(gaussian.Mean, dtype: ScalarType.Float64);
        var factor = Cholesky(gaussian.Covariance, nameof(gaussian));
        var noise = randn([count, d], dtype: ScalarType.Float64, generator: generator);
        var draws = mean + noise.matmul(factor.T);
        return draws.to(dtype).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="counts"/>[c] draws from each class's Gaussian, stacked class by class (class 0 first), with their
    /// class labels (int64).
    /// </summary>
    public static (Tensor Features, Tensor Labels) SampleClasses(IReadOnlyList<GaussianEstimate> classes, IReadOnlyList<int> counts, Generator generator,
        ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        Guard.NotNull(classes, nameof(classes));
        Guard.NotNull(counts, nameof(counts));
        if (classes.Count == 0) throw new ArgumentException("classes must hold at least one Gaussian.", nameof(classes));
        if (counts.Count != classes.Count)
            throw new ArgumentException($"counts must hold one count per class ({classes.Count}); it holds {counts.Count}.", nameof(counts));
        int d = classes[0]?.Dimension ?? 0;
        for (int c = 0; c < classes.Count; c++)
        {
            GaussianEstimate.Check(classes[c], $"{nameof(classes)}[{c}]", d);
            if (counts[c] < 0) throw new ArgumentOutOfRangeException(nameof(counts), counts[c], $"counts[{c}] is {counts[c]}; counts must be non-negative.");
        }
        using var scope = NewDisposeScope();
        var parts = Enumerable.Range(0, classes.Count).Select(c => Sample(classes[c], counts[c], generator, dtype, device)).ToArray();
        var labels = Enumerable.Range(0, classes.Count).SelectMany(c => Enumerable.Repeat((long)c, counts[c])).ToArray();
        var features = cat(parts, 0);
        return (features.MoveToOuterDisposeScope(), tensor(labels, device: device ?? CPU).MoveToOuterDisposeScope());
    }

    /// <summary>The lower Cholesky factor of Σ + δI with the smallest δ in {0, 10⁻¹², …, 10⁻²}·(mean variance) that works.</summary>
    internal static Tensor Cholesky(double[,] covariance, string name)
    {
        int d = covariance.GetLength(0);
        using var scope = NewDisposeScope();
        var flat = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) flat[i * d + j] = covariance[i, j];
        var sigma = tensor(flat, [d, d], ScalarType.Float64);
        double scale = sigma.diagonal().mean().item<double>();
        if (scale < 0) throw new ArgumentException($"{name}.Covariance has a negative mean variance ({scale}); it must be positive semi-definite.", name);
        if (scale == 0) scale = 1;
        var identity = eye(d, dtype: ScalarType.Float64);
        for (int power = -13; power <= -2; power++)
        {
            double jitter = power == -13 ? 0 : Math.Pow(10, power) * scale;
            var (factor, info) = linalg.cholesky_ex(sigma + identity * jitter);
            if (info.item<int>() == 0 && factor.isfinite().all().item<bool>()) return factor.MoveToOuterDisposeScope();
        }
        throw new ArgumentException($"{name}.Covariance is not positive semi-definite (its Cholesky factorisation fails even with a jitter of 1e-2 times its mean variance).", name);
    }
}

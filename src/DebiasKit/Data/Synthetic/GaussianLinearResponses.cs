using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>One draw of <see cref="GaussianLinearResponses"/>: features X (n × d) and responses y.</summary>
public sealed record LinearResponseSample(Matrix<double> X, double[] Y);

/// <summary>
/// The proportional-regime linear model of Javanmard et al. (ICLR 2024) and of much random-matrix analysis: features
/// x ~ N(0, I_d), responses y = xᵀθ* + σ·ε with ε ~ N(0, 1), θ* a fixed vector (by default uniform on the unit sphere),
/// so that the excess prediction risk of an estimate θ̂ is ‖θ̂ − θ*‖² exactly.
/// </summary>
public static class GaussianLinearResponses
{
    /// <summary>A seeded θ* uniform on the unit sphere of ℝ^d (a normalised standard normal vector).</summary>
    public static Vector<double> UnitParameter(int dimension, int seed)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"{nameof(dimension)} must be at least 1.");
        var theta = Vector<double>.Build.Dense(dimension);
        var random = new Random(seed);
        for (int j = 0; j < dimension; j++) theta[j] = Normal.Sample(random, 0, 1);
        return theta / theta.L2Norm();
    }

    /// <summary>Draws n units: X with independent N(0, 1) entries (row by row), then y = Xθ* + σ·ε.</summary>
    /// <param name="theta">θ* (its length is d).</param>
    /// <param name="count">n ≥ 1.</param>
    /// <param name="noise">σ ≥ 0.</param>
    /// <param name="seed">Seeds every draw.</param>
    public static LinearResponseSample Sample(Vector<double> theta, int count, double noise, int seed)
    {
        Guard.NotNull(theta, nameof(theta));
        Guard.Finite(theta.ToArray(), nameof(theta));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)} must be at least 1.");
        Guard.NonNegative(noise, nameof(noise));
        var random = new Random(seed);
        int d = theta.Count;
        var x = Matrix<double>.Build.Dense(count, d);
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            double signal = 0;
            for (int j = 0; j < d; j++)
            {
                double v = Normal.Sample(random, 0, 1);
                x[i, j] = v;
                signal += v * theta[j];
            }
            y[i] = signal + noise * Normal.Sample(random, 0, 1);
        }
        return new LinearResponseSample(x, y);
    }
}

namespace DebiasKit.Stats;

/// <summary>
/// A multivariate Gaussian fitted to a set of points: its mean, its covariance and the weight each input point had in the
/// fit (1 for the points the estimate rests on, 0 for points set aside as likely outliers or mislabelled).
/// </summary>
/// <param name="Mean">μ, length d.</param>
/// <param name="Covariance">Σ, d × d, symmetric.</param>
/// <param name="Weights">One weight per input point, in input order (empty when the estimate was not fitted to points,
/// e.g. after calibration from other classes).</param>
public sealed record GaussianEstimate(double[] Mean, double[,] Covariance, double[] Weights)
{
    /// <summary>d, the dimension.</summary>
    public int Dimension => Mean.Length;

    /// <summary>How many input points carry a positive weight.</summary>
    public int Support => Weights.Count(w => w > 0);

    /// <summary>Checks that the mean and covariance are finite, of matching size, and the covariance symmetric.</summary>
    internal static void Check(GaussianEstimate estimate, string name, int? dimension = null)
    {
        Guard.NotNull(estimate, name);
        if (estimate.Mean is null || estimate.Covariance is null || estimate.Weights is null)
            throw new ArgumentException($"{name} must have a mean, a covariance and weights.", name);
        int d = estimate.Mean.Length;
        if (d == 0) throw new ArgumentException($"{name} has an empty mean.", name);
        if (dimension is int expected && d != expected)
            throw new ArgumentException($"{name} has dimension {d}; expected {expected} like the others.", name);
        if (estimate.Covariance.GetLength(0) != d || estimate.Covariance.GetLength(1) != d)
            throw new ArgumentException($"{name}.Covariance must be {d} × {d}; got {estimate.Covariance.GetLength(0)} × {estimate.Covariance.GetLength(1)}.", name);
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(estimate.Mean[i])) throw new ArgumentException($"{name}.Mean[{i}] is {estimate.Mean[i]}; it must be finite.", name);
            for (int j = 0; j < d; j++)
            {
                double a = estimate.Covariance[i, j], b = estimate.Covariance[j, i];
                if (!double.IsFinite(a)) throw new ArgumentException($"{name}.Covariance[{i}, {j}] is {a}; it must be finite.", name);
                if (Math.Abs(a - b) > 1e-9 * (1 + Math.Abs(a) + Math.Abs(b)))
                    throw new ArgumentException($"{name}.Covariance must be symmetric; [{i}, {j}] = {a} but [{j}, {i}] = {b}.", name);
            }
        }
    }
}

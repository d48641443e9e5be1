using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace DebiasKit.Stats;

/// <summary>A fitted kernel ridge regression f(x) = ȳ + Σⱼ αⱼ k(x, xⱼ) with the Gaussian kernel of <see cref="Bandwidth"/>.</summary>
public sealed record KernelRidgeModel(Matrix<double> Centers, Vector<double> Weights, double Offset, double Bandwidth, double Penalty)
{
    /// <summary>f at each row of <paramref name="x"/> (same columns as the training covariates).</summary>
    public double[] Predict(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        if (x.ColumnCount != Centers.ColumnCount)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model was fitted on {Centers.ColumnCount}.", nameof(x));
        var k = KernelRidge.Gram(x, Centers, Bandwidth);
        return (k * Weights).Select(v => v + Offset).ToArray();
    }
}

/// <summary>
/// Kernel ridge regression with the Gaussian kernel k(x, x′) = exp(−‖x − x′‖²/(2ℓ²)): minimises
/// (1/n)Σᵢ(yᵢ − ȳ − f(xᵢ))² + λ‖f‖²_H, whose solution is f(x) = Σⱼ αⱼ k(x, xⱼ) with α = (K + nλI)⁻¹(y − ȳ). It is the
/// second-stage learner for which Sverdrup and Cui (2023) prove the P-learner's oracle bound.
/// <para>Variant pinned: the targets are centred (an unpenalised constant ȳ, so the penalty shrinks towards the mean and
/// not towards 0); the bandwidth defaults to the median pairwise distance of the covariates (the "median heuristic").
/// <see cref="Prepare"/> factors K + nλI once (Cholesky), so that several targets on the same covariates — the pseudo-
/// outcomes of several learners — cost one O(n³) factorisation and one O(n²) solve each.</para>
/// </summary>
public sealed class KernelRidge
{
    private readonly Matrix<double> centers;
    private readonly Cholesky<double> factor;

    private KernelRidge(Matrix<double> centers, Cholesky<double> factor, double bandwidth, double penalty)
    {
        this.centers = centers;
        this.factor = factor;
        Bandwidth = bandwidth;
        Penalty = penalty;
    }

    /// <summary>The kernel's length scale ℓ.</summary>
    public double Bandwidth { get; }

    /// <summary>λ.</summary>
    public double Penalty { get; }

    /// <summary>Builds and factors K + nλI for the covariates <paramref name="x"/>.</summary>
    /// <param name="x">n × p covariates, finite, n ≥ 2.</param>
    /// <param name="penalty">λ &gt; 0.</param>
    /// <param name="bandwidth">ℓ &gt; 0; null for the median heuristic.</param>
    public static KernelRidge Prepare(Matrix<double> x, double penalty, double? bandwidth = null)
    {
        Guard.NotNull(x, nameof(x));
        if (x.RowCount < 2) throw new ArgumentException($"x must have at least two rows; it has {x.RowCount}.", nameof(x));
        if (x.ColumnCount < 1) throw new ArgumentException("x must have at least one column.", nameof(x));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
        Guard.Positive(penalty, nameof(penalty));
        double ell = bandwidth ?? MedianBandwidth(x);
        Guard.Positive(ell, nameof(bandwidth));
        int n = x.RowCount;
        var system = Gram(x, x, ell);
        for (int i = 0; i < n; i++) system[i, i] += n * penalty;
        return new KernelRidge(x.Clone(), system.Cholesky(), ell, penalty);
    }

    /// <summary>Fits one target on the prepared covariates.</summary>
    /// <param name="y">n finite targets.</param>
    public KernelRidgeModel Fit(IReadOnlyList<double> y)
    {
        Guard.NotNull(y, nameof(y));
        if (y.Count != centers.RowCount) throw new ArgumentException($"y must hold one value per row of x ({centers.RowCount}); it holds {y.Count}.", nameof(y));
        Guard.Finite(y, nameof(y));
        double mean = y.Average();
        var alpha = factor.Solve(Vector<double>.Build.Dense(y.Count, i => y[i] - mean));
        return new KernelRidgeModel(centers, alpha, mean, Bandwidth, Penalty);
    }

    /// <summary>One-shot fit: <see cref="Prepare"/> then <see cref="Fit(IReadOnlyList{double})"/>.</summary>
    public static KernelRidgeModel Fit(Matrix<double> x, IReadOnlyList<double> y, double penalty, double? bandwidth = null) =>
        Prepare(x, penalty, bandwidth).Fit(y);

    /// <summary>The Gaussian Gram matrix K[i, j] = exp(−‖aᵢ − bⱼ‖²/(2ℓ²)).</summary>
    public static Matrix<double> Gram(Matrix<double> a, Matrix<double> b, double bandwidth)
    {
        Guard.NotNull(a, nameof(a));
        Guard.NotNull(b, nameof(b));
        Guard.Positive(bandwidth, nameof(bandwidth));
        if (a.ColumnCount != b.ColumnCount) throw new ArgumentException($"a has {a.ColumnCount} columns but b has {b.ColumnCount}.", nameof(b));
        int p = a.ColumnCount;
        var ra = a.ToRowArrays();
        var rb = b.ToRowArrays();
        double scale = -1 / (2 * bandwidth * bandwidth);
        var k = new double[ra.Length, rb.Length];
        for (int i = 0; i < ra.Length; i++)
            for (int j = 0; j < rb.Length; j++)
            {
                double d = 0;
                for (int c = 0; c < p; c++) { double e = ra[i][c] - rb[j][c]; d += e * e; }
                k[i, j] = Math.Exp(scale * d);
            }
        return Matrix<double>.Build.DenseOfArray(k);
    }

    /// <summary>The median of the pairwise Euclidean distances among (at most the first 1,000) rows.</summary>
    public static double MedianBandwidth(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        int m = Math.Min(x.RowCount, 1000);
        if (m < 2) throw new ArgumentException("x needs at least two rows for the median heuristic.", nameof(x));
        var rows = x.ToRowArrays();
        var distances = new List<double>(m * (m - 1) / 2);
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                double d = 0;
                for (int c = 0; c < x.ColumnCount; c++) { double e = rows[i][c] - rows[j][c]; d += e * e; }
                distances.Add(Math.Sqrt(d));
            }
        distances.Sort();
        int h = distances.Count / 2;
        return distances.Count % 2 == 1 ? distances[h] : (distances[h - 1] + distances[h]) / 2;
    }
}

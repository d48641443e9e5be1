using SimdVector = System.Numerics.Vector<double>;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// Principal component analysis of a set of rows: the mean μ and the top-k eigenvectors v_1 … v_k of the sample
/// covariance C = Σ_i (x_i − μ)(x_i − μ)ᵀ / (n − 1), by decreasing eigenvalue; <see cref="Transform"/> maps a row x to
/// its scores (v_1·(x − μ), …, v_k·(x − μ)).
/// <para>
/// Variant pinned: scikit-learn's PCA without whitening (centred, not scaled; variances with n − 1), computed by the
/// symmetric eigen-decomposition of C (MathNet) rather than an SVD of the centred rows (same components, up to sign).
/// Sign fixed so that each component's entry of largest magnitude is positive (the first such entry on a tie), so a fit
/// is reproducible across platforms.
/// </para>
/// </summary>
public sealed class PrincipalComponents
{
    private readonly double[] mean;
    private readonly double[][] components;
    private readonly double[] variances;

    private PrincipalComponents(double[] mean, double[][] components, double[] variances, double totalVariance)
    {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        TotalVariance = totalVariance;
    }

    /// <summary>μ, the mean row.</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>v_1 … v_k: unit, mutually orthogonal, by decreasing variance.</summary>
    public IReadOnlyList<double[]> Components => components;

    /// <summary>The eigenvalue (variance of the scores) of each component.</summary>
    public IReadOnlyList<double> ExplainedVariance => variances;

    /// <summary>Trace of C: the total variance of the rows.</summary>
    public double TotalVariance { get; }

    /// <summary>Fits the mean and the top <paramref name="components"/> directions.</summary>
    /// <param name="rows">n ≥ 2 rows of d finite values.</param>
    /// <param name="components">k, 1 … d.</param>
    public static PrincipalComponents Fit(double[][] rows, int components)
    {
        Guard.NotNull(rows, nameof(rows));
        if (rows.Length < 2) throw new ArgumentException($"rows must hold at least 2 rows to estimate a covariance; it has {rows.Length}.", nameof(rows));
        int d = rows[0]?.Length ?? throw new ArgumentException("rows[0] is null.", nameof(rows));
        if (d == 0) throw new ArgumentException("rows must have at least one column.", nameof(rows));
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != d)
                throw new ArgumentException($"rows must all have {d} columns; row {i} has {rows[i]?.Length.ToString() ?? "null"}.", nameof(rows));
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(rows[i][j])) throw new ArgumentException($"rows must be finite; rows[{i}][{j}] is {rows[i][j]}.", nameof(rows));
        }
        if (components < 1 || components > d)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in 1 … {d} (the number of columns).");

        int n = rows.Length;
        var mu = new double[d];
        foreach (var row in rows) for (int j = 0; j < d; j++) mu[j] += row[j];
        for (int j = 0; j < d; j++) mu[j] /= n;
        var covariance = Matrix<double>.Build.DenseOfArray(Covariance(rows, mu));
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).Take(components).ToArray();
        var vectors = new double[components][];
        var values = new double[components];
        for (int c = 0; c < components; c++)
        {
            var v = evd.EigenVectors.Column(order[c]).ToArray();
            int arg = 0;
            for (int j = 1; j < d; j++) if (Math.Abs(v[j]) > Math.Abs(v[arg]) + 1e-12) arg = j;
            if (v[arg] < 0) for (int j = 0; j < d; j++) v[j] = -v[j];
            vectors[c] = v;
            values[c] = Math.Max(0, evd.EigenValues[order[c]].Real);
        }
        return new PrincipalComponents(mu, vectors, values, covariance.Trace());
    }

    /// <summary>C = Σ_i (x_i − μ)(x_i − μ)ᵀ / (n − 1): the upper triangle by row-wise SIMD updates, mirrored.</summary>
    private static double[,] Covariance(double[][] rows, double[] mu)
    {
        int n = rows.Length, d = mu.Length, width = SimdVector.Count;
        var upper = new double[d * d];
        var v = new double[d];
        foreach (var row in rows)
        {
            for (int j = 0; j < d; j++) v[j] = row[j] - mu[j];
            for (int a = 0; a < d; a++)
            {
                double va = v[a];
                if (va == 0) continue;
                var target = upper.AsSpan(a * d, d);
                int b = a;
                var scale = new SimdVector(va);
                for (; b <= d - width; b += width)
                    (new SimdVector(target.Slice(b, width)) + scale * new SimdVector(v, b)).CopyTo(target.Slice(b, width));
                for (; b < d; b++) target[b] += va * v[b];
            }
        }
        var covariance = new double[d, d];
        for (int a = 0; a < d; a++)
            for (int b = a; b < d; b++)
                covariance[a, b] = covariance[b, a] = upper[a * d + b] / (n - 1);
        return covariance;
    }

    /// <summary>Scores of each row on the components: [n][k].</summary>
    public double[][] Transform(double[][] rows)
    {
        Guard.NotNull(rows, nameof(rows));
        int d = mean.Length;
        return rows.Select((row, i) =>
        {
            if (row is null || row.Length != d) throw new ArgumentException($"rows must all have {d} columns; row {i} has {row?.Length.ToString() ?? "null"}.", nameof(rows));
            var scores = new double[components.Length];
            for (int c = 0; c < components.Length; c++)
            {
                double s = 0;
                var v = components[c];
                for (int j = 0; j < d; j++) s += v[j] * (row[j] - mean[j]);
                scores[c] = s;
            }
            return scores;
        }).ToArray();
    }
}

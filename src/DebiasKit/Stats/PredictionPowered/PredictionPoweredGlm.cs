using DebiasKit.Causal;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// The pieces prediction-powered inference shares across generalised linear models (ppi_py's <c>_calc_lam_glm</c> and the
/// interval of <c>ppi_ols_ci</c> / <c>ppi_logistic_ci</c>): per-unit loss gradients ∇ (gold labels), ∇̂ (predictions of
/// the labelled units), ∇̃ (predictions of the unlabelled units), the inverse Hessian H⁻¹, and from them the covariance
/// H⁻¹ (n/N · Cov(λ∇̃) + Cov(∇ − λ∇̂)) H⁻¹ / n and PPI++'s λ̂.
/// </summary>
internal static class PredictionPoweredGlm
{
    /// <summary>Gradients and inverse Hessian at a point estimate.</summary>
    public sealed record Statistics(Matrix<double> Gradients, Matrix<double> PredictionGradients, Matrix<double> UnlabelledGradients, Matrix<double> InverseHessian);

    /// <summary>One normal interval per coefficient.</summary>
    public static EstimateResult[] Intervals(Vector<double> theta, Statistics s, double lambda, double level)
    {
        int n = s.Gradients.RowCount, bigN = s.UnlabelledGradients.RowCount;
        var sigma = s.InverseHessian * ((double)n / bigN * Covariance(s.UnlabelledGradients * lambda)
            + Covariance(s.Gradients - s.PredictionGradients * lambda)) * s.InverseHessian;
        return Enumerable.Range(0, theta.Count).Select(j => EstimateResult.FromStandardError(theta[j], Math.Sqrt(sigma[j, j] / n), level, n + bigN)).ToArray();
    }

    /// <summary>PPI++'s λ̂ = tr(H⁻¹ C H⁻¹) / (2 (1 + n/N) tr(H⁻¹ V H⁻¹)), clipped to [0, 1].</summary>
    public static double OptimalLambda(Statistics s)
    {
        int n = s.Gradients.RowCount, bigN = s.UnlabelledGradients.RowCount;
        var gc = Centre(s.Gradients);
        var gHatC = Centre(s.PredictionGradients);
        var cross = (gc.TransposeThisAndMultiply(gHatC) + gHatC.TransposeThisAndMultiply(gc)) / n;
        var pooled = Covariance(s.PredictionGradients.Stack(s.UnlabelledGradients));
        double numerator = (s.InverseHessian * cross * s.InverseHessian).Trace();
        double denominator = 2 * (1 + (double)n / bigN) * (s.InverseHessian * pooled * s.InverseHessian).Trace();
        return denominator > 0 ? Math.Clamp(numerator / denominator, 0, 1) : 0;
    }

    /// <summary>Rows xᵢ scaled by residualᵢ: the per-unit gradient xᵢ(μᵢ − yᵢ) of a GLM loss.</summary>
    public static Matrix<double> ScaledRows(Matrix<double> x, Vector<double> residuals)
    {
        // column by column on the dense storage: a per-row SetRow allocates a vector per unit, which dominated the estimators' time
        int n = x.RowCount, d = x.ColumnCount;
        var source = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var scale = residuals.AsArray() ?? residuals.ToArray();
        var values = new double[source.Length];
        for (int j = 0; j < d; j++)
        {
            int offset = j * n;
            for (int i = 0; i < n; i++) values[offset + i] = source[offset + i] * scale[i];
        }
        return Matrix<double>.Build.Dense(n, d, values);
    }

    /// <summary>Sample covariance (ddof = 1) of the rows, as <c>np.cov(rows.T)</c>.</summary>
    public static Matrix<double> Covariance(Matrix<double> rows)
    {
        var centred = Centre(rows);
        return centred.TransposeThisAndMultiply(centred) / (rows.RowCount - 1);
    }

    private static Matrix<double> Centre(Matrix<double> rows)
    {
        var mean = rows.ColumnSums() / rows.RowCount;
        return rows - Matrix<double>.Build.Dense(rows.RowCount, rows.ColumnCount, (_, j) => mean[j]);
    }

    /// <summary>The shared argument checks of the regression forms.</summary>
    public static void Check(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double> yHat, Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        Guard.NotNull(yHat, nameof(yHat));
        Guard.NotNull(xUnlabelled, nameof(xUnlabelled));
        Guard.NotNull(yHatUnlabelled, nameof(yHatUnlabelled));
        if (y.Count != x.RowCount) throw new ArgumentException($"y must hold one label per row of x ({x.RowCount}); it holds {y.Count}.", nameof(y));
        if (yHat.Count != x.RowCount) throw new ArgumentException($"yHat must hold one prediction per row of x ({x.RowCount}); it holds {yHat.Count}.", nameof(yHat));
        if (yHatUnlabelled.Count != xUnlabelled.RowCount)
            throw new ArgumentException($"yHatUnlabelled must hold one prediction per row of xUnlabelled ({xUnlabelled.RowCount}); it holds {yHatUnlabelled.Count}.", nameof(yHatUnlabelled));
        if (xUnlabelled.ColumnCount != x.ColumnCount)
            throw new ArgumentException($"xUnlabelled has {xUnlabelled.ColumnCount} columns but x has {x.ColumnCount}.", nameof(xUnlabelled));
        if (x.RowCount <= x.ColumnCount) throw new ArgumentException($"x needs more labelled rows ({x.RowCount}) than coefficients ({x.ColumnCount}).", nameof(x));
        if (xUnlabelled.RowCount <= xUnlabelled.ColumnCount) throw new ArgumentException($"xUnlabelled needs more rows ({xUnlabelled.RowCount}) than coefficients ({xUnlabelled.ColumnCount}).", nameof(xUnlabelled));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite.", nameof(x));
        if (xUnlabelled.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("xUnlabelled must be finite.", nameof(xUnlabelled));
        DesignChecks.FullColumnRank(x, nameof(x));
        DesignChecks.FullColumnRank(xUnlabelled, nameof(xUnlabelled));
        Guard.Finite(y, nameof(y));
        Guard.Finite(yHat, nameof(yHat));
        Guard.Finite(yHatUnlabelled, nameof(yHatUnlabelled));
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
    }
}

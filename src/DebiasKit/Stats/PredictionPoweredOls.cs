using DebiasKit.Causal;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>Prediction-powered regression coefficients: one interval per coefficient and the power-tuning weight λ used.</summary>
public sealed record PredictionPoweredCoefficients(IReadOnlyList<EstimateResult> Coefficients, double Lambda);

/// <summary>
/// Prediction-powered inference for ordinary least squares coefficients (Angelopoulos et al., 2023; power tuning:
/// Angelopoulos, Duchi and Zrnic, 2023, PPI++). With labelled covariates X (n × d, the caller adds an intercept column if
/// wanted), gold labels Y, their predictions Ŷ, and unlabelled X̃ (N × d) with predictions Ỹ:
/// θ̂_λ = OLS(X̃, λỸ) + OLS(X, Y − λŶ). Its covariance is H⁻¹ (n/N · Cov(λ∇̃) + Cov(∇ − λ∇̂)) H⁻¹ / n with the per-unit
/// gradients ∇ᵢ = xᵢ(xᵢᵀθ̂ − yᵢ), ∇̂ᵢ = xᵢ(xᵢᵀθ̂ − ŷᵢ), ∇̃ⱼ = x̃ⱼ(x̃ⱼᵀθ̂ − ỹⱼ) and H = (XᵀX + X̃ᵀX̃)/(n + N)
/// (XᵀX/n when λ = 0); normal (z) intervals.
/// <para>Variant pinned to ppi_py (<c>ppi_ols_ci</c>, <c>_ols_get_stats</c>, <c>_calc_lam_glm</c>): covariances of
/// gradients with ddof = 1 (<c>np.cov</c>); PPI++'s λ̂ = tr(H⁻¹ C H⁻¹) / (2 (1 + n/N) tr(H⁻¹ V H⁻¹)), clipped to [0, 1],
/// with C = (1/n)(G_cᵀĜ_c + Ĝ_cᵀG_c) from centred labelled gradients at θ̂₁ and V the ddof-1 covariance of the pooled
/// prediction gradients. One difference, on purpose: ppi_py recomputes λ̂ at θ̂(λ̂) before forming the interval; here the
/// interval uses the λ̂ found at θ̂₁ (a second-order difference that keeps the estimator a single well-defined formula).</para>
/// </summary>
public static class PredictionPoweredOls
{
    /// <summary>PPI (λ = 1 by default), a fixed λ ∈ [0, 1], or PPI++ with <paramref name="lambda"/> = null.</summary>
    public static PredictionPoweredCoefficients Estimate(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double> yHat,
        Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level = 0.9, double? lambda = 1.0)
    {
        Check(x, y, yHat, xUnlabelled, yHatUnlabelled, level);
        if (lambda is double fixedLambda) Guard.InRange(fixedLambda, 0, 1, nameof(lambda));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var yHatV = Vector<double>.Build.DenseOfEnumerable(yHat);
        var yTilde = Vector<double>.Build.DenseOfEnumerable(yHatUnlabelled);
        double lam = lambda ?? OptimalLambda(x, yv, yHatV, xUnlabelled, yTilde);
        var theta = PointEstimate(x, yv, yHatV, xUnlabelled, yTilde, lam);
        var (g, gHat, gTilde, inverseHessian) = Stats(theta, x, yv, yHatV, xUnlabelled, yTilde, useUnlabelled: lam != 0);
        int n = x.RowCount, bigN = xUnlabelled.RowCount;
        var sigma = inverseHessian * ((double)n / bigN * Covariance(gTilde * lam) + Covariance(g - gHat * lam)) * inverseHessian;
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        var coefficients = Enumerable.Range(0, theta.Count).Select(j =>
        {
            double se = Math.Sqrt(sigma[j, j] / n);
            return new EstimateResult(theta[j], se, theta[j] - z * se, theta[j] + z * se, level, n + bigN);
        }).ToArray();
        return new PredictionPoweredCoefficients(coefficients, lam);
    }

    /// <summary>OLS on the gold labels alone with heteroskedasticity-robust (HC0) standard errors, as ppi_py's <c>classical_ols_ci</c>.</summary>
    public static IReadOnlyList<EstimateResult> Classical(Matrix<double> x, IReadOnlyList<double> y, double level = 0.9) =>
        RobustOls(x, y, level, nameof(x), nameof(y));

    /// <summary>OLS of the predictions on the unlabelled covariates (trusting the predictions), HC0 standard errors.</summary>
    public static IReadOnlyList<EstimateResult> Naive(Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level = 0.9) =>
        RobustOls(xUnlabelled, yHatUnlabelled, level, nameof(xUnlabelled), nameof(yHatUnlabelled));

    private static Vector<double> PointEstimate(Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde, double lam) =>
        xTilde.QR().Solve(yTilde * lam) + x.QR().Solve(y - yHat * lam);

    private static double OptimalLambda(Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde)
    {
        var theta = PointEstimate(x, y, yHat, xTilde, yTilde, 1.0);
        var (g, gHat, gTilde, inverseHessian) = Stats(theta, x, y, yHat, xTilde, yTilde, useUnlabelled: true);
        int n = x.RowCount, bigN = xTilde.RowCount;
        var gc = Centre(g);
        var gHatC = Centre(gHat);
        var cross = (gc.TransposeThisAndMultiply(gHatC) + gHatC.TransposeThisAndMultiply(gc)) / n;
        var pooled = Covariance(gHat.Stack(gTilde));
        double numerator = (inverseHessian * cross * inverseHessian).Trace();
        double denominator = 2 * (1 + (double)n / bigN) * (inverseHessian * pooled * inverseHessian).Trace();
        if (!(denominator > 0)) return 0;
        return Math.Clamp(numerator / denominator, 0, 1);
    }

    /// <summary>Per-unit gradients of the squared loss at θ and the inverse Hessian (ppi_py's <c>_ols_get_stats</c>).</summary>
    private static (Matrix<double> G, Matrix<double> GHat, Matrix<double> GTilde, Matrix<double> InverseHessian) Stats(
        Vector<double> theta, Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde, bool useUnlabelled)
    {
        int n = x.RowCount, bigN = xTilde.RowCount;
        var fitted = x * theta;
        var g = Matrix<double>.Build.DenseOfMatrix(x);
        var gHat = Matrix<double>.Build.DenseOfMatrix(x);
        for (int i = 0; i < n; i++)
        {
            g.SetRow(i, x.Row(i) * (fitted[i] - y[i]));
            gHat.SetRow(i, x.Row(i) * (fitted[i] - yHat[i]));
        }
        var fittedTilde = xTilde * theta;
        var gTilde = Matrix<double>.Build.DenseOfMatrix(xTilde);
        for (int j = 0; j < bigN; j++) gTilde.SetRow(j, xTilde.Row(j) * (fittedTilde[j] - yTilde[j]));
        var hessian = useUnlabelled
            ? (x.TransposeThisAndMultiply(x) + xTilde.TransposeThisAndMultiply(xTilde)) / (n + bigN)
            : x.TransposeThisAndMultiply(x) / n;
        return (g, gHat, gTilde, hessian.Inverse());
    }

    private static Matrix<double> Centre(Matrix<double> rows)
    {
        var mean = rows.ColumnSums() / rows.RowCount;
        var centred = rows.Clone();
        for (int i = 0; i < rows.RowCount; i++) centred.SetRow(i, rows.Row(i) - mean);
        return centred;
    }

    /// <summary>Sample covariance (ddof = 1) of the rows, as <c>np.cov(rows.T)</c>.</summary>
    private static Matrix<double> Covariance(Matrix<double> rows)
    {
        var centred = Centre(rows);
        return centred.TransposeThisAndMultiply(centred) / (rows.RowCount - 1);
    }

    private static IReadOnlyList<EstimateResult> RobustOls(Matrix<double> x, IReadOnlyList<double> y, double level, string xName, string yName)
    {
        Guard.NotNull(x, xName);
        Guard.NotNull(y, yName);
        if (y.Count != x.RowCount) throw new ArgumentException($"{yName} must hold one value per row of {xName} ({x.RowCount}); it holds {y.Count}.", yName);
        if (x.RowCount <= x.ColumnCount) throw new ArgumentException($"{xName} needs more rows ({x.RowCount}) than columns ({x.ColumnCount}).", xName);
        Guard.Finite(y, yName);
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var theta = x.QR().Solve(yv);
        var residual = yv - x * theta;
        var bread = x.TransposeThisAndMultiply(x).Inverse();
        var meat = Matrix<double>.Build.Dense(x.ColumnCount, x.ColumnCount);
        for (int i = 0; i < x.RowCount; i++)
        {
            var row = x.Row(i);
            meat += row.OuterProduct(row) * (residual[i] * residual[i]);
        }
        var covariance = bread * meat * bread;
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        return Enumerable.Range(0, theta.Count).Select(j =>
        {
            double se = Math.Sqrt(covariance[j, j]);
            return new EstimateResult(theta[j], se, theta[j] - z * se, theta[j] + z * se, level, x.RowCount);
        }).ToArray();
    }

    private static void Check(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double> yHat, Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level)
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
        Guard.Finite(y, nameof(y));
        Guard.Finite(yHat, nameof(yHat));
        Guard.Finite(yHatUnlabelled, nameof(yHatUnlabelled));
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
    }
}

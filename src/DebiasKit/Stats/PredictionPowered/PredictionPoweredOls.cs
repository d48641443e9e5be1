using DebiasKit.Causal;
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
        PredictionPoweredGlm.Check(x, y, yHat, xUnlabelled, yHatUnlabelled, level);
        if (lambda is double fixedLambda) Guard.InRange(fixedLambda, 0, 1, nameof(lambda));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var yHatV = Vector<double>.Build.DenseOfEnumerable(yHat);
        var yTilde = Vector<double>.Build.DenseOfEnumerable(yHatUnlabelled);
        double lam = lambda ?? OptimalLambda(x, yv, yHatV, xUnlabelled, yTilde);
        var theta = PointEstimate(x, yv, yHatV, xUnlabelled, yTilde, lam);
        var stats = Stats(theta, x, yv, yHatV, xUnlabelled, yTilde, useUnlabelled: lam != 0);
        return new PredictionPoweredCoefficients(PredictionPoweredGlm.Intervals(theta, stats, lam, level), lam);
    }

    /// <summary>OLS on the gold labels alone with heteroskedasticity-robust (HC0) standard errors, as ppi_py's <c>classical_ols_ci</c>.</summary>
    public static IReadOnlyList<EstimateResult> Classical(Matrix<double> x, IReadOnlyList<double> y, double level = 0.9) =>
        RobustOls(x, y, level, nameof(x), nameof(y));

    /// <summary>OLS of the predictions on the unlabelled covariates (trusting the predictions), HC0 standard errors.</summary>
    public static IReadOnlyList<EstimateResult> Naive(Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level = 0.9) =>
        RobustOls(xUnlabelled, yHatUnlabelled, level, nameof(xUnlabelled), nameof(yHatUnlabelled));

    private static Vector<double> PointEstimate(Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde, double lam) =>
        xTilde.QR().Solve(yTilde * lam) + x.QR().Solve(y - yHat * lam);

    private static double OptimalLambda(Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde) =>
        PredictionPoweredGlm.OptimalLambda(Stats(PointEstimate(x, y, yHat, xTilde, yTilde, 1.0), x, y, yHat, xTilde, yTilde, useUnlabelled: true));

    /// <summary>Per-unit gradients of the squared loss at θ and the inverse Hessian (ppi_py's <c>_ols_get_stats</c>).</summary>
    private static PredictionPoweredGlm.Statistics Stats(Vector<double> theta, Matrix<double> x, Vector<double> y, Vector<double> yHat,
        Matrix<double> xTilde, Vector<double> yTilde, bool useUnlabelled)
    {
        int n = x.RowCount, bigN = xTilde.RowCount;
        var fitted = x * theta;
        var hessian = useUnlabelled
            ? (x.TransposeThisAndMultiply(x) + xTilde.TransposeThisAndMultiply(xTilde)) / (n + bigN)
            : x.TransposeThisAndMultiply(x) / n;
        return new PredictionPoweredGlm.Statistics(PredictionPoweredGlm.ScaledRows(x, fitted - y), PredictionPoweredGlm.ScaledRows(x, fitted - yHat),
            PredictionPoweredGlm.ScaledRows(xTilde, xTilde * theta - yTilde), hessian.Inverse());
    }

    private static IReadOnlyList<EstimateResult> RobustOls(Matrix<double> x, IReadOnlyList<double> y, double level, string xName, string yName)
    {
        Guard.NotNull(x, xName);
        Guard.NotNull(y, yName);
        if (y.Count != x.RowCount) throw new ArgumentException($"{yName} must hold one value per row of {xName} ({x.RowCount}); it holds {y.Count}.", yName);
        if (x.RowCount <= x.ColumnCount) throw new ArgumentException($"{xName} needs more rows ({x.RowCount}) than columns ({x.ColumnCount}).", xName);
        Guard.Finite(y, yName);
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        DesignChecks.FullColumnRank(x, xName);
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
        return Enumerable.Range(0, theta.Count).Select(j => EstimateResult.FromStandardError(theta[j], Math.Sqrt(covariance[j, j]), level, x.RowCount)).ToArray();
    }
}

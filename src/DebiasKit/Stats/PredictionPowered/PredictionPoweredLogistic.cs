using DebiasKit.Causal;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// Prediction-powered inference for logistic regression coefficients (Angelopoulos et al., 2023; PPI++: Angelopoulos,
/// Duchi and Zrnic, 2023). With the logistic loss ℓ(θ; x, y) = −y·xᵀθ + log(1 + e^{xᵀθ}), the estimate minimises the
/// rectified loss λ/N Σ_U ℓ(θ; x̃, ỹ) − λ/n Σ_L ℓ(θ; x, ŷ) + 1/n Σ_L ℓ(θ; x, y), solved here by Newton's method (its
/// Hessian λ/N X̃ᵀW̃X̃ + (1 − λ)/n XᵀWX is positive definite for λ ∈ [0, 1]). Predictions ŷ, ỹ may be probabilities.
/// Interval: as for OLS, with gradients xᵢ(σ(xᵢᵀθ̂) − yᵢ) and H = Σ σ(1 − σ) x xᵀ / (n + N) over both sets (over the
/// labelled set only when λ = 0); normal (z) intervals.
/// <para>Variant pinned to ppi_py (<c>ppi_logistic_ci</c>, <c>_logistic_get_stats</c>); ppi_py minimises with L-BFGS
/// from a scikit-learn start, the kit with Newton from zero to a gradient norm below 1e-12. As for OLS, PPI++'s λ̂ is
/// computed once at θ̂₁ (ppi_py recomputes it at θ̂(λ̂) before the interval).</para>
/// </summary>
public static class PredictionPoweredLogistic
{
    /// <summary>PPI (λ = 1 by default), a fixed λ ∈ [0, 1], or PPI++ with <paramref name="lambda"/> = null. Labels and predictions lie in [0, 1].</summary>
    public static PredictionPoweredCoefficients Estimate(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double> yHat,
        Matrix<double> xUnlabelled, IReadOnlyList<double> yHatUnlabelled, double level = 0.9, double? lambda = 1.0)
    {
        PredictionPoweredGlm.Check(x, y, yHat, xUnlabelled, yHatUnlabelled, level);
        CheckUnitInterval(y, nameof(y));
        CheckUnitInterval(yHat, nameof(yHat));
        CheckUnitInterval(yHatUnlabelled, nameof(yHatUnlabelled));
        if (lambda is double fixedLambda) Guard.InRange(fixedLambda, 0, 1, nameof(lambda));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var yHatV = Vector<double>.Build.DenseOfEnumerable(yHat);
        var yTilde = Vector<double>.Build.DenseOfEnumerable(yHatUnlabelled);
        double lam = lambda ?? PredictionPoweredGlm.OptimalLambda(Stats(Fit(x, yv, yHatV, xUnlabelled, yTilde, 1.0), x, yv, yHatV, xUnlabelled, yTilde, useUnlabelled: true));
        var theta = Fit(x, yv, yHatV, xUnlabelled, yTilde, lam);
        var stats = Stats(theta, x, yv, yHatV, xUnlabelled, yTilde, useUnlabelled: lam != 0);
        return new PredictionPoweredCoefficients(PredictionPoweredGlm.Intervals(theta, stats, lam, level), lam);
    }

    /// <summary>
    /// Logistic regression on <paramref name="y"/> alone with its sandwich interval (the λ = 0 case). On the gold labels
    /// this is the classical baseline; on surrogate labels of all units it is the naive one.
    /// </summary>
    public static IReadOnlyList<EstimateResult> Classical(Matrix<double> x, IReadOnlyList<double> y, double level = 0.9) =>
        Estimate(x, y, y, x, y, level, lambda: 0).Coefficients; // with λ = 0 the unlabelled arguments carry no weight


    /// <summary>Minimiser of the rectified logistic loss by Newton's method.</summary>
    internal static Vector<double> Fit(Matrix<double> x, Vector<double> y, Vector<double> yHat, Matrix<double> xTilde, Vector<double> yTilde, double lam)
    {
        int n = x.RowCount, bigN = xTilde.RowCount, d = x.ColumnCount;
        var theta = Vector<double>.Build.Dense(d);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var mu = Sigmoid(x * theta);
            var gradient = x.TransposeThisAndMultiply(mu - y) / n;
            var hessian = Weighted(x, mu) * ((1 - lam) / n);
            if (lam != 0)   // with λ = 0 the unlabelled terms carry no weight; skipping them halves the classical fits
            {
                var muTilde = Sigmoid(xTilde * theta);
                gradient += xTilde.TransposeThisAndMultiply(muTilde - yTilde) * (lam / bigN) - x.TransposeThisAndMultiply(mu - yHat) * (lam / n);
                hessian += Weighted(xTilde, muTilde) * (lam / bigN);
            }
            if (gradient.L2Norm() < 1e-12) break;
            theta -= hessian.Solve(gradient);
        }
        return theta;
    }

    private static PredictionPoweredGlm.Statistics Stats(Vector<double> theta, Matrix<double> x, Vector<double> y, Vector<double> yHat,
        Matrix<double> xTilde, Vector<double> yTilde, bool useUnlabelled)
    {
        int n = x.RowCount, bigN = xTilde.RowCount;
        var mu = Sigmoid(x * theta);
        var muTilde = Sigmoid(xTilde * theta);
        var hessian = useUnlabelled ? (Weighted(x, mu) + Weighted(xTilde, muTilde)) / (n + bigN) : Weighted(x, mu) / n;
        return new PredictionPoweredGlm.Statistics(PredictionPoweredGlm.ScaledRows(x, mu - y), PredictionPoweredGlm.ScaledRows(x, mu - yHat),
            PredictionPoweredGlm.ScaledRows(xTilde, muTilde - yTilde), hessian.Inverse());
    }

    /// <summary>Σ σ(1 − σ) x xᵀ over the rows.</summary>
    private static Matrix<double> Weighted(Matrix<double> x, Vector<double> mu)
    {
        return x.TransposeThisAndMultiply(PredictionPoweredGlm.ScaledRows(x, mu.Map(m => m * (1 - m))));
    }

    private static Vector<double> Sigmoid(Vector<double> z) => z.Map(LogisticRegression.Sigmoid);

    private static void CheckUnitInterval(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] < 0 || values[i] > 1)
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] = {values[i]}; labels and predictions of a logistic model must lie in [0, 1].");
    }
}

using DebiasKit.Causal;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>Design-based regression coefficients (one result per column of the design) and the pseudo-outcomes they were fitted to.</summary>
public sealed record DesignBasedCoefficients(IReadOnlyList<EstimateResult> Coefficients, IReadOnlyList<double> PseudoOutcomes);

/// <summary>
/// Design-based supervised learning (DSL; Egami, Hinck, Stewart and Wei, 2023) for the coefficients of a linear or a
/// logistic regression of a partly expert-labelled outcome on fully observed covariates X (N × d; the caller adds an
/// intercept column if wanted). With the pseudo-outcome Ỹᵢ = ĝᵢ + (Rᵢ/πᵢ)(Yᵢ − ĝᵢ) (see <see cref="DesignBasedMean"/>),
/// θ̂ solves the doubly robust moment equations Σᵢ xᵢ (Ỹᵢ − μ(xᵢᵀθ)) = 0, with μ the identity (linear) or the logistic
/// function. The variance is the sandwich J⁻¹ Ω J⁻¹ / N with J = Σ μ′(xᵢᵀθ̂) xᵢxᵢᵀ / N and Ω = Σ mᵢmᵢᵀ / N,
/// mᵢ = xᵢ (Ỹᵢ − μ(xᵢᵀθ̂)); intervals are normal (z).
/// <para>Variant pinned to the reference R package <c>dsl</c> (naoki-egami/dsl, <c>helper_moment.R</c> and
/// <c>helper_dsl_general.R</c>): its moment m_pred + (m_orig − m_pred)·R/π, its Jacobian and its meat
/// (main_1 + main_2 + main_3) reduce to the forms above when only the outcome is predicted (X observed for every unit),
/// which is the case implemented here. The package solves the moments with L-BFGS-B on standardised covariates and a
/// 1e-5 ridge on θ; the kit solves them exactly (QR for the linear case, Newton for the logistic one), so estimates agree
/// up to the package's optimiser tolerance.</para>
/// </summary>
public static class DesignBasedRegression
{
    /// <summary>DSL for linear regression coefficients.</summary>
    /// <param name="x">N × d covariates of every unit (add a column of ones for an intercept).</param>
    /// <param name="predictions">ĝᵢ for every unit, cross-fitted (<see cref="CrossFitting"/>).</param>
    /// <param name="labels">Yᵢ; read only where <paramref name="labelled"/> is true.</param>
    /// <param name="labelled">Rᵢ.</param>
    /// <param name="probabilities">πᵢ ∈ (0, 1], known by design.</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static DesignBasedCoefficients Linear(Matrix<double> x, IReadOnlyList<double> predictions, IReadOnlyList<double> labels,
        IReadOnlyList<bool> labelled, IReadOnlyList<double> probabilities, double level = 0.95)
    {
        var pseudo = Prepare(x, predictions, labels, labelled, probabilities, level);
        var target = Vector<double>.Build.DenseOfArray(pseudo);
        var theta = x.QR().Solve(target);
        var residual = target - x * theta;
        var jacobian = x.TransposeThisAndMultiply(x) / x.RowCount;
        return Sandwich(x, residual, jacobian, theta, pseudo, level);
    }

    /// <summary>DSL for logistic regression coefficients; arguments as for <see cref="Linear"/>. Pseudo-outcomes may leave [0, 1].</summary>
    public static DesignBasedCoefficients Logistic(Matrix<double> x, IReadOnlyList<double> predictions, IReadOnlyList<double> labels,
        IReadOnlyList<bool> labelled, IReadOnlyList<double> probabilities, double level = 0.95)
    {
        var pseudo = Prepare(x, predictions, labels, labelled, probabilities, level);
        var target = Vector<double>.Build.DenseOfArray(pseudo);
        // With λ = 0 the rectified PPI loss is the plain logistic loss on (x, Ỹ); its minimiser solves Σ x (Ỹ − σ(xᵀθ)) = 0.
        var theta = PredictionPoweredLogistic.Fit(x, target, target, x, target, 0);
        var mu = (x * theta).Map(LogisticRegression.Sigmoid);
        var jacobian = x.TransposeThisAndMultiply(PredictionPoweredGlm.ScaledRows(x, mu.Map(m => m * (1 - m)))) / x.RowCount;
        return Sandwich(x, target - mu, jacobian, theta, pseudo, level);
    }

    private static double[] Prepare(Matrix<double> x, IReadOnlyList<double> predictions, IReadOnlyList<double> labels,
        IReadOnlyList<bool> labelled, IReadOnlyList<double> probabilities, double level)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(predictions, nameof(predictions));
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(labelled, nameof(labelled));
        Guard.NotNull(probabilities, nameof(probabilities));
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        if (predictions.Count != x.RowCount)
            throw new ArgumentException($"predictions must hold one value per row of x ({x.RowCount}); it holds {predictions.Count}.", nameof(predictions));
        if (x.ColumnCount == 0 || x.RowCount <= x.ColumnCount)
            throw new ArgumentException($"x is {x.RowCount} × {x.ColumnCount}; the regression needs at least one column and more rows than columns.", nameof(x));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
        DesignChecks.FullColumnRank(x, nameof(x));
        return DesignBasedMean.PseudoOutcomes(predictions.ToArray(), labels.ToArray(), labelled.ToArray(), probabilities.ToArray());
    }

    private static DesignBasedCoefficients Sandwich(Matrix<double> x, Vector<double> residual, Matrix<double> jacobian, Vector<double> theta,
        double[] pseudo, double level)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var moments = PredictionPoweredGlm.ScaledRows(x, residual);
        var meat = moments.TransposeThisAndMultiply(moments) / n;
        var inverse = jacobian.Inverse();
        var covariance = inverse * meat * inverse.Transpose() / n;
        var results = Enumerable.Range(0, d).Select(j => EstimateResult.FromStandardError(theta[j], Math.Sqrt(covariance[j, j]), level, n)).ToArray();
        return new DesignBasedCoefficients(results, pseudo);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>A fitted linear model ŷ = a + xᵀb.</summary>
public sealed record LinearModel(double Intercept, Vector<double> Slopes)
{
    /// <summary>Predictions for the rows of <paramref name="x"/> (n × p, the same columns as in the fit).</summary>
    public double[] Predict(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        if (x.ColumnCount != Slopes.Count)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model was fitted on {Slopes.Count}.", nameof(x));
        var linear = x * Slopes;
        return linear.Select(v => v + Intercept).ToArray();
    }
}

/// <summary>
/// (Weighted, ridge-penalised) least squares: minimises Σᵢ wᵢ (yᵢ − a − xᵢᵀb)² + ridge·‖b‖², the intercept a unpenalised.
/// It is the closed-form nuisance model the estimators use (outcome regressions, cross-fitted predictions, second
/// stages). Solved by a QR decomposition of the row-scaled design stacked on √ridge·I (no normal equations, so
/// ill-conditioned designs lose no more precision than the QR itself).
/// </summary>
public static class LinearRegression
{
    /// <param name="x">n × p features (no intercept column: <paramref name="intercept"/> adds it).</param>
    /// <param name="y">n finite targets.</param>
    /// <param name="ridge">Penalty on the slopes, ≥ 0.</param>
    /// <param name="weights">Optional non-negative weights, one per row (a weight of 2 equals a duplicated row).</param>
    /// <param name="intercept">Fit an unpenalised intercept (otherwise a = 0).</param>
    /// <exception cref="ArgumentException">Mismatched lengths, NaN, negative weights, or a rank-deficient design with ridge = 0.</exception>
    public static LinearModel Fit(Matrix<double> x, IReadOnlyList<double> y, double ridge = 0, IReadOnlyList<double>? weights = null, bool intercept = true)
    {
        var (design, offset) = Design(x, y, weights, ridge, intercept);
        int n = x.RowCount, p = x.ColumnCount;
        var target = Vector<double>.Build.Dense(design.RowCount);
        for (int i = 0; i < n; i++) target[i] = y[i] * Math.Sqrt(weights?[i] ?? 1.0);
        DesignChecks.FullColumnRank(design, nameof(x), "drop collinear columns (the intercept column counts) or use ridge > 0");
        var beta = design.QR().Solve(target);
        return new LinearModel(intercept ? beta[0] : 0.0, beta.SubVector(offset, p));
    }

    /// <summary>The checked design: √w-scaled rows [1, x] stacked on √ridge·I for the slopes.</summary>
    private static (Matrix<double> Design, int Offset) Design(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? weights, double ridge, bool intercept)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        int n = x.RowCount, p = x.ColumnCount, offset = intercept ? 1 : 0;
        if (y.Count != n) throw new ArgumentException($"y must hold one value per row of x ({n}); it holds {y.Count}.", nameof(y));
        if (n == 0) throw new ArgumentException("x has no rows.", nameof(x));
        Guard.Finite(y, nameof(y));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
        Guard.NonNegative(ridge, nameof(ridge));
        if (weights is not null)
        {
            if (weights.Count != n) throw new ArgumentException($"weights must hold one value per row of x ({n}); it holds {weights.Count}.", nameof(weights));
            for (int i = 0; i < n; i++)
                if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
                    throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"weights[{i}] = {weights[i]}; weights must be finite and non-negative.");
        }
        int extra = ridge > 0 ? p : 0;
        var design = Matrix<double>.Build.Dense(n + extra, p + offset);
        for (int i = 0; i < n; i++)
        {
            double scale = Math.Sqrt(weights?[i] ?? 1.0);
            if (intercept) design[i, 0] = scale;
            for (int j = 0; j < p; j++) design[i, j + offset] = scale * x[i, j];
        }
        for (int j = 0; j < extra; j++) design[n + j, j + offset] = Math.Sqrt(ridge);
        return (design, offset);
    }
}

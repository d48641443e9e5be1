using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>A fitted logistic model P(y = 1 | x) = σ(a + xᵀb), with the Newton iterations the fit took.</summary>
public sealed record LogisticModel(double Intercept, Vector<double> Slopes, int Iterations)
{
    /// <summary>σ(a + xᵀb) for the rows of <paramref name="x"/>.</summary>
    public double[] PredictProbability(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        if (x.ColumnCount != Slopes.Count)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model was fitted on {Slopes.Count}.", nameof(x));
        return (x * Slopes).Select(v => LogisticRegression.Sigmoid(v + Intercept)).ToArray();
    }
}

/// <summary>
/// (Weighted, ridge-penalised) logistic regression by Newton's method (iteratively reweighted least squares): minimises
/// −Σᵢ wᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + (ridge/2)·‖b‖² with pᵢ = σ(a + xᵢᵀb), the intercept unpenalised
/// (scikit-learn's objective with C = 1/ridge). Targets may be probabilities in [0, 1] (soft labels). Each Newton step
/// is halved until the objective does not increase, and the fit stops when the gradient's norm falls below 1e-10
/// relative to Σ w. It is the closed-form propensity and classification nuisance model of the estimators.
/// </summary>
public static class LogisticRegression
{
    /// <param name="x">n × p features (no intercept column).</param>
    /// <param name="y">n targets in [0, 1].</param>
    /// <param name="ridge">Penalty on the slopes, ≥ 0. With separable data and ridge = 0 the slopes grow until the iteration limit.</param>
    /// <param name="weights">Optional non-negative weights, one per row.</param>
    /// <param name="intercept">Fit an unpenalised intercept (otherwise a = 0).</param>
    /// <param name="maxIterations">Newton iterations at most.</param>
    public static LogisticModel Fit(Matrix<double> x, IReadOnlyList<double> y, double ridge = 0, IReadOnlyList<double>? weights = null,
        bool intercept = true, int maxIterations = 100)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        int n = x.RowCount, p = x.ColumnCount, offset = intercept ? 1 : 0, d = p + offset;
        if (y.Count != n) throw new ArgumentException($"y must hold one value per row of x ({n}); it holds {y.Count}.", nameof(y));
        if (n == 0) throw new ArgumentException("x has no rows.", nameof(x));
        for (int i = 0; i < n; i++)
            if (!(y[i] >= 0 && y[i] <= 1)) throw new ArgumentOutOfRangeException(nameof(y), y[i], $"y[{i}] = {y[i]}; logistic targets must lie in [0, 1].");
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
        Guard.NonNegative(ridge, nameof(ridge));
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
        if (weights is not null && weights.Count != n) throw new ArgumentException($"weights must hold one value per row of x ({n}); it holds {weights.Count}.", nameof(weights));
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = weights is null ? 1.0 : weights[i];
            if (!(w[i] >= 0) || double.IsInfinity(w[i])) throw new ArgumentOutOfRangeException(nameof(weights), w[i], $"weights[{i}] = {w[i]}; weights must be finite and non-negative.");
        }

        var design = Matrix<double>.Build.Dense(n, d, (i, j) => intercept && j == 0 ? 1.0 : x[i, j - offset]);
        var target = Vector<double>.Build.Dense(n, i => y[i]);
        var penalty = Vector<double>.Build.Dense(d, j => j < offset ? 0 : ridge);
        var theta = Vector<double>.Build.Dense(d);
        double tolerance = 1e-10 * Math.Max(w.Sum(), 1.0);
        double objective = Objective(design, target, w, penalty, theta);
        int iteration = 0;
        while (iteration < maxIterations)
        {
            var prob = (design * theta).Map(Sigmoid);
            var residual = Vector<double>.Build.Dense(n, i => w[i] * (prob[i] - target[i]));
            var gradient = design.TransposeThisAndMultiply(residual) + penalty.PointwiseMultiply(theta);
            if (gradient.L2Norm() < tolerance) break;
            iteration++;
            var scaled = design.Clone();
            for (int i = 0; i < n; i++) scaled.SetRow(i, design.Row(i) * (w[i] * prob[i] * (1 - prob[i])));
            var hessian = design.TransposeThisAndMultiply(scaled) + Matrix<double>.Build.DiagonalOfDiagonalVector(penalty);
            for (int j = 0; j < d; j++) hessian[j, j] += 1e-12;   // keeps the solve defined when a direction has no curvature
            var step = hessian.Cholesky().Solve(gradient);
            double size = 1;
            Vector<double> next;
            double nextObjective;
            do
            {
                next = theta - step * size;
                nextObjective = Objective(design, target, w, penalty, next);
                size /= 2;
            } while (nextObjective > objective + 1e-12 * Math.Abs(objective) && size > 1e-10);
            theta = next;
            objective = nextObjective;
        }
        return new LogisticModel(intercept ? theta[0] : 0.0, theta.SubVector(offset, p), iteration);
    }

    /// <summary>The logistic function, written to avoid overflow for large |z|.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Objective(Matrix<double> design, Vector<double> y, double[] w, Vector<double> penalty, Vector<double> theta)
    {
        var z = design * theta;
        double total = 0;
        for (int i = 0; i < z.Count; i++)
        {
            // −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^z) − y z, computed stably
            double softplus = z[i] > 0 ? z[i] + Math.Log(1 + Math.Exp(-z[i])) : Math.Log(1 + Math.Exp(z[i]));
            total += w[i] * (softplus - y[i] * z[i]);
        }
        return total + 0.5 * penalty.PointwiseMultiply(theta).DotProduct(theta);
    }
}

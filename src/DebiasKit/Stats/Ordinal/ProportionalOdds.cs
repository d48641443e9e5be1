using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// The proportional-odds (cumulative logit) model for an ordinal outcome Y ∈ {0, …, K} (McCullagh, 1980):
/// P(Y &gt; k | x) = σ(αₖ + βᵀx), k = 0, …, K − 1, one weight vector shared by all thresholds and α₀ &gt; α₁ &gt; … &gt; α_{K−1}.
/// Fitted by maximum likelihood with damped Newton steps on the mean negative log-likelihood of
/// <see cref="CumulativeLogit"/> (convex in (α, β) where the class probabilities are positive, Pratt 1981); a step is halved
/// until the objective decreases and the intercepts stay ordered. The baseline that PRESTO (Faletto and Bien, 2023) shrinks
/// towards. Sign convention: the reference code (R <c>MASS::polr</c>, <c>ordinalNet</c>) models P(Y ≤ k) = σ(αₖ + βᵀx); ours is
/// its mirror image (all parameters negated), the fitted probabilities are the same.
/// </summary>
public static class ProportionalOdds
{
    /// <param name="x">n × p features.</param>
    /// <param name="y">Labels in 0..categories − 1; every category must be observed (otherwise the maximum does not exist).</param>
    /// <param name="categories">K + 1 ≥ 2.</param>
    /// <param name="tolerance">Stop when the largest gradient entry is below this.</param>
    /// <param name="maxIterations">Newton iterations at most.</param>
    public static CumulativeLogitModel Fit(Matrix<double> x, IReadOnlyList<int> y, int categories, double tolerance = 1e-10, int maxIterations = 100)
    {
        var data = OrdinalData.From(x, y, categories, requireAllCategories: true);
        Guard.Positive(tolerance, nameof(tolerance));
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
        var (alpha, beta) = FitCore(data, tolerance, maxIterations);
        return new CumulativeLogitModel(alpha, Enumerable.Range(0, data.K).Select(_ => (double[])beta.Clone()).ToArray());
    }

    /// <summary>Newton on flat data; returns (α, β). Used by <see cref="Presto"/> for the λ → ∞ end of its path.</summary>
    internal static (double[] Alpha, double[] Beta) FitCore(OrdinalData data, double tolerance = 1e-10, int maxIterations = 100)
    {
        int k = data.K, p = data.P, d = k + p;
        var shares = data.ExceedanceShares();
        var theta = new double[d];
        for (int t = 0; t < k; t++) theta[t] = Math.Log(shares[t] / (1 - shares[t]));
        var grad = new double[d];
        var hess = new double[d, d];
        double value = Evaluate(data, theta, grad, hess);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (grad.Max(Math.Abs) < tolerance) break;
            var h = Matrix<double>.Build.DenseOfArray(hess);
            var step = h.Cholesky().Solve(Vector<double>.Build.DenseOfArray(grad)).ToArray();
            double scale = 1;
            var candidate = new double[d];
            double next = double.PositiveInfinity;
            for (int halving = 0; halving < 60; halving++, scale /= 2)
            {
                for (int i = 0; i < d; i++) candidate[i] = theta[i] - scale * step[i];
                next = Evaluate(data, candidate, null, null);
                if (next <= value + 1e-14 * Math.Abs(value)) break;
            }
            if (!(next <= value + 1e-14 * Math.Abs(value))) break;     // no decrease possible: at the optimum to rounding
            Array.Copy(candidate, theta, d);
            value = Evaluate(data, theta, grad, hess);
        }
        return (theta[..k], theta[k..]);
    }

    /// <summary>Mean NLL of the proportional-odds model at θ = (α, β), with gradient and Hessian when asked; +∞ unless α is strictly decreasing.</summary>
    private static double Evaluate(OrdinalData data, double[] theta, double[]? grad, double[,]? hess)
    {
        int k = data.K, p = data.P, d = k + p;
        for (int t = 1; t < k; t++) if (!(theta[t - 1] > theta[t])) return double.PositiveInfinity;
        if (grad is not null) { Array.Clear(grad); Array.Clear(hess!); }
        double total = 0;
        var u = new double[d];   // ∂η/∂θ for one threshold: e_t in the α block, x in the β block
        for (int i = 0; i < data.N; i++)
        {
            int c = data.Y[i], row = i * p;
            double xb = 0;
            for (int j = 0; j < p; j++) xb += theta[k + j] * data.X[row + j];
            double a = c > 0 ? theta[c - 1] + xb : 0, b = c < k ? theta[c] + xb : 0;
            double da = 0, db = 0, haa = 0, hbb = 0, hab = 0;
            if (c == 0)
            {
                total += CumulativeLogit.Softplus(b);
                double s = LogisticRegression.Sigmoid(b);
                db = s; hbb = s * (1 - s);
            }
            else if (c == k)
            {
                total += CumulativeLogit.Softplus(-a);
                double s = LogisticRegression.Sigmoid(a);
                da = -(1 - s); haa = s * (1 - s);
            }
            else
            {
                double m = -CumulativeLogit.Expm1(b - a);
                total += CumulativeLogit.Softplus(-a) + CumulativeLogit.Softplus(b) - Math.Log(m);
                double sa = LogisticRegression.Sigmoid(a), sb = LogisticRegression.Sigmoid(b);
                double ra = LogisticRegression.Sigmoid(-a) / (LogisticRegression.Sigmoid(-b) * m);   // f(a)/D
                double rb = sb / (sa * m);                                                            // f(b)/D
                da = -ra; db = rb;
                haa = -(1 - 2 * sa) * ra + ra * ra;
                hbb = (1 - 2 * sb) * rb + rb * rb;
                hab = -ra * rb;
            }
            if (grad is null) continue;
            // The observation's η's: index c−1 (a) and c (b); both share the β block.
            for (int j = 0; j < p; j++) u[k + j] = data.X[row + j];
            if (c > 0) grad[c - 1] += da;
            if (c < k) grad[c] += db;
            double dsum = da + db;
            for (int j = 0; j < p; j++) grad[k + j] += dsum * u[k + j];
            // Hessian = Σ h_st u_s u_tᵀ over the (s, t) ∈ {a, b}² pairs present.
            AddOuter(hess!, k, p, c > 0 ? c - 1 : -1, c > 0 ? c - 1 : -1, haa, u);
            AddOuter(hess!, k, p, c < k ? c : -1, c < k ? c : -1, hbb, u);
            if (c > 0 && c < k)
            {
                AddOuter(hess!, k, p, c - 1, c, hab, u);
                AddOuter(hess!, k, p, c, c - 1, hab, u);
            }
        }
        int n = data.N;
        if (grad is not null)
        {
            for (int i = 0; i < d; i++) grad[i] /= n;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) hess![i, j] /= n;
        }
        return total / n;
    }

    /// <summary>hess += h · (e_s ⊕ x)(e_t ⊕ x)ᵀ, where e_s is the unit vector of intercept s (skipped when s or t is −1).</summary>
    private static void AddOuter(double[,] hess, int k, int p, int s, int t, double h, double[] u)
    {
        if (s < 0 || t < 0 || h == 0) return;
        hess[s, t] += h;
        for (int j = 0; j < p; j++)
        {
            hess[s, k + j] += h * u[k + j];
            hess[k + j, t] += h * u[k + j];
            for (int l = 0; l < p; l++) hess[k + j, k + l] += h * u[k + j] * u[k + l];
        }
    }
}

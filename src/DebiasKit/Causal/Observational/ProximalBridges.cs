using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace DebiasKit.Causal;

/// <summary>
/// A fitted linear outcome bridge h(W, A, X) = β₀ + β_A·A + β_Wᵀ W + β_Xᵀ X; <see cref="Coefficients"/> holds
/// (β₀, β_A, β_W…, β_X…) in that order.
/// </summary>
public sealed record OutcomeBridge(Vector<double> Coefficients, int ProxyColumns, int CovariateColumns)
{
    /// <summary>h(Wᵢ, a, Xᵢ) for every row, with the treatment set to <paramref name="arm"/> for all units.</summary>
    public double[] Predict(Matrix<double> w, bool arm, Matrix<double> x) =>
        Predict(w, Enumerable.Repeat(arm, w.RowCount).ToArray(), x);

    /// <summary>h(Wᵢ, Aᵢ, Xᵢ) for every row.</summary>
    public double[] Predict(Matrix<double> w, IReadOnlyList<bool> treated, Matrix<double> x)
    {
        ProximalBridges.CheckShapes(w, nameof(w), ProxyColumns, treated, x, CovariateColumns);
        var design = ProximalBridges.Design(treated, w, x);
        return (design * Coefficients).ToArray();
    }
}

/// <summary>
/// A fitted treatment bridge q(Z, a, X) = 1 + exp(θ_aᵀ(1, Z, X)), one coefficient vector per arm (<see cref="Treated"/>
/// for a = 1, <see cref="Control"/> for a = 0); <see cref="Iterations"/> counts the Newton steps of both arms and
/// <see cref="MomentNorm"/> is the larger arm's whitened moment norm at the solution (≈ 0 when the moments have a root).
/// </summary>
public sealed record TreatmentBridge(Vector<double> Treated, Vector<double> Control, int ProxyColumns, int CovariateColumns, int Iterations,
    double MomentNorm)
{
    /// <summary>q(Zᵢ, Aᵢ, Xᵢ) for every row (each ≥ 1).</summary>
    public double[] Predict(Matrix<double> z, IReadOnlyList<bool> treated, Matrix<double> x)
    {
        ProximalBridges.CheckShapes(z, nameof(z), ProxyColumns, treated, x, CovariateColumns);
        var s = ProximalBridges.Design(null, z, x);
        var q = new double[z.RowCount];
        for (int i = 0; i < q.Length; i++)
            q[i] = 1 + Math.Exp(s.Row(i) * (treated[i] ? Treated : Control));
        return q;
    }
}

/// <summary>
/// Parametric bridge functions of proximal causal inference (Miao, Geng and Tchetgen Tchetgen, 2018; Tchetgen Tchetgen
/// et al., 2020; Cui, Pu, Shi, Miao and Tchetgen Tchetgen, 2023), the nuisances of the P-learner (Sverdrup and Cui, 2023,
/// ICML). With an unobserved confounder U, a treatment proxy Z (no effect on Y or W given U, A, X) and an outcome proxy W
/// (not affected by A given U, X):
/// <list type="bullet">
/// <item>the outcome bridge h solves E[Y − h(W, A, X) | Z, A, X] = 0;</item>
/// <item>the treatment bridge q solves E[q(Z, A, X) | W, A, X] = 1 / P(A | W, X), equivalently, for each arm a,
/// E[(1{A = a}·q(Z, a, X) − 1)·b(W, X)] = 0 for every function b.</item>
/// </list>
/// <para>Variants pinned. h is linear, h = β₀ + β_A A + β_WᵀW + β_XᵀX, estimated by two-stage least squares with the
/// instruments (1, A, Z, X) (the "proximal 2SLS" of Tchetgen Tchetgen et al., 2020; needs dim Z ≥ dim W): closed form
/// β = (R̂ᵀR)⁻¹R̂ᵀy with R = (1, A, W, X) and R̂ its projection on the instruments. q has the form
/// 1 + exp(θ_aᵀ(1, Z, X)) per arm, the form Cui et al. use and the one that is exactly right when the treatment is
/// logistic in U and the proxies are Gaussian (a q linear in Z cannot be right for both arms: 1/p and 1/(1 − p) are not
/// both linear unless p is constant); θ_a solves the sample moments (1/n)Σᵢ bᵢ(1{Aᵢ = a}(1 + exp(θ_aᵀsᵢ)) − 1) = 0 with
/// bᵢ = (1, Wᵢ, Xᵢ), sᵢ = (1, Zᵢ, Xᵢ) by Levenberg–Marquardt on the moments whitened by (BᵀB/n)^(−1/2) (the GMM
/// criterion with the 2SLS weight; Newton's method when exactly identified), started from the convex problem that uses
/// Z's own design as instruments. When a finite sample has no exact root the GMM minimum is returned.</para>
/// </summary>
public static class ProximalBridges
{
    /// <summary>Fits the linear outcome bridge by two-stage least squares.</summary>
    /// <param name="w">n × d_W outcome proxies.</param>
    /// <param name="treated">Aᵢ.</param>
    /// <param name="x">n × p observed covariates (p may be 0).</param>
    /// <param name="z">n × d_Z treatment proxies, d_Z ≥ d_W (the instruments).</param>
    /// <param name="outcomes">Yᵢ, finite.</param>
    /// <exception cref="ArgumentException">Mismatched shapes, non-finite values, d_Z &lt; d_W, or instruments too weak to identify h.</exception>
    public static OutcomeBridge FitOutcome(Matrix<double> w, IReadOnlyList<bool> treated, Matrix<double> x, Matrix<double> z, IReadOnlyList<double> outcomes)
    {
        Guard.NotNull(w, nameof(w));
        Guard.NotNull(z, nameof(z));
        Guard.NotNull(x, nameof(x));
        CheckShapes(w, nameof(w), w.ColumnCount, treated, x, x.ColumnCount);
        CheckShapes(z, nameof(z), z.ColumnCount, treated, x, x.ColumnCount);
        Guard.NotNull(outcomes, nameof(outcomes));
        int n = w.RowCount;
        if (outcomes.Count != n) throw new ArgumentException($"outcomes must hold one value per unit ({n}); it holds {outcomes.Count}.", nameof(outcomes));
        Guard.Finite(outcomes, nameof(outcomes));
        if (z.ColumnCount < w.ColumnCount)
            throw new ArgumentException($"z has {z.ColumnCount} columns but w has {w.ColumnCount}; the outcome bridge needs at least as many treatment proxies as outcome proxies.", nameof(z));
        var regressors = Design(treated, w, x);
        var instruments = Design(treated, z, x);
        if (n <= instruments.ColumnCount)
            throw new ArgumentException($"{n} units cannot identify {regressors.ColumnCount} bridge coefficients from {instruments.ColumnCount} instruments.", nameof(outcomes));
        var qr = instruments.QR(QRMethod.Thin);
        RequireFullRank(qr.R, nameof(z), "the instruments (1, A, Z, X) are collinear");
        var fitted = qr.Q * qr.Q.TransposeThisAndMultiply(regressors);   // first stage: R̂ = P_S R
        var second = fitted.QR(QRMethod.Thin);
        RequireFullRank(second.R, nameof(z), "the projected regressors are collinear (proxies too weak to identify h)");
        var beta = second.Solve(Vector<double>.Build.DenseOfEnumerable(outcomes));   // second stage: OLS of y on R̂
        return new OutcomeBridge(beta, w.ColumnCount, x.ColumnCount);
    }

    /// <summary>Fits the treatment bridge q(Z, a, X) = 1 + exp(θ_aᵀ(1, Z, X)) for both arms by GMM (Newton).</summary>
    /// <param name="z">n × d_Z treatment proxies.</param>
    /// <param name="treated">Aᵢ; each arm needs at least d_Z + p + 2 units.</param>
    /// <param name="x">n × p observed covariates.</param>
    /// <param name="w">n × d_W outcome proxies, d_W ≥ d_Z (the instruments of q).</param>
    /// <param name="tolerance">Stop when the (weighted) moment norm is below this.</param>
    /// <param name="maxIterations">Newton steps per arm before giving up.</param>
    /// <exception cref="ArgumentException">Mismatched shapes, non-finite values, d_W &lt; d_Z, too few units in an arm.</exception>
    /// <exception cref="InvalidOperationException">The iterations diverge (non-finite coefficients).</exception>
    public static TreatmentBridge FitTreatment(Matrix<double> z, IReadOnlyList<bool> treated, Matrix<double> x, Matrix<double> w,
        double tolerance = 1e-10, int maxIterations = 100)
    {
        Guard.NotNull(z, nameof(z));
        Guard.NotNull(w, nameof(w));
        Guard.NotNull(x, nameof(x));
        CheckShapes(z, nameof(z), z.ColumnCount, treated, x, x.ColumnCount);
        CheckShapes(w, nameof(w), w.ColumnCount, treated, x, x.ColumnCount);
        Guard.Positive(tolerance, nameof(tolerance));
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
        if (w.ColumnCount < z.ColumnCount)
            throw new ArgumentException($"w has {w.ColumnCount} columns but z has {z.ColumnCount}; the treatment bridge needs at least as many outcome proxies as treatment proxies.", nameof(w));
        var s = Design(null, z, x);
        var b = Design(null, w, x);
        int n = z.RowCount, k = s.ColumnCount;
        int treatedCount = treated.Count(t => t);
        foreach (var (count, name) in new[] { (treatedCount, "treated"), (n - treatedCount, "control") })
            if (count < k + 1)
                throw new ArgumentException($"the {name} arm has {count} units; the treatment bridge needs at least {k + 1} per arm.", nameof(treated));
        // Whitening by the Cholesky factor of BᵀB/n turns the weighted GMM step into a least-squares solve.
        var gram = b.TransposeThisAndMultiply(b) / n;
        var chol = gram.Cholesky();
        if (Enumerable.Range(0, gram.RowCount).Any(j => !(chol.Factor[j, j] > 1e-10 * Math.Sqrt(gram.Diagonal().Maximum()))))
            throw new ArgumentException("the instruments (1, W, X) of the treatment bridge are collinear.", nameof(w));
        var (theta1, it1, norm1) = SolveArm(s, b, chol.Factor, treated, true, tolerance, maxIterations);
        var (theta0, it0, norm0) = SolveArm(s, b, chol.Factor, treated, false, tolerance, maxIterations);
        if (!theta1.Concat(theta0).All(double.IsFinite))
            throw new InvalidOperationException("the treatment bridge diverged (non-finite coefficients); the proxies may not identify it.");
        return new TreatmentBridge(theta1, theta0, z.ColumnCount, x.ColumnCount, it1 + it0, Math.Max(norm1, norm0));
    }

    /// <summary>The sample moments (1/n)Σᵢ bᵢ(1{Aᵢ = a}·q(Zᵢ, a, Xᵢ) − 1) of one arm at θ (zero at the GMM solution when just identified).</summary>
    public static Vector<double> TreatmentMoments(Matrix<double> z, IReadOnlyList<bool> treated, Matrix<double> x, Matrix<double> w, bool arm, Vector<double> theta)
    {
        Guard.NotNull(z, nameof(z));
        Guard.NotNull(w, nameof(w));
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(theta, nameof(theta));
        if (theta.Count != 1 + z.ColumnCount + x.ColumnCount)
            throw new ArgumentException($"theta must hold 1 + d_Z + p coefficients; it holds {theta.Count}.", nameof(theta));
        CheckShapes(z, nameof(z), z.ColumnCount, treated, x, x.ColumnCount);
        CheckShapes(w, nameof(w), w.ColumnCount, treated, x, x.ColumnCount);
        return Moments(Design(null, z, x), Design(null, w, x), treated, arm, theta).Moments;
    }

    private static (Vector<double> Theta, int Iterations, double Norm) SolveArm(Matrix<double> s, Matrix<double> b, Matrix<double> lower,
        IReadOnlyList<bool> treated, bool arm, double tolerance, int maxIterations)
    {
        // Start: the same moments with Z's own design as instruments, E[s(1{A = a}q − 1)] = 0, which is the gradient of the
        // convex Σᵢ[1{Aᵢ = a}(θᵀsᵢ + exp(θᵀsᵢ)) − θᵀsᵢ] and so solved by damped Newton from any point.
        var theta = ConvexStart(s, treated, arm, maxIterations, out int iterations);
        // Then Levenberg–Marquardt on the whitened W-instrumented moments: exact Newton steps (μ = 0) while they reduce
        // ‖m̃‖, increasing damping otherwise; it stops at a root (just identified) or at the GMM minimum.
        var (m, jac) = Moments(s, b, treated, arm, theta);
        var white = lower.Solve(m);
        double norm = white.L2Norm(), mu = 0;
        for (int it = 0; it < maxIterations && norm >= tolerance; it++, iterations++)
        {
            var jw = lower.Solve(jac);
            var gradient = jw.TransposeThisAndMultiply(white);
            bool improved = false;
            for (int attempt = 0; attempt < 40 && !improved; attempt++)
            {
                var normal = jw.TransposeThisAndMultiply(jw);
                double scale = normal.Diagonal().Maximum();
                for (int j = 0; j < normal.RowCount; j++) normal[j, j] += mu * scale;
                var candidate = theta - normal.Solve(gradient);
                var (mc, jc) = Moments(s, b, treated, arm, candidate);
                var wc = lower.Solve(mc);
                double nc = wc.L2Norm();
                if (double.IsFinite(nc) && nc < norm)
                {
                    improved = true;
                    bool stalled = norm - nc < 1e-14 * Math.Max(1, norm);
                    theta = candidate; m = mc; jac = jc; white = wc; norm = nc;
                    mu = mu < 1e-9 ? 0 : mu / 10;
                    if (stalled) return (theta, iterations + 1, norm);
                }
                else mu = mu == 0 ? 1e-8 : mu * 10;
            }
            if (!improved) break;   // a stationary point of the GMM criterion: no root of this form in this sample
        }
        return (theta, iterations, norm);
    }

    private static Vector<double> ConvexStart(Matrix<double> s, IReadOnlyList<bool> treated, bool arm, int maxIterations, out int iterations)
    {
        int n = s.RowCount, k = s.ColumnCount;
        double share = treated.Count(t => t == arm) / (double)n;
        var theta = Vector<double>.Build.Dense(k);
        theta[0] = Math.Log(1 / share - 1 + 1e-12);   // solves the intercept moment when θ has no slopes
        double Objective(Vector<double> t)
        {
            var eta = s * t;
            double total = 0;
            for (int i = 0; i < n; i++) total += (treated[i] == arm ? eta[i] + Math.Exp(eta[i]) : 0) - eta[i];
            return total / n;
        }
        double value = Objective(theta);
        for (iterations = 0; iterations < maxIterations; iterations++)
        {
            var (gradient, hessian) = Moments(s, s, treated, arm, theta);   // the convex objective's gradient and Hessian
            if (gradient.L2Norm() < 1e-8) break;                           // a start only: the LM stage finishes the job
            var step = hessian.Solve(gradient);
            double size = 1, next;
            while (!(double.IsFinite(next = Objective(theta - size * step)) && next <= value) && size > 1e-6) size /= 2;
            if (size <= 1e-6) break;
            theta -= size * step;
            value = next;
        }
        return theta;
    }

    private static (Vector<double> Moments, Matrix<double> Jacobian) Moments(Matrix<double> s, Matrix<double> b, IReadOnlyList<bool> treated, bool arm, Vector<double> theta)
    {
        int n = s.RowCount, ks = s.ColumnCount, kb = b.ColumnCount;
        var eta = s * theta;
        var m = new double[kb];
        var jac = new double[kb, ks];
        for (int i = 0; i < n; i++)
        {
            bool own = treated[i] == arm;
            double e = own ? Math.Exp(eta[i]) : 0;
            double residual = own ? e : -1;                         // 1{A = a}(1 + e) − 1
            for (int r = 0; r < kb; r++)
            {
                double bir = b[i, r];
                m[r] += bir * residual;
                if (own)
                    for (int c = 0; c < ks; c++) jac[r, c] += bir * e * s[i, c];
            }
        }
        var mv = Vector<double>.Build.Dense(m) / n;
        return (mv, Matrix<double>.Build.DenseOfArray(jac) / n);
    }

    /// <summary>The design (1, [A], V, X) with A included when <paramref name="treated"/> is given.</summary>
    internal static Matrix<double> Design(IReadOnlyList<bool>? treated, Matrix<double> v, Matrix<double> x)
    {
        int n = v.RowCount, offset = treated is null ? 1 : 2;
        return Matrix<double>.Build.Dense(n, offset + v.ColumnCount + x.ColumnCount, (i, j) =>
            j == 0 ? 1.0
            : j < offset ? (treated![i] ? 1.0 : 0.0)
            : j < offset + v.ColumnCount ? v[i, j - offset]
            : x[i, j - offset - v.ColumnCount]);
    }

    internal static void CheckShapes(Matrix<double> v, string name, int columns, IReadOnlyList<bool> treated, Matrix<double> x, int covariateColumns)
    {
        Guard.NotNull(v, name);
        Guard.NotNull(treated, nameof(treated));
        Guard.NotNull(x, nameof(x));
        int n = v.RowCount;
        if (v.ColumnCount != columns || columns == 0)
            throw new ArgumentException($"{name} must have {Math.Max(columns, 1)} column(s); it has {v.ColumnCount}.", name);
        if (x.RowCount != n) throw new ArgumentException($"x must have one row per unit ({n}); it has {x.RowCount}.", nameof(x));
        if (x.ColumnCount != covariateColumns) throw new ArgumentException($"x must have {covariateColumns} columns; it has {x.ColumnCount}.", nameof(x));
        if (treated.Count != n) throw new ArgumentException($"treated must hold one flag per unit ({n}); it holds {treated.Count}.", nameof(treated));
        if (v.Enumerate().Any(e => !double.IsFinite(e))) throw new ArgumentException($"{name} must be finite (no NaN or infinity).", name);
        if (x.Enumerate().Any(e => !double.IsFinite(e))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
    }

    private static void RequireFullRank(Matrix<double> r, string name, string what)
    {
        int k = Math.Min(r.RowCount, r.ColumnCount);
        double largest = Enumerable.Range(0, k).Max(j => Math.Abs(r[j, j]));
        if (Enumerable.Range(0, k).Any(j => Math.Abs(r[j, j]) <= 1e-10 * Math.Max(largest, 1e-300)))
            throw new ArgumentException($"{what}.", name);
    }
}

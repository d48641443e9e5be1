using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>Options of <see cref="Presto"/>.</summary>
/// <param name="PenalizeFirst">Also put the L1 penalty on the first weight vector β₀ (λ·Σⱼ|β₀ⱼ|), as the authors' published
/// implementation does (their modified <c>ordinalNet</c> penalises every ψ, ψ₀ = β₀ included). False gives the pure fusion
/// penalty λ·Σₖ Σⱼ |βₖⱼ − β_{k−1,j}|, whose λ → ∞ limit is the proportional-odds fit.</param>
/// <param name="Standardize">Fit on centred columns scaled to unit (population) standard deviation and map the coefficients
/// back, as <c>ordinalNet</c> does by default; the penalty then acts on the standardised scale.</param>
/// <param name="Tolerance">Stop when the largest entry of the proximal gradient mapping L·(y − x⁺) falls below this (a KKT residual).</param>
/// <param name="MaxIterations">FISTA iterations at most per λ.</param>
public sealed record PrestoOptions(bool PenalizeFirst = true, bool Standardize = true, double Tolerance = 1e-6, int MaxIterations = 50_000);

/// <summary>One PRESTO fit: the model on the original feature scale, its λ, and how the solver ended.</summary>
public sealed record PrestoFit(CumulativeLogitModel Model, double Lambda, int Iterations, bool Converged);

/// <summary>λ chosen by K-fold cross-validation: the grid, the mean out-of-fold Brier score per λ, the choice and the refit.</summary>
public sealed record PrestoCrossValidation(double[] Lambdas, double[] MeanBrier, double SelectedLambda, PrestoFit Fit);

/// <summary>
/// PRESTO (Faletto and Bien, 2023, "Predicting Rare Events by Shrinking Towards Proportional Odds", ICML, PMLR 202:9547–9602;
/// reference code github.com/gregfaletto/presto). An ordinal outcome Y ∈ {0, …, K} with one weight vector per threshold,
/// P(Y &gt; k | x) = σ(αₖ + βₖᵀx), k = 0, …, K − 1, fitted by minimising
/// <code>(1/n) Σᵢ −log P(Y = yᵢ | xᵢ) + λ·[ Σⱼ |β₀ⱼ| ]  + λ·Σ_{k≥1} Σⱼ |βₖⱼ − β_{k−1,j}|</code>
/// (the bracketed lasso term on β₀ only with <see cref="PrestoOptions.PenalizeFirst"/>; intercepts never penalised). The L1
/// penalty on adjacent differences shrinks towards the proportional-odds model, so the rare top threshold borrows the
/// direction learnt from the abundant lower ones and departs from it only in a few coordinates.
/// <para>Solver: reparametrised as ψ₀ = β₀, ψₖ = βₖ − β_{k−1}, the penalty is a plain weighted L1 norm of ψ, and FISTA (Beck and
/// Teboulle, 2009) with backtracking, soft-thresholding as the proximal step and gradient-based adaptive restart (O'Donoghue
/// and Candès, 2015) minimises it. The likelihood is only defined where the exceedance curves do not cross at the data
/// (ηₖ₋₁ &gt; ηₖ for every observation in a middle category); the backtracking rejects steps that leave that region and the
/// momentum restarts when the extrapolated point does.</para>
/// <para>Variant pinned against the reference code: penalty on the ψ of standardised features (<c>ordinalNet</c>,
/// standardize = TRUE), ψ₀ penalised too (their final version), mean (not summed) log-likelihood, λ chosen by 5-fold
/// cross-validation on the training data over 20 log-spaced values from λ_max down to 0.01·λ_max, keeping the largest λ with the
/// smallest mean out-of-fold Brier score (<c>getLambdaFusedPolr</c>). The reference fits with <c>ordinalNet</c>'s coordinate
/// descent; we use FISTA on the same objective. Our sign convention is the mirror image of the reference's P(Y ≤ k) form.</para>
/// </summary>
public static class Presto
{
    /// <summary>Fits PRESTO at one λ ≥ 0.</summary>
    /// <param name="x">n × p features (finite).</param>
    /// <param name="y">Labels in 0..categories − 1, every category observed.</param>
    /// <param name="categories">K + 1 ≥ 3.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <param name="options">Penalty variant, standardisation and solver settings.</param>
    public static PrestoFit Fit(Matrix<double> x, IReadOnlyList<int> y, int categories, double lambda, PrestoOptions? options = null)
    {
        Guard.NonNegative(lambda, nameof(lambda));
        return Path(x, y, categories, new[] { lambda }, options)[0];
    }

    /// <summary>Fits PRESTO at each λ (solved from the largest down, each warm-started from the previous); results in the order given.</summary>
    public static PrestoFit[] Path(Matrix<double> x, IReadOnlyList<int> y, int categories, IReadOnlyList<double> lambdas, PrestoOptions? options = null)
    {
        var opts = Check(categories, options);
        Guard.NotNull(lambdas, nameof(lambdas));
        if (lambdas.Count == 0) throw new ArgumentException("lambdas must hold at least one value.", nameof(lambdas));
        foreach (double l in lambdas) Guard.NonNegative(l, nameof(lambdas));
        var problem = new Problem(OrdinalData.From(x, y, categories, requireAllCategories: true), opts);
        var (alpha, psi, _) = problem.Start();
        var results = new PrestoFit[lambdas.Count];
        foreach (int index in Enumerable.Range(0, lambdas.Count).OrderByDescending(i => lambdas[i]))
        {
            var (iterations, converged) = problem.Solve(lambdas[index], alpha, psi);
            results[index] = new PrestoFit(problem.ToModel(alpha, psi), lambdas[index], iterations, converged);
        }
        return results;
    }

    /// <summary>
    /// <paramref name="count"/> log-spaced λ from λ_max (the smallest λ at which every penalised ψ is zero: the intercept-only
    /// fit with <see cref="PrestoOptions.PenalizeFirst"/>, the proportional-odds fit without) down to <paramref name="minRatio"/>·λ_max.
    /// </summary>
    public static double[] LambdaGrid(Matrix<double> x, IReadOnlyList<int> y, int categories, int count = 20, double minRatio = 0.01, PrestoOptions? options = null)
    {
        var opts = Check(categories, options);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1.");
        Guard.InRange(minRatio, 0, 1, nameof(minRatio), lowOpen: true);
        var problem = new Problem(OrdinalData.From(x, y, categories, requireAllCategories: true), opts);
        double max = problem.Start().LambdaMax;
        return Enumerable.Range(0, count).Select(i => count == 1 ? max : max * Math.Pow(minRatio, (double)i / (count - 1))).ToArray();
    }

    /// <summary>
    /// Chooses λ by <paramref name="folds"/>-fold cross-validation on (x, y) only — the mean out-of-fold Brier score
    /// Σ_c (p̂_c − 1[y = c])² per observation, averaged over folds — keeps the largest λ attaining the minimum, and refits on all of (x, y).
    /// </summary>
    public static PrestoCrossValidation CrossValidate(Matrix<double> x, IReadOnlyList<int> y, int categories, int folds = 5, int lambdas = 20,
        double minRatio = 0.01, int seed = 0, PrestoOptions? options = null)
    {
        var grid = LambdaGrid(x, y, categories, lambdas, minRatio, options);
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "folds must be at least 2.");
        var fold = CrossFitting.Folds(x.RowCount, folds, seed);
        var brier = new double[grid.Length];
        for (int f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, x.RowCount).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, x.RowCount).Where(i => fold[i] == f).ToArray();
            var xTrain = x.SubRows(train);
            var xTest = x.SubRows(test);
            var path = Path(xTrain, train.Select(i => y[i]).ToArray(), categories, grid, options);
            for (int l = 0; l < grid.Length; l++)
            {
                var prob = path[l].Model.Probabilities(xTest);
                double sum = 0;
                for (int r = 0; r < test.Length; r++)
                    for (int c = 0; c < categories; c++)
                    {
                        double e = prob[r, c] - (y[test[r]] == c ? 1 : 0);
                        sum += e * e;
                    }
                brier[l] += sum / test.Length / folds;
            }
        }
        double best = brier.Min();
        int chosen = Enumerable.Range(0, grid.Length).First(l => brier[l] == best);   // grid is decreasing: the first is the largest λ
        var refit = Path(x, y, categories, grid.Take(chosen + 1).ToArray(), options)[chosen];
        return new PrestoCrossValidation(grid, brier, grid[chosen], refit);
    }

    private static PrestoOptions Check(int categories, PrestoOptions? options)
    {
        if (categories < 3)
            throw new ArgumentOutOfRangeException(nameof(categories), categories, "categories must be at least 3: PRESTO fuses the weights of at least two thresholds.");
        var opts = options ?? new PrestoOptions();
        Guard.Positive(opts.Tolerance, nameof(options) + ".Tolerance");
        if (opts.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), opts.MaxIterations, "options.MaxIterations must be at least 1.");
        return opts;
    }

    /// <summary>The optimisation problem on (optionally standardised) flat data, parameters θ = (α, ψ).</summary>
    private sealed class Problem
    {
        private readonly OrdinalData data;
        private readonly PrestoOptions options;
        private readonly double[] mean, sd;
        private readonly int k, p;
        private readonly double[] beta, gradBeta;   // scratch
        private double lipschitz = 1;

        public Problem(OrdinalData raw, PrestoOptions options)
        {
            this.options = options;
            k = raw.K; p = raw.P;
            if (options.Standardize) { (mean, sd) = raw.ColumnMoments(); data = raw.Standardised(mean, sd); }
            else { mean = new double[p]; sd = Enumerable.Repeat(1.0, p).ToArray(); data = raw; }
            beta = new double[k * p];
            gradBeta = new double[k * p];
        }

        private bool Penalised(int index) => index >= p || options.PenalizeFirst;   // index into ψ (k·p + j)

        /// <summary>The point where every penalised ψ is zero, and λ_max, the largest |∂f/∂ψ| over the penalised ψ there.</summary>
        public (double[] Alpha, double[] Psi, double LambdaMax) Start()
        {
            var alpha = new double[k];
            var psi = new double[k * p];
            if (options.PenalizeFirst)
            {
                var shares = data.ExceedanceShares();
                for (int t = 0; t < k; t++) alpha[t] = Math.Log(shares[t] / (1 - shares[t]));   // centred features: the intercept-only MLE
            }
            else
            {
                var (a, b) = ProportionalOdds.FitCore(data);
                Array.Copy(a, alpha, k);
                Array.Copy(b, psi, p);
            }
            var ga = new double[k];
            var gp = new double[k * p];
            Value(alpha, psi, ga, gp);
            double max = 0;
            for (int i = 0; i < gp.Length; i++) if (Penalised(i)) max = Math.Max(max, Math.Abs(gp[i]));
            return (alpha, psi, max);
        }

        /// <summary>Smooth part f(α, ψ) and, when asked, its gradient (∂f/∂ψ_l = Σ_{k ≥ l} ∂f/∂β_k).</summary>
        private double Value(double[] alpha, double[] psi, double[]? gradAlpha, double[]? gradPsi)
        {
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++) { s += psi[t * p + j]; beta[t * p + j] = s; }
            }
            double value = data.Evaluate(alpha, beta, gradAlpha, gradPsi is null ? null : gradBeta);
            if (gradPsi is not null && double.IsFinite(value))
                for (int j = 0; j < p; j++)
                {
                    double s = 0;
                    for (int t = k - 1; t >= 0; t--) { s += gradBeta[t * p + j]; gradPsi[t * p + j] = s; }
                }
            return value;
        }

        /// <summary>FISTA from (α, ψ), which it overwrites with the solution at λ.</summary>
        public (int Iterations, bool Converged) Solve(double lambda, double[] alpha, double[] psi)
        {
            int d = k + k * p;
            var theta = new double[d];
            Pack(alpha, psi, theta);
            var yv = (double[])theta.Clone();
            var grad = new double[d];
            var cand = new double[d];
            var ga = new double[k];
            var gp = new double[k * p];
            var ca = new double[k];
            var cp = new double[k * p];
            double fy = Gradient(yv, ga, gp, grad);
            if (!double.IsFinite(fy)) throw new InvalidOperationException("PRESTO's starting point gives an observed category zero probability.");
            double momentum = 1;
            for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
            {
                lipschitz = Math.Max(lipschitz * 0.8, 1e-10);
                double mapping;
                while (true)
                {
                    double step = 1 / lipschitz;
                    double linear = 0, squares = 0;
                    for (int i = 0; i < d; i++)
                    {
                        double v = yv[i] - step * grad[i];
                        if (i >= k && Penalised(i - k)) v = Math.Sign(v) * Math.Max(Math.Abs(v) - step * lambda, 0);
                        cand[i] = v;
                        double diff = v - yv[i];
                        linear += grad[i] * diff;
                        squares += diff * diff;
                    }
                    Unpack(cand, ca, cp);
                    double fc = Value(ca, cp, null, null);
                    if (double.IsFinite(fc) && fc <= fy + linear + lipschitz / 2 * squares + 1e-12 * Math.Abs(fy))
                    {
                        mapping = 0;
                        for (int i = 0; i < d; i++) mapping = Math.Max(mapping, lipschitz * Math.Abs(yv[i] - cand[i]));
                        break;
                    }
                    lipschitz *= 2;
                    if (lipschitz > 1e12) throw new InvalidOperationException("PRESTO's backtracking failed: the step size underflowed.");
                }
                // Gradient-based adaptive restart: restart the momentum when it points against the proximal step.
                double restart = 0;
                for (int i = 0; i < d; i++) restart += (yv[i] - cand[i]) * (cand[i] - theta[i]);
                double next = restart > 0 ? 1 : (1 + Math.Sqrt(1 + 4 * momentum * momentum)) / 2;
                double weight = restart > 0 ? 0 : (momentum - 1) / next;
                for (int i = 0; i < d; i++)
                {
                    yv[i] = cand[i] + weight * (cand[i] - theta[i]);
                    theta[i] = cand[i];
                }
                momentum = next;
                if (mapping < options.Tolerance) { Unpack(theta, alpha, psi); return (iteration, true); }
                fy = Gradient(yv, ga, gp, grad);
                if (!double.IsFinite(fy))
                {
                    Array.Copy(theta, yv, d);
                    momentum = 1;
                    fy = Gradient(yv, ga, gp, grad);
                }
            }
            Unpack(theta, alpha, psi);
            return (options.MaxIterations, false);
        }

        private double Gradient(double[] point, double[] ga, double[] gp, double[] grad)
        {
            var a = point[..k];
            var ps = point[k..];
            double f = Value(a, ps, ga, gp);
            Array.Copy(ga, 0, grad, 0, k);
            Array.Copy(gp, 0, grad, k, gp.Length);
            return f;
        }

        private void Pack(double[] alpha, double[] psi, double[] theta)
        {
            Array.Copy(alpha, 0, theta, 0, k);
            Array.Copy(psi, 0, theta, k, psi.Length);
        }

        private void Unpack(double[] theta, double[] alpha, double[] psi)
        {
            Array.Copy(theta, 0, alpha, 0, k);
            Array.Copy(theta, k, psi, 0, psi.Length);
        }

        /// <summary>Maps (α, ψ) on the standardised scale back to the original features.</summary>
        public CumulativeLogitModel ToModel(double[] alpha, double[] psi)
        {
            var intercepts = new double[k];
            var weights = new double[k][];
            var running = new double[p];
            for (int t = 0; t < k; t++)
            {
                weights[t] = new double[p];
                intercepts[t] = alpha[t];
                for (int j = 0; j < p; j++)
                {
                    running[j] += psi[t * p + j];
                    weights[t][j] = running[j] / sd[j];
                    intercepts[t] -= running[j] * mean[j] / sd[j];
                }
            }
            return new CumulativeLogitModel(intercepts, weights);
        }
    }
}

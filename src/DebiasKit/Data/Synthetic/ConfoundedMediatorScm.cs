using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>One draw of <see cref="ConfoundedMediatorScm"/> (the hidden U is kept only to let tests check the generator).</summary>
public sealed record MediatorScmSample(double[] A, double[] Z, double[] M, double[] Y, double[] U)
{
    /// <summary>Number of units.</summary>
    public int Count => A.Length;

    /// <summary>The predictor's inputs as an n × 3 matrix (A, Z, M).</summary>
    public Matrix<double> Inputs() => Matrix<double>.Build.Dense(Count, 3, (i, j) => j == 0 ? A[i] : j == 1 ? Z[i] : M[i]);
}

/// <summary>
/// A structural causal model for causal fairness under unobserved confounding (the standard fairness model of Schröder,
/// Frauen and Feuerriegel, 2024, with the mediator confounded, their U_IE): Z ~ N(0, 1); a hidden U ~ Bernoulli(½);
/// the sensitive attribute A ~ Bernoulli(σ(a_z·Z + s·(2U − 1))); the mediator M ~ Bernoulli(σ(m₀ + m_a·A + m_z·Z − κ·s·(2U − 1)));
/// the label Y ~ Bernoulli(σ(y₀ + y_m·M + y_z·Z + y_a·A)). The confounding strength s ≥ 0 raises A and lowers M for the same
/// U, so the observed association of A and M understates A's causal effect on M (it masks the indirect path) — a predictor
/// that looks fair under a no-confounding analysis is not. s = 0 removes the confounding. Everything the analysis needs is
/// known in closed form: the propensity P(A = 1 | z), the observed mediator law P(M = 1 | z, a), the interventional law
/// P(M = 1 | z, do(a)) (averaging U over its marginal) and the smallest Γ of the marginal sensitivity model that holds.
/// </summary>
/// <param name="Strength">s ≥ 0, the confounding strength.</param>
/// <param name="Masking">κ, how strongly U pushes M against A.</param>
public sealed record ConfoundedMediatorScm(double Strength, double Masking = 1.5)
{
    private const double Az = 0.8, M0 = -0.3, Ma = 1.5, Mz = 0.6, Y0 = -1.0, Ym = 2.0, Yz = 1.0, Ya = 0.5;

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private void Check()
    {
        if (!(Strength >= 0) || double.IsInfinity(Strength)) throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "Strength must be a finite number ≥ 0.");
        if (!double.IsFinite(Masking)) throw new ArgumentOutOfRangeException(nameof(Masking), Masking, "Masking must be finite.");
    }

    private double PropensityGivenU(double z, int u) => Sigmoid(Az * z + Strength * (2 * u - 1));

    private double MediatorGivenU(double z, double a, int u) => Sigmoid(M0 + Ma * a + Mz * z - Masking * Strength * (2 * u - 1));

    /// <summary>P(A = 1 | z) (U averaged out).</summary>
    public double Propensity(double z) { Check(); return 0.5 * (PropensityGivenU(z, 0) + PropensityGivenU(z, 1)); }

    /// <summary>P(M = 1 | z, A = a), the observed mediator law (U weighted by P(u | z, a)).</summary>
    public double ObservedMediator(double z, int a)
    {
        Check();
        double w1 = 0.5 * (a == 1 ? PropensityGivenU(z, 1) : 1 - PropensityGivenU(z, 1));
        double w0 = 0.5 * (a == 1 ? PropensityGivenU(z, 0) : 1 - PropensityGivenU(z, 0));
        return (w1 * MediatorGivenU(z, a, 1) + w0 * MediatorGivenU(z, a, 0)) / (w1 + w0);
    }

    /// <summary>P(M = 1 | z, do(A = a)), the interventional mediator law (U averaged over its marginal).</summary>
    public double InterventionalMediator(double z, int a) { Check(); return 0.5 * (MediatorGivenU(z, a, 1) + MediatorGivenU(z, a, 0)); }

    /// <summary>P(Y = 1 | a, z, m), the Bayes-optimal score given the observed variables (U does not enter Y).</summary>
    public static double LabelProbability(double a, double z, double m) => Sigmoid(Y0 + Ym * m + Yz * z + Ya * a);

    /// <summary>
    /// The smallest Γ for which the marginal sensitivity model holds: the largest odds ratio between P(A = a | z, u) and
    /// P(A = a | z) over u, a and z (on a fine grid of z in [−8, 8]).
    /// </summary>
    public double TrueGamma()
    {
        Check();
        double gamma = 1;
        for (int g = 0; g <= 1600; g++)
        {
            double z = -8 + g * 0.01;
            double p = Propensity(z), odds = p / (1 - p);
            for (int u = 0; u <= 1; u++)
            {
                double pu = PropensityGivenU(z, u), oddsU = pu / (1 - pu);
                gamma = Math.Max(gamma, Math.Max(oddsU / odds, odds / oddsU));
            }
        }
        return gamma;
    }

    /// <summary>The true natural direct and indirect effects of A on a score h(a, z, m), averaged over the given z values.</summary>
    public (double Direct, double Indirect) TrueEffects(IReadOnlyList<double> z, Func<double, double, double, double> score)
    {
        Check();
        double de = 0, ie = 0;
        foreach (double v in z)
        {
            double q0 = InterventionalMediator(v, 0), q1 = InterventionalMediator(v, 1);
            de += (1 - q0) * (score(1, v, 0) - score(0, v, 0)) + q0 * (score(1, v, 1) - score(0, v, 1));
            ie += (score(1, v, 1) - score(1, v, 0)) * (q1 - q0);
        }
        return (de / z.Count, ie / z.Count);
    }

    /// <summary>The true effects for scores already evaluated at the four (a, m) combinations of each z (arrays as from a counterfactual evaluation).</summary>
    public (double Direct, double Indirect) TrueEffects(IReadOnlyList<double> z, IReadOnlyList<double> h00, IReadOnlyList<double> h01, IReadOnlyList<double> h10, IReadOnlyList<double> h11)
    {
        Check();
        if (new[] { h00.Count, h01.Count, h10.Count, h11.Count }.Any(c => c != z.Count))
            throw new ArgumentException($"h00, h01, h10 and h11 must each hold one score per z ({z.Count}).", nameof(h00));
        double de = 0, ie = 0;
        for (int i = 0; i < z.Count; i++)
        {
            double q0 = InterventionalMediator(z[i], 0), q1 = InterventionalMediator(z[i], 1);
            de += (1 - q0) * (h10[i] - h00[i]) + q0 * (h11[i] - h01[i]);
            ie += (h11[i] - h10[i]) * (q1 - q0);
        }
        return (de / z.Count, ie / z.Count);
    }

    /// <summary>Draws n units.</summary>
    public MediatorScmSample Sample(int n, int seed)
    {
        Check();
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        var random = new Random(seed);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        var a = new double[n]; var z = new double[n]; var m = new double[n]; var y = new double[n]; var u = new double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = normal.Sample();
            int ui = random.NextDouble() < 0.5 ? 1 : 0;
            u[i] = ui;
            a[i] = random.NextDouble() < PropensityGivenU(z[i], ui) ? 1 : 0;
            m[i] = random.NextDouble() < MediatorGivenU(z[i], a[i], ui) ? 1 : 0;
            y[i] = random.NextDouble() < LabelProbability(a[i], z[i], m[i]) ? 1 : 0;
        }
        return new MediatorScmSample(a, z, m, y, u);
    }
}

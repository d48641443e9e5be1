using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>How the treatment effect varies with the covariates in <see cref="ProximalConfounding"/>.</summary>
public enum ProximalEffect
{
    /// <summary>τ(x) = 1 for everyone: the linear outcome bridge is then exactly right.</summary>
    Constant,

    /// <summary>τ(x) = 1 + sin x₁ (the heterogeneous effect the P-learner has to learn; its mean is 1).</summary>
    Sine,
}

/// <summary>
/// One draw of <see cref="ProximalConfounding"/>: n units with observed covariates X (n × 3), a treatment proxy Z and an
/// outcome proxy W (n × 1 each), the treatment, the outcome, and — for oracles and scoring only — the unobserved
/// confounder U and the true conditional effect τ(Xᵢ).
/// </summary>
public sealed record ProximalData(Matrix<double> X, Matrix<double> Z, Matrix<double> W, bool[] Treated, double[] Outcome,
    double[] Confounder, double[] Cate)
{
    /// <summary>Number of units.</summary>
    public int Count => Outcome.Length;

    /// <summary>X with U appended as a fourth column (what an oracle that sees the confounder adjusts for).</summary>
    public Matrix<double> XAndConfounder() => X.Append(Matrix<double>.Build.DenseOfColumnArrays(Confounder));
}

/// <summary>
/// A seeded proximal-causal-inference world with an unobserved confounder (the setting of Sverdrup and Cui, 2023,
/// "Proximal causal learning of conditional average treatment effects", ICML; reduced as in the kit's plan):
/// U ~ N(0, 1), X ~ N(0, I₃), Z = U + σ_Z·ν, W = U + σ_W·ν′, A ~ Bernoulli(σ(γ(U + X₁))),
/// Y = τ(X)·A + 2U + X₂ + ε with ν, ν′, ε ~ N(0, 1) and τ(x) = 1 or 1 + sin x₁ (<see cref="ProximalEffect"/>).
/// Z affects neither Y nor W given (U, A, X), and W does not depend on A given (U, X): the two proxy conditions.
/// <para>Both bridge functions are known in closed form. The outcome bridge, E[h(W, A, X) | U, A, X] = E[Y | U, A, X], is
/// h(W, A, X) = τ(X)·A + 2W + X₂ (linear when τ is constant). The treatment bridge,
/// E[q(Z, a, X) | U, A = a, X] = 1 / P(A = a | U, X) = 1 + exp(∓γ(U + X₁)), is
/// q(Z, a, X) = 1 + exp(∓γ(Z + X₁) − γ²σ_Z²/2) (minus for a = 1), because E[exp(cZ) | U] = exp(cU + c²σ_Z²/2).</para>
/// </summary>
public static class ProximalConfounding
{
    /// <summary>Coefficient of U in the outcome.</summary>
    public const double OutcomeConfounding = 2.0;

    /// <summary>Draws <paramref name="n"/> units.</summary>
    /// <param name="n">Number of units, ≥ 2.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="effect">The conditional effect τ(x).</param>
    /// <param name="treatmentConfounding">γ: strength of U (and X₁) in the treatment's logit, ≥ 0.</param>
    /// <param name="proxyNoise">σ_Z = σ_W: noise of each proxy around U, &gt; 0.</param>
    public static ProximalData Sample(int n, int seed, ProximalEffect effect = ProximalEffect.Sine, double treatmentConfounding = 1.0,
        double proxyNoise = 0.5)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 2.");
        Guard.NonNegative(treatmentConfounding, nameof(treatmentConfounding));
        Guard.Positive(proxyNoise, nameof(proxyNoise));
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var x = Matrix<double>.Build.Dense(n, 3);
        var z = Matrix<double>.Build.Dense(n, 1);
        var w = Matrix<double>.Build.Dense(n, 1);
        var treated = new bool[n];
        var y = new double[n];
        var u = new double[n];
        var cate = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = normal.Sample();
            for (int j = 0; j < 3; j++) x[i, j] = normal.Sample();
            z[i, 0] = u[i] + proxyNoise * normal.Sample();
            w[i, 0] = u[i] + proxyNoise * normal.Sample();
            treated[i] = random.NextDouble() < LogisticRegression.Sigmoid(treatmentConfounding * (u[i] + x[i, 0]));
            cate[i] = Cate(x[i, 0], effect);
            y[i] = (treated[i] ? cate[i] : 0) + OutcomeConfounding * u[i] + x[i, 1] + normal.Sample();
        }
        return new ProximalData(x, z, w, treated, y, u, cate);
    }

    /// <summary>τ(x) as a function of x₁.</summary>
    public static double Cate(double x1, ProximalEffect effect) => effect switch
    {
        ProximalEffect.Constant => 1.0,
        ProximalEffect.Sine => 1.0 + Math.Sin(x1),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "unknown effect."),
    };

    /// <summary>τ at each row of a covariate matrix (column 0 is x₁).</summary>
    public static double[] Cate(Matrix<double> x, ProximalEffect effect)
    {
        Guard.NotNull(x, nameof(x));
        return Enumerable.Range(0, x.RowCount).Select(i => Cate(x[i, 0], effect)).ToArray();
    }

    /// <summary>The average treatment effect E[τ(X)] = 1 for both effects (sin is odd and X₁ symmetric).</summary>
    public static double Ate(ProximalEffect effect) => 1.0;

    /// <summary>
    /// The true outcome-bridge coefficients for <see cref="ProximalEffect.Constant"/> in the order of
    /// <see cref="Causal.ProximalBridges.FitOutcome"/>: (intercept, A, W, X₁, X₂, X₃) = (0, 1, 2, 0, 1, 0).
    /// </summary>
    public static double[] OutcomeBridgeCoefficients() => new[] { 0.0, 1.0, OutcomeConfounding, 0.0, 1.0, 0.0 };

    /// <summary>
    /// The true treatment-bridge coefficients θ_a of q(Z, a, X) = 1 + exp(θ_aᵀ(1, Z, X₁, X₂, X₃)):
    /// θ₁ = (−γ²σ_Z²/2, −γ, −γ, 0, 0), θ₀ = (−γ²σ_Z²/2, γ, γ, 0, 0).
    /// </summary>
    public static double[] TreatmentBridgeCoefficients(bool arm, double treatmentConfounding = 1.0, double proxyNoise = 0.5)
    {
        double g = treatmentConfounding, sign = arm ? -1 : 1;
        return new[] { -g * g * proxyNoise * proxyNoise / 2, sign * g, sign * g, 0.0, 0.0 };
    }

}

namespace DebiasKit.Causal;

/// <summary>A point estimate (no unobserved confounding, Γ = 1) and its bounds under a sensitivity parameter Γ.</summary>
public sealed record EffectBounds(double Estimate, double Lower, double Upper)
{
    /// <summary>The largest absolute value the effect can take within the bounds, max(|lower|, |upper|).</summary>
    public double WorstCaseMagnitude => Math.Max(Math.Abs(Lower), Math.Abs(Upper));

    /// <summary>True when the bounds contain <paramref name="value"/> (with a tolerance).</summary>
    public bool Contains(double value, double tolerance = 0) => Lower - tolerance <= value && value <= Upper + tolerance;
}

/// <summary>Bounds on the natural direct and indirect effect of a binary sensitive attribute on a predictor's score, for one Γ.</summary>
public sealed record PathEffectBounds(double Gamma, EffectBounds Direct, EffectBounds Indirect);

/// <summary>
/// Sensitivity bounds on the path-specific effects of a predictor under unobserved confounding of the sensitive attribute
/// and the mediator (Schröder, Frauen and Feuerriegel, 2024, "Causal Fairness under Unobserved Confounding: A Neural
/// Sensitivity Framework", ICLR; reference code github.com/m-schroder/FairSensitivityAnalysis). Setting: the standard fairness
/// model with a binary sensitive attribute A, observed covariates Z, a binary mediator M and a predictor whose score h(a, z, m)
/// is a known function of the observed variables; a hidden U confounds A and M (the paper's U_IE).
/// <para>Effects (population natural effects from a₀ = 0 to a₁ = 1, the mediator's interventional law qₐ(z) = P(M = 1 | z, do(A = a))):
/// DE = E_Z[ Σ_m (h(1, Z, m) − h(0, Z, m)) P(m | Z, do(0)) ], IE = E_Z[ (h(1, Z, 1) − h(1, Z, 0)) (q₁(Z) − q₀(Z)) ], DE + IE the
/// total effect. Without confounding qₐ(z) = P(M = 1 | z, A = a).</para>
/// <para>Sensitivity model (marginal sensitivity model, Tan 2006, as in the paper): the odds of P(A = a | z, u) and of
/// P(A = a | z) differ by a factor in [1/Γ, Γ]. Then qₐ(z) reweights the observed mediator law by w(m) = E[πₐ(z)/πₐ(z, U) | m, z, a]
/// ∈ [lo, hi], lo = πₐ + (1 − πₐ)/Γ, hi = πₐ + (1 − πₐ)Γ (πₐ = P(A = a | z)), with Σ_m w(m) P(m | z, a) = 1. For a binary
/// mediator with p = P(M = 1 | z, a) the extremes of that linear programme are
/// qₐ⁺ = min(hi·p, 1 − lo·(1 − p)), qₐ⁻ = max(lo·p, 1 − hi·(1 − p)); they equal the quantile form of Frauen et al. (2023, sharp
/// bounds for the MSM: weight hi above the Γ/(1 + Γ) quantile, lo below). DE is linear in q₀(z) and IE in (q₀(z), q₁(z)), so the
/// bounds take, unit by unit, the endpoint that minimises or maximises each term (q₀ and q₁ bounded separately: valid, not
/// necessarily jointly sharp). At Γ = 1 they collapse to the point estimate.</para>
/// <para>Variant pinned: binary A, binary M, only the A–M confounding (the DE and IE of a predictor are unaffected by A–Y
/// confounding, since the predictor is a function of observed variables); P(z) is the empirical distribution of the units
/// given. The reference code's <c>bounds_double</c> uses these weights (1/s± there); its <c>bounds_single</c> applies the
/// reciprocal weights, which we do not follow.</para>
/// </summary>
public static class SensitivityBounds
{
    /// <summary>Bounds on P(M = 1 | z, do(A = a)) from the observed P(M = 1 | z, A = a) and the propensity P(A = a | z).</summary>
    /// <param name="observed">p = P(M = 1 | z, A = a) ∈ [0, 1].</param>
    /// <param name="propensity">πₐ = P(A = a | z) ∈ (0, 1).</param>
    /// <param name="gamma">Γ ≥ 1.</param>
    public static (double Lower, double Upper) InterventionalMediator(double observed, double propensity, double gamma)
    {
        Guard.InRange(observed, 0, 1, nameof(observed));
        Guard.InRange(propensity, 0, 1, nameof(propensity), lowOpen: true, highOpen: true);
        CheckGamma(gamma);
        return Interval(observed, propensity, gamma);
    }

    private static (double Lower, double Upper) Interval(double p, double pi, double gamma)
    {
        double lo = pi + (1 - pi) / gamma, hi = pi + (1 - pi) * gamma;
        double upper = Math.Min(hi * p, 1 - lo * (1 - p));
        double lower = Math.Max(lo * p, 1 - hi * (1 - p));
        return (Math.Max(0, lower), Math.Min(1, upper));
    }

    /// <summary>
    /// Bounds on the direct and indirect effect of A on the predictor's score h, averaged over the n units given (their Z).
    /// </summary>
    /// <param name="h00">h(0, zᵢ, 0) for each unit.</param>
    /// <param name="h01">h(0, zᵢ, 1).</param>
    /// <param name="h10">h(1, zᵢ, 0).</param>
    /// <param name="h11">h(1, zᵢ, 1).</param>
    /// <param name="propensity">P(A = 1 | zᵢ) ∈ (0, 1).</param>
    /// <param name="mediator0">P(M = 1 | zᵢ, A = 0) ∈ [0, 1].</param>
    /// <param name="mediator1">P(M = 1 | zᵢ, A = 1) ∈ [0, 1].</param>
    /// <param name="gamma">Γ ≥ 1.</param>
    public static PathEffectBounds PathEffects(IReadOnlyList<double> h00, IReadOnlyList<double> h01, IReadOnlyList<double> h10, IReadOnlyList<double> h11,
        IReadOnlyList<double> propensity, IReadOnlyList<double> mediator0, IReadOnlyList<double> mediator1, double gamma)
    {
        CheckGamma(gamma);
        Guard.NotNull(h00, nameof(h00));
        int n = h00.Count;
        if (n == 0) throw new ArgumentException("h00 must hold at least one unit.", nameof(h00));
        void Same(IReadOnlyList<double> v, string name, bool probability)
        {
            Guard.NotNull(v, name);
            if (v.Count != n) throw new ArgumentException($"{name} must hold one value per unit ({n}); it holds {v.Count}.", name);
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(v[i]) || (probability && (v[i] < 0 || v[i] > 1)))
                    throw new ArgumentException($"{name}[{i}] = {v[i]}; it must be {(probability ? "a probability in [0, 1]" : "finite")}.", name);
        }
        Same(h01, nameof(h01), false); Same(h10, nameof(h10), false); Same(h11, nameof(h11), false); Same(h00, nameof(h00), false);
        Same(mediator0, nameof(mediator0), true); Same(mediator1, nameof(mediator1), true); Same(propensity, nameof(propensity), true);
        for (int i = 0; i < n; i++)
            if (propensity[i] <= 0 || propensity[i] >= 1)
                throw new ArgumentException($"propensity[{i}] = {propensity[i]}; the propensity must lie strictly inside (0, 1).", nameof(propensity));

        double de = 0, deLo = 0, deHi = 0, ie = 0, ieLo = 0, ieHi = 0;
        for (int i = 0; i < n; i++)
        {
            var (q0Lo, q0Hi) = Interval(mediator0[i], 1 - propensity[i], gamma);
            var (q1Lo, q1Hi) = Interval(mediator1[i], propensity[i], gamma);
            // DE term: (1 − q0)(h10 − h00) + q0 (h11 − h01) = d0 + q0 (d1 − d0); linear in q0.
            double d0 = h10[i] - h00[i], d1 = h11[i] - h01[i];
            double atLo = d0 + q0Lo * (d1 - d0), atHi = d0 + q0Hi * (d1 - d0);
            de += d0 + mediator0[i] * (d1 - d0);
            deLo += Math.Min(atLo, atHi);
            deHi += Math.Max(atLo, atHi);
            // IE term: Δ (q1 − q0), Δ = h11 − h10.
            double delta = h11[i] - h10[i];
            ie += delta * (mediator1[i] - mediator0[i]);
            double a = delta * (q1Hi - q0Lo), b = delta * (q1Lo - q0Hi);
            ieLo += Math.Min(a, b);
            ieHi += Math.Max(a, b);
        }
        return new PathEffectBounds(gamma, new EffectBounds(de / n, deLo / n, deHi / n), new EffectBounds(ie / n, ieLo / n, ieHi / n));
    }

    internal static void CheckGamma(double gamma)
    {
        if (!(gamma >= 1) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a finite sensitivity parameter Γ ≥ 1 (Γ = 1: no unobserved confounding).");
    }
}

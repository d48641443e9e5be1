using DebiasKit.Causal;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace DebiasKit.Data.Synthetic;

/// <summary>
/// One trial drawn by <see cref="ResourceAllocationTrials"/>: per unit the arm, the policy's score, whether the policy acted,
/// the observed outcome, and (for checking only) the unit's benefit from the intervention.
/// </summary>
public sealed record AllocationTrial(bool[] InPolicyArm, double[] Score, bool[] Acted, double[] Outcome, double[] Benefit, int Budget)
{
    /// <summary>Number of units in both arms.</summary>
    public int Count => Outcome.Length;
}

/// <summary>
/// A seeded generator of randomised trials of a budgeted allocation policy, the setting of Mate, Wilder, Taneja and Tambe
/// (arXiv:2302.02570): n_P + n_C units are split at random (complete randomisation); each unit has a baseline outcome
/// b ~ N(0, σ_b²), a heterogeneous benefit from the intervention β ~ N(μ_β, σ_β²), and noise ε ~ N(0, σ_ε²); the policy
/// scores each unit by a noisy prediction of its benefit, s = β + η with η ~ N(0, σ_η²), and acts on the K highest-scored
/// units of its arm (<see cref="ReshufflingEstimator.PolicyActions"/>); the outcome is Y = b + β·acted + ε. The estimand,
/// the expected difference between the arms' mean outcomes, is τ = E[Σ over the top K of n_P units of β]/n_P, which
/// <see cref="TrueEffect"/> computes by numerical integration.
/// </summary>
public static class ResourceAllocationTrials
{
    /// <summary>Draws one trial.</summary>
    /// <param name="policyArm">n_P ≥ 2.</param>
    /// <param name="controlArm">n_C ≥ 2.</param>
    /// <param name="budget">K ≥ 0.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="benefitMean">μ_β.</param>
    /// <param name="benefitSd">σ_β ≥ 0.</param>
    /// <param name="scoreNoise">σ_η ≥ 0 (0: the policy ranks by the true benefit).</param>
    /// <param name="baselineSd">σ_b ≥ 0.</param>
    /// <param name="noiseSd">σ_ε ≥ 0.</param>
    public static AllocationTrial Sample(int policyArm, int controlArm, int budget, int seed, double benefitMean = 0.5, double benefitSd = 0.5,
        double scoreNoise = 0.5, double baselineSd = 1.0, double noiseSd = 0.5)
    {
        if (policyArm < 2) throw new ArgumentOutOfRangeException(nameof(policyArm), policyArm, "policyArm must be at least 2.");
        if (controlArm < 2) throw new ArgumentOutOfRangeException(nameof(controlArm), controlArm, "controlArm must be at least 2.");
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be non-negative.");
        CheckParameters(benefitMean, benefitSd, scoreNoise);
        Guard.NonNegative(baselineSd, nameof(baselineSd));
        Guard.NonNegative(noiseSd, nameof(noiseSd));
        int n = policyArm + controlArm;
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var inPolicy = new bool[n];
        for (int r = 0; r < policyArm; r++) inPolicy[order[r]] = true;
        var benefit = new double[n];
        var score = new double[n];
        var untreated = new double[n];
        for (int i = 0; i < n; i++)
        {
            benefit[i] = benefitMean + benefitSd * normal.Sample();
            score[i] = benefit[i] + scoreNoise * normal.Sample();
            untreated[i] = baselineSd * normal.Sample() + noiseSd * normal.Sample();
        }
        var acted = ReshufflingEstimator.PolicyActions(score, inPolicy, budget);
        var outcome = untreated.Select((y, i) => y + (acted[i] ? benefit[i] : 0)).ToArray();
        return new AllocationTrial(inPolicy, score, acted, outcome, benefit, budget);
    }

    /// <summary>
    /// τ = (1/n_P)·E[Σ_top-K β] = ∫ E[β | s]·f(s)·P(Binomial(n_P − 1, 1 − F(s)) ≤ K − 1) ds, with s ~ N(μ_β, σ_β² + σ_η²) and
    /// E[β | s] = μ_β + σ_β²/(σ_β² + σ_η²)·(s − μ_β): a unit is acted on when fewer than K of the other n_P − 1 policy-arm
    /// units score above it. Computed by adaptive numerical integration.
    /// </summary>
    public static double TrueEffect(int policyArm, int budget, double benefitMean = 0.5, double benefitSd = 0.5, double scoreNoise = 0.5)
    {
        if (policyArm < 2) throw new ArgumentOutOfRangeException(nameof(policyArm), policyArm, "policyArm must be at least 2.");
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be non-negative.");
        CheckParameters(benefitMean, benefitSd, scoreNoise);
        if (budget == 0) return 0;
        if (budget >= policyArm) return benefitMean;
        double scoreSd = Math.Sqrt(benefitSd * benefitSd + scoreNoise * scoreNoise);
        if (scoreSd == 0) return benefitMean * budget / policyArm;
        double slope = benefitSd * benefitSd / (scoreSd * scoreSd);
        double Integrand(double s)
        {
            double above = 1 - Normal.CDF(benefitMean, scoreSd, s);
            double selected = Binomial.CDF(above, policyArm - 1, budget - 1);
            return (benefitMean + slope * (s - benefitMean)) * Normal.PDF(benefitMean, scoreSd, s) * selected;
        }
        return Integrate.OnClosedInterval(Integrand, benefitMean - 12 * scoreSd, benefitMean + 12 * scoreSd, 1e-10);
    }

    private static void CheckParameters(double benefitMean, double benefitSd, double scoreNoise)
    {
        if (!double.IsFinite(benefitMean)) throw new ArgumentException($"benefitMean must be finite; got {benefitMean}.", nameof(benefitMean));
        Guard.NonNegative(benefitSd, nameof(benefitSd));
        Guard.NonNegative(scoreNoise, nameof(scoreNoise));
    }
}

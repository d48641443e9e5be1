namespace DebiasKit.Causal;

/// <summary>
/// The retrospective reshuffling estimator for a randomised trial of a budgeted allocation policy (Mate, Wilder, Taneja and
/// Tambe, "Improved Policy Evaluation for Randomized Trials of Algorithmic Resource Allocation", ICML 2023,
/// arXiv:2302.02570). Units are split at random into a policy arm (n_P units) and a control arm (n_C units); the policy
/// ranks the units of its arm by a score and acts on the K highest (<see cref="PolicyActions"/>); the estimand is the
/// policy arm's mean outcome minus the control arm's, in expectation over the randomisation. Policy-arm units the policy
/// passes over receive exactly what control units receive, so after the trial a policy-arm unit that was passed over and
/// a control unit whose score is below the policy's threshold t (the K-th highest policy-arm score) can trade places
/// without changing what the policy does: the counterfactual trial's outcomes are all observed.
/// <para>Variant pinned here (single-round index policy, top-K by score; derived from the abstract's description, the
/// paper's text was not available to check, so the multi-round restless-bandit conditions of the paper are not covered):
/// with S the K acted units, H the control units with score above t (the policy would have acted on them), and the pool
/// U of all other units (score below t, none acted on), every assignment whose policy arm is S plus any n_P − K pool
/// units is a permissible reshuffle, and these assignments form one equivalence class of the complete randomisation.
/// The estimator is the difference in means averaged over the whole class, in closed form:
/// τ̂ = (Σ_S Y + (n_P − K)·Ȳ_U)/n_P − (Σ_H Y + (n_C − |H|)·Ȳ_U)/n_C,
/// i.e. the difference in means after replacing every pool unit's outcome by the pool mean. Being the conditional
/// expectation of the difference in means given the class (Rao–Blackwell), it is unbiased for the same estimand and its
/// variance is never larger. Averaging over sampled reshuffles (<see cref="EstimateBySampling"/>) converges to it.</para>
/// <para>Interval (an addition of this kit; unverified against the paper): Neyman's standard error of the difference in
/// means applied to those pool-averaged outcomes, √(s²_P/n_P + s²_C/n_C), and a normal interval.</para>
/// </summary>
public static class ReshufflingEstimator
{
    /// <summary>
    /// The policy's actions: the <paramref name="budget"/> policy-arm units with the highest scores (all of them when the
    /// arm is smaller than the budget); control units are never acted on.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, non-finite scores, a negative budget, or tied scores at the
    /// selection threshold (the policy's choice would not be determined by the scores).</exception>
    public static bool[] PolicyActions(IReadOnlyList<double> scores, IReadOnlyList<bool> inPolicyArm, int budget)
    {
        Guard.NotNull(scores, nameof(scores));
        Guard.NotNull(inPolicyArm, nameof(inPolicyArm));
        if (inPolicyArm.Count != scores.Count)
            throw new ArgumentException($"inPolicyArm must hold one flag per score ({scores.Count}); it holds {inPolicyArm.Count}.", nameof(inPolicyArm));
        Guard.Finite(scores, nameof(scores));
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be non-negative.");
        var policy = Enumerable.Range(0, scores.Count).Where(i => inPolicyArm[i]).OrderByDescending(i => scores[i]).ToArray();
        var acted = new bool[scores.Count];
        int k = Math.Min(budget, policy.Length);
        for (int r = 0; r < k; r++) acted[policy[r]] = true;
        if (k > 0 && k < policy.Length && scores[policy[k]] == scores[policy[k - 1]])
            throw new ArgumentException($"two policy-arm units tie at the selection threshold (score {scores[policy[k]]}); the top-{budget} choice is not determined.", nameof(scores));
        return acted;
    }

    /// <summary>The reshuffling estimate with its interval.</summary>
    /// <param name="outcomes">Observed outcome of every unit (under the policy's action for acted units); finite.</param>
    /// <param name="inPolicyArm">Which units were randomised to the policy arm.</param>
    /// <param name="scores">The policy's score of every unit (control units included: the policy would have scored them).</param>
    /// <param name="budget">K ≥ 0, the number of policy-arm units the policy acts on.</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    /// <exception cref="ArgumentException">Mismatched lengths, NaN, fewer than two units in an arm, a negative budget, or
    /// tied scores at the threshold.</exception>
    public static EstimateResult Estimate(IReadOnlyList<double> outcomes, IReadOnlyList<bool> inPolicyArm, IReadOnlyList<double> scores, int budget, double level = 0.95)
    {
        var averaged = PoolAveragedOutcomes(outcomes, inPolicyArm, scores, budget);
        return DifferenceInMeans.Estimate(averaged, inPolicyArm, level);
    }

    /// <summary>
    /// The outcomes with every pool unit's outcome replaced by the pool mean Ȳ_U (acted units S and high-score control
    /// units H keep theirs); their difference in means is the reshuffling estimate.
    /// </summary>
    public static double[] PoolAveragedOutcomes(IReadOnlyList<double> outcomes, IReadOnlyList<bool> inPolicyArm, IReadOnlyList<double> scores, int budget)
    {
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(scores, nameof(scores));
        if (outcomes.Count != scores.Count)
            throw new ArgumentException($"outcomes must hold one value per score ({scores.Count}); it holds {outcomes.Count}.", nameof(outcomes));
        Guard.Finite(outcomes, nameof(outcomes));
        var pool = Pool(inPolicyArm, scores, budget);
        int count = 0;
        double sum = 0;
        for (int i = 0; i < pool.Length; i++)
            if (pool[i]) { sum += outcomes[i]; count++; }
        double poolMean = count > 0 ? sum / count : 0;
        return outcomes.Select((y, i) => pool[i] ? poolMean : y).ToArray();
    }

    /// <summary>
    /// The same estimand by Monte Carlo over permissible reshuffles: <paramref name="reshuffles"/> times, draw a policy arm
    /// of S plus n_P − K pool units at random, compute its difference in means from the observed outcomes, and average.
    /// It converges to <see cref="Estimate"/>'s point estimate; it exists to show the construction step by step.
    /// </summary>
    public static double EstimateBySampling(IReadOnlyList<double> outcomes, IReadOnlyList<bool> inPolicyArm, IReadOnlyList<double> scores, int budget, int reshuffles, int seed)
    {
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(scores, nameof(scores));
        if (outcomes.Count != scores.Count)
            throw new ArgumentException($"outcomes must hold one value per score ({scores.Count}); it holds {outcomes.Count}.", nameof(outcomes));
        Guard.Finite(outcomes, nameof(outcomes));
        if (reshuffles < 1) throw new ArgumentOutOfRangeException(nameof(reshuffles), reshuffles, "reshuffles must be at least 1.");
        var pool = Pool(inPolicyArm, scores, budget);
        int n = outcomes.Count, policySize = inPolicyArm.Count(p => p);
        var poolUnits = Enumerable.Range(0, n).Where(i => pool[i]).ToArray();
        int poolInPolicy = Enumerable.Range(0, n).Count(i => pool[i] && inPolicyArm[i]);
        double fixedPolicy = Enumerable.Range(0, n).Where(i => !pool[i] && inPolicyArm[i]).Sum(i => outcomes[i]);
        double fixedControl = Enumerable.Range(0, n).Where(i => !pool[i] && !inPolicyArm[i]).Sum(i => outcomes[i]);
        double poolTotal = poolUnits.Sum(i => outcomes[i]);
        var random = new Random(seed);
        double total = 0;
        for (int r = 0; r < reshuffles; r++)
        {
            random.Shuffle(poolUnits);
            double inPolicy = 0;
            for (int j = 0; j < poolInPolicy; j++) inPolicy += outcomes[poolUnits[j]];
            total += (fixedPolicy + inPolicy) / policySize - (fixedControl + poolTotal - inPolicy) / (n - policySize);
        }
        return total / reshuffles;
    }

    /// <summary>Pool membership: not acted on, and scored below the threshold t when in the control arm.</summary>
    private static bool[] Pool(IReadOnlyList<bool> inPolicyArm, IReadOnlyList<double> scores, int budget)
    {
        var acted = PolicyActions(scores, inPolicyArm, budget);
        int policySize = inPolicyArm.Count(p => p), controlSize = inPolicyArm.Count - policySize;
        if (policySize < 2 || controlSize < 2)
            throw new ArgumentException($"each arm needs at least two units; got {policySize} in the policy arm and {controlSize} in control.", nameof(inPolicyArm));
        bool anyActed = acted.Any(a => a);
        double threshold = anyActed ? Enumerable.Range(0, acted.Length).Where(i => acted[i]).Min(i => scores[i]) : double.PositiveInfinity;
        bool everyoneActed = budget >= policySize;
        var pool = new bool[acted.Length];
        for (int i = 0; i < pool.Length; i++)
        {
            if (acted[i]) continue;
            if (inPolicyArm[i]) { pool[i] = true; continue; }
            // A control unit joins the pool only if the policy would pass it over; when the policy acts on its whole arm
            // no swap is permissible (the unit swapped out would have been acted on), so nothing is pooled.
            pool[i] = !everyoneActed && scores[i] < threshold;
        }
        return pool;
    }
}

using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Causal;

/// <summary>
/// Cross-fitted proximal pseudo-outcomes, one per unit: the doubly robust <see cref="Scores"/> φᵢ the P-learner regresses
/// on X, and the outcome-bridge plug-in <see cref="PlugIn"/> ĥ(Wᵢ, 1, Xᵢ) − ĥ(Wᵢ, 0, Xᵢ) (the baseline that trusts h alone).
/// </summary>
public sealed record ProximalPseudoOutcomes(double[] Scores, double[] PlugIn);

/// <summary>
/// The P-learner of Sverdrup and Cui (2023, "Proximal causal learning of conditional average treatment effects", ICML,
/// arXiv:2301.10913): the conditional average treatment effect τ(x) = E[Y(1) − Y(0) | X = x] when exchangeability given X
/// fails because of an unobserved U, learned from a treatment proxy Z and an outcome proxy W in two stages.
/// <list type="number">
/// <item>Nuisances, cross-fitted over K folds: the outcome bridge h and the treatment bridge q (<see cref="ProximalBridges"/>)
/// fitted on the other folds.</item>
/// <item>Pseudo-outcome φᵢ = (−1)^(1−Aᵢ)·q̂(Zᵢ, Aᵢ, Xᵢ)·(Yᵢ − ĥ(Wᵢ, Aᵢ, Xᵢ)) + ĥ(Wᵢ, 1, Xᵢ) − ĥ(Wᵢ, 0, Xᵢ), the proximal
/// doubly robust (influence-function) score of Cui et al. (2023): E[φ | X] = τ(X) when either bridge is right.</item>
/// <item>Second stage: regress φ on X with any squared-loss learner (the kit's is <see cref="KernelRidge"/>, for which the
/// paper states its oracle bound).</item>
/// </list>
/// <para>Variants pinned: q̂ is truncated at 100 by default (the analogue of clipping a propensity at 0.01: in small samples
/// an exponential q can otherwise produce weights in the millions); a DR-learner-style second stage (squared loss of φ − τ(X), unweighted). The paper's own
/// two-stage loss (motivated by both the R- and the DR-learner, per its abstract) could not be read here; its exact
/// weighting is unverified, and this class implements the pseudo-outcome regression the plan describes.</para>
/// </summary>
public static class PLearner
{
    /// <summary>φᵢ from given nuisance values (no fitting): the formula above, written once.</summary>
    /// <param name="outcomes">Yᵢ.</param>
    /// <param name="treated">Aᵢ.</param>
    /// <param name="treatmentBridge">q̂(Zᵢ, Aᵢ, Xᵢ) at each unit's own arm.</param>
    /// <param name="bridgeTreated">ĥ(Wᵢ, 1, Xᵢ).</param>
    /// <param name="bridgeControl">ĥ(Wᵢ, 0, Xᵢ).</param>
    public static double[] Scores(IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated, IReadOnlyList<double> treatmentBridge,
        IReadOnlyList<double> bridgeTreated, IReadOnlyList<double> bridgeControl)
    {
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(treated, nameof(treated));
        Guard.NotNull(treatmentBridge, nameof(treatmentBridge));
        Guard.NotNull(bridgeTreated, nameof(bridgeTreated));
        Guard.NotNull(bridgeControl, nameof(bridgeControl));
        int n = outcomes.Count;
        foreach (var (count, name) in new[] { (treated.Count, nameof(treated)), (treatmentBridge.Count, nameof(treatmentBridge)),
                     (bridgeTreated.Count, nameof(bridgeTreated)), (bridgeControl.Count, nameof(bridgeControl)) })
            if (count != n) throw new ArgumentException($"{name} must hold one value per unit ({n}); it holds {count}.", name);
        Guard.Finite(outcomes, nameof(outcomes));
        Guard.Finite(treatmentBridge, nameof(treatmentBridge));
        Guard.Finite(bridgeTreated, nameof(bridgeTreated));
        Guard.Finite(bridgeControl, nameof(bridgeControl));
        var phi = new double[n];
        for (int i = 0; i < n; i++)
        {
            double own = treated[i] ? bridgeTreated[i] : bridgeControl[i];
            phi[i] = (treated[i] ? 1 : -1) * treatmentBridge[i] * (outcomes[i] - own) + bridgeTreated[i] - bridgeControl[i];
        }
        return phi;
    }

    /// <summary>Cross-fitted φ and plug-in differences (step 1 and 2 above), with q̂ truncated at <paramref name="maxWeight"/>.</summary>
    /// <param name="x">n × p observed covariates.</param>
    /// <param name="z">n × d_Z treatment proxies.</param>
    /// <param name="w">n × d_W outcome proxies (d_W = d_Z for the exactly identified bridges).</param>
    /// <param name="treated">Aᵢ.</param>
    /// <param name="outcomes">Yᵢ.</param>
    /// <param name="folds">K ≥ 2.</param>
    /// <param name="seed">Seeds the fold assignment (<see cref="CrossFitting.Folds"/>).</param>
    /// <param name="maxWeight">q̂ is truncated at this value (&gt; 1); the default 100 matches <see cref="Aipw"/>'s propensity
    /// clip of 0.01, since the true q is an inverse probability 1/P(A | U, X).</param>
    public static ProximalPseudoOutcomes CrossFitted(Matrix<double> x, Matrix<double> z, Matrix<double> w, IReadOnlyList<bool> treated,
        IReadOnlyList<double> outcomes, int folds = 5, int seed = 0, double maxWeight = 100)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(z, nameof(z));
        Guard.NotNull(w, nameof(w));
        Guard.NotNull(outcomes, nameof(outcomes));
        ProximalBridges.CheckShapes(z, nameof(z), z.ColumnCount, treated, x, x.ColumnCount);
        ProximalBridges.CheckShapes(w, nameof(w), w.ColumnCount, treated, x, x.ColumnCount);
        int n = x.RowCount;
        if (outcomes.Count != n) throw new ArgumentException($"outcomes must hold one value per unit ({n}); it holds {outcomes.Count}.", nameof(outcomes));
        Guard.Finite(outcomes, nameof(outcomes));
        if (folds < 2 || folds > n) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"folds must lie in [2, {n}].");
        if (!(maxWeight > 1) || double.IsNaN(maxWeight)) throw new ArgumentOutOfRangeException(nameof(maxWeight), maxWeight, "maxWeight must exceed 1 (q ≥ 1).");
        var fold = CrossFitting.Folds(n, folds, seed);
        var q = new double[n];
        var h1 = new double[n];
        var h0 = new double[n];
        for (int k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != k).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == k).ToArray();
            var trainTreated = train.Select(i => treated[i]).ToArray();
            var xTrain = x.SubRows(train);
            var zTrain = z.SubRows(train);
            var wTrain = w.SubRows(train);
            var h = ProximalBridges.FitOutcome(wTrain, trainTreated, xTrain, zTrain, train.Select(i => outcomes[i]).ToArray());
            var qb = ProximalBridges.FitTreatment(zTrain, trainTreated, xTrain, wTrain);
            var xTest = x.SubRows(test);
            var wTest = w.SubRows(test);
            var qTest = qb.Predict(z.SubRows(test), test.Select(i => treated[i]).ToArray(), xTest);
            var h1Test = h.Predict(wTest, true, xTest);
            var h0Test = h.Predict(wTest, false, xTest);
            for (int r = 0; r < test.Length; r++)
            {
                q[test[r]] = Math.Min(qTest[r], maxWeight);
                h1[test[r]] = h1Test[r];
                h0[test[r]] = h0Test[r];
            }
        }
        var plugIn = Enumerable.Range(0, n).Select(i => h1[i] - h0[i]).ToArray();
        return new ProximalPseudoOutcomes(Scores(outcomes, treated, q, h1, h0), plugIn);
    }

    /// <summary>
    /// The P-learner with the kernel ridge second stage: cross-fitted φ (<see cref="CrossFitted"/>) regressed on X by
    /// <see cref="KernelRidge"/> with penalty λ and bandwidth ℓ (median heuristic when null).
    /// </summary>
    public static KernelRidgeModel FitKernelRidge(Matrix<double> x, Matrix<double> z, Matrix<double> w, IReadOnlyList<bool> treated,
        IReadOnlyList<double> outcomes, double penalty, double? bandwidth = null, int folds = 5, int seed = 0, double maxWeight = 100) =>
        KernelRidge.Fit(x, CrossFitted(x, z, w, treated, outcomes, folds, seed, maxWeight).Scores, penalty, bandwidth);

    /// <summary>
    /// The average of pseudo-outcomes as an ATE estimate (the proximal doubly robust estimator of Cui et al. when the
    /// pseudo-outcomes are φ) with standard error sd/√n (ddof 1) and a normal (z) interval.
    /// </summary>
    public static EstimateResult Ate(IReadOnlyList<double> pseudoOutcomes, double level = 0.95)
    {
        return EstimateResult.MeanOf(pseudoOutcomes, level, nameof(pseudoOutcomes));
    }
}

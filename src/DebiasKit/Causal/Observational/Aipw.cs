using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Causal;

/// <summary>
/// The augmented inverse-probability-weighted (doubly robust) estimator of the average treatment effect (Robins, Rotnitzky
/// and Zhao, 1994; cross-fitted as in Chernozhukov et al., 2018). Each unit's score is
/// φᵢ = μ₁(xᵢ) − μ₀(xᵢ) + Tᵢ(Yᵢ − μ₁(xᵢ))/e(xᵢ) − (1 − Tᵢ)(Yᵢ − μ₀(xᵢ))/(1 − e(xᵢ));
/// the estimate is their mean and its standard error sd(φ)/√n (sample sd, ddof 1), with a normal (z) interval. The mean
/// is unbiased when either the outcome models μ or the propensity e is right. The scores are also the DR-learner's
/// pseudo-outcomes for conditional effects (Kennedy, 2023).
/// </summary>
public static class Aipw
{
    /// <summary>Per-unit doubly robust scores φᵢ.</summary>
    /// <param name="outcomes">Yᵢ, finite.</param>
    /// <param name="treated">Tᵢ.</param>
    /// <param name="propensity">e(xᵢ) = P(T = 1 | xᵢ), each in (0, 1).</param>
    /// <param name="mu1">Outcome model under treatment at each unit.</param>
    /// <param name="mu0">Outcome model under control at each unit.</param>
    public static double[] Scores(IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated, IReadOnlyList<double> propensity,
        IReadOnlyList<double> mu1, IReadOnlyList<double> mu0)
    {
        Check(outcomes, treated, propensity, mu1, mu0);
        var scores = new double[outcomes.Count];
        for (int i = 0; i < scores.Length; i++)
            scores[i] = mu1[i] - mu0[i] + (treated[i]
                ? (outcomes[i] - mu1[i]) / propensity[i]
                : -(outcomes[i] - mu0[i]) / (1 - propensity[i]));
        return scores;
    }

    /// <summary>The AIPW estimate from given nuisance values, with its influence-function interval.</summary>
    public static EstimateResult Estimate(IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated, IReadOnlyList<double> propensity,
        IReadOnlyList<double> mu1, IReadOnlyList<double> mu0, double level = 0.95) =>
        MeanWithInterval(Scores(outcomes, treated, propensity, mu1, mu0), level);

    /// <summary>
    /// Cross-fitted scores: for the units of each fold, linear outcome models (one per arm, <see cref="LinearRegression"/>
    /// with <paramref name="ridge"/>) and a logistic propensity (<see cref="LogisticRegression"/> with the same ridge) are
    /// fitted on the other folds; the propensity is clipped to [clip, 1 − clip].
    /// </summary>
    /// <param name="x">n × p confounders (or their proxies: text features, embeddings).</param>
    /// <param name="outcomes">Yᵢ, finite.</param>
    /// <param name="treated">Tᵢ.</param>
    /// <param name="folds">Number of cross-fitting folds, ≥ 2.</param>
    /// <param name="seed">Seeds the fold assignment.</param>
    /// <param name="ridge">Ridge penalty of the outcome and propensity models (needed when p is large).</param>
    /// <param name="clip">Propensities are clipped to [clip, 1 − clip], clip in (0, 0.5).</param>
    public static double[] CrossFittedScores(Matrix<double> x, IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated,
        int folds = 5, int seed = 0, double ridge = 0, double clip = 0.01)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(treated, nameof(treated));
        int n = x.RowCount;
        if (outcomes.Count != n) throw new ArgumentException($"outcomes must hold one value per row of x ({n}); it holds {outcomes.Count}.", nameof(outcomes));
        if (treated.Count != n) throw new ArgumentException($"treated must hold one flag per row of x ({n}); it holds {treated.Count}.", nameof(treated));
        Guard.InRange(clip, 0, 0.5, nameof(clip), lowOpen: true, highOpen: true);
        var fold = CrossFitting.Folds(n, folds, seed);
        var propensity = new double[n];
        var mu1 = new double[n];
        var mu0 = new double[n];
        for (int k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != k).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == k).ToArray();
            var arm1 = train.Where(i => treated[i]).ToArray();
            var arm0 = train.Where(i => !treated[i]).ToArray();
            if (arm1.Length < 2 || arm0.Length < 2)
                throw new ArgumentException($"fold {k} leaves {arm1.Length} treated and {arm0.Length} control units to fit on; each arm needs at least two.", nameof(treated));
            var xTest = x.SubRows(test);
            var e = LogisticRegression.Fit(x.SubRows(train), train.Select(i => treated[i] ? 1.0 : 0.0).ToArray(), ridge).PredictProbability(xTest);
            var m1 = LinearRegression.Fit(x.SubRows(arm1), arm1.Select(i => outcomes[i]).ToArray(), ridge).Predict(xTest);
            var m0 = LinearRegression.Fit(x.SubRows(arm0), arm0.Select(i => outcomes[i]).ToArray(), ridge).Predict(xTest);
            for (int r = 0; r < test.Length; r++)
            {
                propensity[test[r]] = Math.Clamp(e[r], clip, 1 - clip);
                mu1[test[r]] = m1[r];
                mu0[test[r]] = m0[r];
            }
        }
        return Scores(outcomes, treated, propensity, mu1, mu0);
    }

    /// <summary>The cross-fitted AIPW estimate (see <see cref="CrossFittedScores"/>) with its interval.</summary>
    public static EstimateResult CrossFitted(Matrix<double> x, IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated,
        int folds = 5, int seed = 0, double ridge = 0, double clip = 0.01, double level = 0.95) =>
        MeanWithInterval(CrossFittedScores(x, outcomes, treated, folds, seed, ridge, clip), level);

    private static EstimateResult MeanWithInterval(double[] scores, double level) => EstimateResult.MeanOf(scores, level);

    private static void Check(IReadOnlyList<double> outcomes, IReadOnlyList<bool> treated, IReadOnlyList<double> propensity,
        IReadOnlyList<double> mu1, IReadOnlyList<double> mu0)
    {
        Guard.NotNull(outcomes, nameof(outcomes));
        Guard.NotNull(treated, nameof(treated));
        Guard.NotNull(propensity, nameof(propensity));
        Guard.NotNull(mu1, nameof(mu1));
        Guard.NotNull(mu0, nameof(mu0));
        int n = outcomes.Count;
        if (n < 2) throw new ArgumentException($"outcomes holds {n} units; the estimator needs at least two.", nameof(outcomes));
        foreach (var (count, name) in new[] { (treated.Count, nameof(treated)), (propensity.Count, nameof(propensity)), (mu1.Count, nameof(mu1)), (mu0.Count, nameof(mu0)) })
            if (count != n) throw new ArgumentException($"{name} must hold one value per unit ({n}); it holds {count}.", name);
        Guard.Finite(outcomes, nameof(outcomes));
        Guard.Finite(mu1, nameof(mu1));
        Guard.Finite(mu0, nameof(mu0));
        for (int i = 0; i < n; i++)
            if (!(propensity[i] > 0 && propensity[i] < 1))
                throw new ArgumentOutOfRangeException(nameof(propensity), propensity[i], $"propensity[{i}] = {propensity[i]}; propensities must lie strictly inside (0, 1).");
    }
}

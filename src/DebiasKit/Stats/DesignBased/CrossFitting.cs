using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// Cross-fitted predictions: the units are split into K seeded folds; for the units of fold k, an ordinary least squares
/// model (with intercept) is fitted on the labelled units of the other folds only, so that no unit's prediction uses its
/// own label. This is what keeps the DSL pseudo-outcome unbiased when the prediction model overfits (Chernozhukov et al.,
/// 2018, double/debiased machine learning; the DSL paper cross-fits its ĝ the same way).
/// </summary>
public static class CrossFitting
{
    /// <summary>Cross-fitted OLS predictions of y from <paramref name="features"/> (rows = units, an intercept is added) for every unit.</summary>
    /// <param name="features">N × p features (for DSL: the surrogate and the covariates).</param>
    /// <param name="labels">Yᵢ, read only where <paramref name="labelled"/> is true.</param>
    /// <param name="labelled">Which units carry a label.</param>
    /// <param name="folds">K ≥ 2.</param>
    /// <param name="seed">Seeds the fold assignment.</param>
    public static double[] OlsPredictions(Matrix<double> features, IReadOnlyList<double> labels, IReadOnlyList<bool> labelled, int folds = 5, int seed = 0)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(labelled, nameof(labelled));
        int n = features.RowCount, p = features.ColumnCount;
        if (labels.Count != n) throw new ArgumentException($"labels must hold one value per row of features ({n}); it holds {labels.Count}.", nameof(labels));
        if (labelled.Count != n) throw new ArgumentException($"labelled must hold one flag per row of features ({n}); it holds {labelled.Count}.", nameof(labelled));
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "folds must be at least 2.");
        if (features.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("features must be finite.", nameof(features));
        var fold = Folds(n, folds, seed);
        var design = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1.0 : features[i, j - 1]);
        var predictions = new double[n];
        for (int k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != k && labelled[i]).ToArray();
            if (train.Length <= p + 1)
                throw new ArgumentException($"fold {k} leaves {train.Length} labelled units to fit {p + 1} coefficients; label more units or use fewer folds.", nameof(labelled));
            var y = Vector<double>.Build.Dense(train.Length, r => labels[train[r]]);
            if (y.Any(v => !double.IsFinite(v))) throw new ArgumentException("labels must be finite where labelled is true.", nameof(labels));
            var beta = design.SubRows(train).QR().Solve(y);
            var fitted = design * beta;   // one product per fold instead of a row vector per unit
            for (int i = 0; i < n; i++)
                if (fold[i] == k) predictions[i] = fitted[i];
        }
        return predictions;
    }

    /// <summary>A seeded, balanced fold number in [0, K) for each of <paramref name="n"/> units.</summary>
    public static int[] Folds(int n, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "folds must be at least 2.");
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[n];
        for (int r = 0; r < n; r++) fold[order[r]] = r % folds;
        return fold;
    }
}

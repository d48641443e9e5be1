using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Causal;

/// <summary>The result of <see cref="SalientFeatureRemoval.Remove"/>: the kept columns, the removed ones (most salient first) and every column's coefficient.</summary>
public sealed record SalientRemoval(Matrix<double> Distilled, int[] Removed, int[] Kept, double[] Coefficients);

/// <summary>
/// Salient-feature removal, one of the four text distillations of "Detecting and mitigating treatment leakage in
/// text-based causal inference: distillation and sensitivity analysis": fit a treatment classifier on the document features
/// and delete the k features it relies on most, so that the text used for adjustment no longer carries the words that
/// anticipate the treatment.
/// <para>Variant pinned: the classifier is a ridge-penalised logistic regression (<see cref="LogisticRegression"/>) on
/// standardised columns (each centred and divided by its standard deviation; constant columns get coefficient 0), and
/// salience is |coefficient| on that scale, ties broken by column order. Features are columns (for bags of words: words).
/// The paper's classifier and scale are not pinned here (unverified).</para>
/// </summary>
public static class SalientFeatureRemoval
{
    /// <summary>The treatment classifier's coefficient of every column, on standardised columns.</summary>
    /// <param name="x">n × V features (for example word counts), finite.</param>
    /// <param name="treated">Tᵢ; both arms must be present.</param>
    /// <param name="ridge">Penalty of the logistic classifier, ≥ 0 (needed when a word separates the arms).</param>
    public static double[] Coefficients(Matrix<double> x, IReadOnlyList<bool> treated, double ridge = 1.0)
    {
        Check(x, treated);
        Guard.NonNegative(ridge, nameof(ridge));
        var (standard, varying) = Standardise(x);
        var model = LogisticRegression.Fit(standard, treated.Select(t => t ? 1.0 : 0.0).ToArray(), ridge);
        var coefficients = new double[x.ColumnCount];
        for (int j = 0; j < varying.Length; j++) coefficients[varying[j]] = model.Slopes[j];
        return coefficients;
    }

    /// <summary>Column indices from most to least salient (|coefficient| descending, ties by index).</summary>
    public static int[] Rank(IReadOnlyList<double> coefficients)
    {
        Guard.NotNull(coefficients, nameof(coefficients));
        Guard.Finite(coefficients, nameof(coefficients));
        return Enumerable.Range(0, coefficients.Count).OrderByDescending(j => Math.Abs(coefficients[j])).ThenBy(j => j).ToArray();
    }

    /// <summary>Removes the <paramref name="k"/> most salient columns (k = 0 keeps everything).</summary>
    /// <param name="x">n × V features.</param>
    /// <param name="treated">Tᵢ.</param>
    /// <param name="k">0 ≤ k &lt; V.</param>
    /// <param name="ridge">Penalty of the treatment classifier.</param>
    public static SalientRemoval Remove(Matrix<double> x, IReadOnlyList<bool> treated, int k, double ridge = 1.0)
    {
        var coefficients = Coefficients(x, treated, ridge);
        if (k < 0 || k >= x.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [0, {x.ColumnCount - 1}] (at least one of the {x.ColumnCount} columns must stay).");
        var order = Rank(coefficients);
        var removed = order.Take(k).ToArray();
        var kept = order.Skip(k).OrderBy(j => j).ToArray();
        var distilled = Matrix<double>.Build.Dense(x.RowCount, kept.Length, (i, j) => x[i, kept[j]]);
        return new SalientRemoval(distilled, removed, kept, coefficients);
    }

    /// <summary>Columns centred and scaled to unit (population) standard deviation; constant columns are dropped and the kept indices returned.</summary>
    internal static (Matrix<double> Standard, int[] Varying) Standardise(Matrix<double> x)
    {
        int n = x.RowCount;
        var means = new double[x.ColumnCount];
        var sds = new double[x.ColumnCount];
        for (int j = 0; j < x.ColumnCount; j++)
        {
            var column = x.Column(j);
            means[j] = column.Average();
            sds[j] = Math.Sqrt(column.Sum(v => (v - means[j]) * (v - means[j])) / n);
        }
        var varying = Enumerable.Range(0, x.ColumnCount).Where(j => sds[j] > 1e-12).ToArray();
        if (varying.Length == 0) throw new ArgumentException("every column of x is constant; there is nothing to classify with.", nameof(x));
        var standard = Matrix<double>.Build.Dense(n, varying.Length, (i, j) => (x[i, varying[j]] - means[varying[j]]) / sds[varying[j]]);
        return (standard, varying);
    }

    internal static void Check(Matrix<double> x, IReadOnlyList<bool> treated)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(treated, nameof(treated));
        if (treated.Count != x.RowCount) throw new ArgumentException($"treated must hold one flag per row of x ({x.RowCount}); it holds {treated.Count}.", nameof(treated));
        if (x.RowCount < 4) throw new ArgumentException($"x must have at least four rows; it has {x.RowCount}.", nameof(x));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x must be finite (no NaN or infinity).", nameof(x));
        int count = treated.Count(t => t);
        if (count == 0 || count == treated.Count) throw new ArgumentException("treated must contain both treated and control units.", nameof(treated));
    }
}

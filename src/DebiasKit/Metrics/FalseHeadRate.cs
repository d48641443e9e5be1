namespace DebiasKit.Metrics;

/// <summary>
/// False Head Rate (FHR) of Li and Zhang, "Long-tailed Classification from a Bayesian-decision-theory Perspective"
/// (arXiv:2303.06075): the fraction of test examples of a tail class that are predicted as a head class, the costly
/// mistake of tail-sensitive tasks. Classes must be indexed head first (class 0 the most frequent), so "head" means the
/// classes below a border index b: FHR_b = #{i : y_i ≥ b and ŷ_i &lt; b} / #{i : y_i ≥ b}.
/// <para>
/// Variant pinned: the authors' reference code, github.com/lblaoke/RF-DLC, model/metric.py (FHR): it reports FHR at
/// the borders b = ⌊C·r + 0.5⌋ for r = 0.25, 0.5 and 0.75 and their average (<see cref="Average"/>); for C = 10 the
/// borders are 3, 5 and 8.
/// </para>
/// </summary>
public static class FalseHeadRate
{
    /// <summary>The reference's head fractions r: the border is ⌊C·r + 0.5⌋.</summary>
    public static IReadOnlyList<double> HeadFractions { get; } = [0.25, 0.5, 0.75];

    /// <summary>The border class index for C classes and head fraction r: ⌊C·r + 0.5⌋ (classes below it are head).</summary>
    public static int Border(int classes, double headFraction)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{nameof(classes)} must be at least 2.");
        Guard.InRange(headFraction, 0, 1, nameof(headFraction), lowOpen: true, highOpen: true);
        return (int)Math.Floor(classes * headFraction + 0.5);
    }

    /// <summary>FHR at one border: the fraction of examples with label ≥ <paramref name="border"/> predicted below it.</summary>
    /// <param name="predicted">Predicted class of every example.</param>
    /// <param name="actual">True class of every example (head first: class 0 the most frequent).</param>
    /// <param name="border">Classes 0 .. border−1 are head, border and above tail; at least one example must be tail.</param>
    public static double Compute(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int border)
    {
        CheckPairs(predicted, actual);
        if (border < 1) throw new ArgumentOutOfRangeException(nameof(border), border, $"{nameof(border)} must be at least 1 (one head class).");
        long tail = 0, falseHead = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            if (actual[i] < border) continue;
            tail++;
            if (predicted[i] < border) falseHead++;
        }
        if (tail == 0) throw new ArgumentException($"No example of {nameof(actual)} is in a tail class (label ≥ {border}).", nameof(actual));
        return falseHead / (double)tail;
    }

    /// <summary>The reference's reported FHR: the mean of <see cref="Compute"/> at the borders of <see cref="HeadFractions"/>.</summary>
    /// <param name="predicted">Predicted class of every example.</param>
    /// <param name="actual">True class of every example, in [0, C).</param>
    /// <param name="classes">Number of classes C ≥ 2.</param>
    public static double Average(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes)
    {
        CheckPairs(predicted, actual);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{nameof(classes)} must be at least 2.");
        for (int i = 0; i < actual.Count; i++)
        {
            if (actual[i] < 0 || actual[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(actual), actual[i], $"{nameof(actual)}[{i}] is {actual[i]}; labels must lie in [0, {classes - 1}].");
            if (predicted[i] < 0 || predicted[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(predicted), predicted[i], $"{nameof(predicted)}[{i}] is {predicted[i]}; predictions must lie in [0, {classes - 1}].");
        }
        return HeadFractions.Average(r => Compute(predicted, actual, Border(classes, r)));
    }

    private static void CheckPairs(IReadOnlyList<long> predicted, IReadOnlyList<long> actual)
    {
        Guard.NotNull(predicted, nameof(predicted));
        Guard.NotNull(actual, nameof(actual));
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"{nameof(predicted)} has {predicted.Count} values but {nameof(actual)} has {actual.Count}.", nameof(predicted));
        if (actual.Count == 0) throw new ArgumentException($"{nameof(actual)} must hold at least one example.", nameof(actual));
    }
}

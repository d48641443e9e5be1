namespace DebiasKit.Metrics;

/// <summary>Accuracy-type metrics from predicted and true class labels.</summary>
public static class ClassificationMetrics
{
    /// <summary>Share of examples predicted correctly.</summary>
    public static double Accuracy(IReadOnlyList<long> predicted, IReadOnlyList<long> actual)
    {
        CheckPair(predicted, actual);
        long correct = 0;
        for (int i = 0; i < actual.Count; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / actual.Count;
    }

    /// <summary>
    /// Confusion matrix: entry [t, p] counts examples of true class t predicted as p.
    /// </summary>
    public static long[,] ConfusionMatrix(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes)
    {
        CheckPair(predicted, actual);
        Guard.Positive(classes, nameof(classes));
        var matrix = new long[classes, classes];
        for (int i = 0; i < actual.Count; i++)
        {
            CheckLabel(actual[i], classes, nameof(actual), i);
            CheckLabel(predicted[i], classes, nameof(predicted), i);
            matrix[actual[i], predicted[i]]++;
        }
        return matrix;
    }

    /// <summary>
    /// Accuracy within each true class (recall per class), length <paramref name="classes"/>; NaN for a class with no
    /// examples.
    /// </summary>
    public static double[] PerClassAccuracy(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes)
    {
        var matrix = ConfusionMatrix(predicted, actual, classes);
        var result = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            long total = 0;
            for (int p = 0; p < classes; p++) total += matrix[c, p];
            result[c] = total == 0 ? double.NaN : (double)matrix[c, c] / total;
        }
        return result;
    }

    /// <summary>
    /// Balanced accuracy: the mean of the per-class accuracies over the classes present in <paramref name="actual"/>
    /// (equal to plain accuracy on a balanced test set).
    /// </summary>
    public static double BalancedAccuracy(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes) =>
        MeanOver(PerClassAccuracy(predicted, actual, classes), Enumerable.Range(0, classes));

    /// <summary>The mean of per-class values over a group of classes, skipping classes without examples (NaN).</summary>
    public static double MeanOver(IReadOnlyList<double> perClass, IEnumerable<int> group)
    {
        Guard.NotNull(perClass, nameof(perClass));
        Guard.NotNull(group, nameof(group));
        var values = group.Select(c => perClass[c]).Where(v => !double.IsNaN(v)).ToArray();
        return values.Length == 0 ? double.NaN : values.Average();
    }

    private static void CheckPair(IReadOnlyList<long> predicted, IReadOnlyList<long> actual)
    {
        Guard.NotNull(predicted, nameof(predicted));
        Guard.NotNull(actual, nameof(actual));
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"predicted has {predicted.Count} labels but actual has {actual.Count}.", nameof(predicted));
        if (actual.Count == 0) throw new ArgumentException("actual must hold at least one label.", nameof(actual));
    }

    private static void CheckLabel(long label, int classes, string name, int index)
    {
        if (label < 0 || label >= classes)
            throw new ArgumentOutOfRangeException(name, label, $"{name}[{index}] is {label}; labels must lie in [0, {classes - 1}].");
    }
}

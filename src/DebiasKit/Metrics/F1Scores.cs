namespace DebiasKit.Metrics;

/// <summary>
/// Per-class and macro-averaged F1: F1_c = 2·TP_c / (2·TP_c + FP_c + FN_c), the harmonic mean of precision and recall
/// of class c, and macro-F1 = the unweighted mean over classes (the metric of the crisis-tweet papers, e.g. DeCrisisMB).
/// A class that is neither predicted nor present (TP = FP = FN = 0) scores 0, as scikit-learn's zero_division = 0.
/// </summary>
public static class F1Scores
{
    /// <summary>F1 of every class, length <paramref name="classes"/>.</summary>
    public static double[] PerClass(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes)
    {
        var confusion = ClassificationMetrics.ConfusionMatrix(predicted, actual, classes);
        var f1 = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            long tp = confusion[c, c], fp = 0, fn = 0;
            for (int k = 0; k < classes; k++)
            {
                if (k == c) continue;
                fn += confusion[c, k];
                fp += confusion[k, c];
            }
            f1[c] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return f1;
    }

    /// <summary>Macro-F1: the mean of <see cref="PerClass"/>.</summary>
    public static double Macro(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, int classes) =>
        PerClass(predicted, actual, classes).Average();
}

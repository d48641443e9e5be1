using DebiasKit.Data;

namespace DebiasKit.Metrics;

/// <summary>
/// The accuracies long-tailed recognition papers report: overall, balanced (mean per-class), per class, and the
/// mean per-class accuracy of the many-, medium- and few-shot groups (NaN for an empty group).
/// </summary>
public sealed record LongTailAccuracy(double Accuracy, double Balanced, double Many, double Medium, double Few, IReadOnlyList<double> PerClass)
{
    /// <summary>Computes the accuracies of a prediction on a test set.</summary>
    /// <param name="predicted">Predicted classes.</param>
    /// <param name="actual">True classes.</param>
    /// <param name="groups">The shot groups, from the training class counts.</param>
    /// <param name="classes">Number of classes.</param>
    public static LongTailAccuracy Compute(IReadOnlyList<long> predicted, IReadOnlyList<long> actual, ShotGroups groups, int classes)
    {
        Guard.NotNull(groups, nameof(groups));
        var perClass = ClassificationMetrics.PerClassAccuracy(predicted, actual, classes);
        return new LongTailAccuracy(
            ClassificationMetrics.Accuracy(predicted, actual),
            ClassificationMetrics.MeanOver(perClass, Enumerable.Range(0, classes)),
            ClassificationMetrics.MeanOver(perClass, groups.Many),
            ClassificationMetrics.MeanOver(perClass, groups.Medium),
            ClassificationMetrics.MeanOver(perClass, groups.Few),
            perClass);
    }
}

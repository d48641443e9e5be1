using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Class-utility (gain) matrices U[y, c] for <c>Functional.IntegratedRiskLoss</c>
/// (Li and Zhang, arXiv:2303.06075): the gain of deciding class c when the true class is y. Row = true class,
/// column = decision.
/// </summary>
public static class UtilityMatrix
{
    /// <summary>
    /// The tail-sensitive utility of the reference code (github.com/lblaoke/RF-DLC, model/loss.py, option
    /// "tail_sensitive"): U[y, c] = u when c &lt; y, else 0. Classes must be indexed head first (class 0 the most
    /// frequent), so c &lt; y means "c is a head class relative to y"; with the code's default u = −1 (main.py,
    /// --u-value) predicting a more frequent class than the true one is penalised, which lowers the False Head Rate.
    /// </summary>
    /// <param name="classes">Number of classes C ≥ 1.</param>
    /// <param name="u">The utility of a head-ward mistake (reference default −1); finite.</param>
    /// <param name="dtype">Element type (float32 by default).</param>
    /// <param name="device">Device of the result.</param>
    public static Tensor TailSensitive(int classes, double u = -1.0, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{nameof(classes)} must be at least 1.");
        if (!double.IsFinite(u)) throw new ArgumentOutOfRangeException(nameof(u), u, $"{nameof(u)} must be finite.");
        using var scope = NewDisposeScope();
        // tril with diagonal −1 keeps the entries strictly below the diagonal: column c < row y.
        return (ones(classes, classes, dtype: dtype, device: device).tril(-1) * u).MoveToOuterDisposeScope();
    }

    /// <summary>The identity utility (gain 1 for a correct decision, 0 otherwise): the 0-1 accuracy gain.</summary>
    public static Tensor Identity(int classes, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{nameof(classes)} must be at least 1.");
        return eye(classes, dtype: dtype, device: device);
    }
}

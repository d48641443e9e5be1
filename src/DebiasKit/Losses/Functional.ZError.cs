using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// The in-batch outlier mask of the Z-Error loss ("Z-Error Loss for Training Neural Networks"):
    /// m_i = 1[|z_i| ≤ τ] with z_i = (v_i − mean(v)) / (std(v) + ε), the batch's own mean and standard deviation.
    /// Computed without gradient. A batch whose values are all equal (std 0) masks nothing.
    /// <para>
    /// Variant: our reading of the abstract and secondary descriptions (the paper's code was not found): population
    /// standard deviation (divide by n), ε = 10⁻⁸, and the threshold closed (|z| = τ is kept). Unverified.
    /// </para>
    /// </summary>
    /// <param name="values">One value per example (errors or losses), shape [N], N ≥ 1.</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations (2–3 is typical; +∞ keeps everything).</param>
    public static Tensor ZScoreMask(Tensor values, double tau = 3.0)
    {
        Guard.NotNull(values, nameof(values));
        if (values.dim() != 1 || values.shape[0] == 0)
            throw new ArgumentException($"values must be a non-empty vector [N]; got [{string.Join(", ", values.shape)}].", nameof(values));
        if (!values.is_floating_point()) throw new ArgumentException($"values must be floating point; got {values.dtype}.", nameof(values));
        if (!(tau > 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive (+∞ keeps every example).");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (values.isnan().any().item<bool>()) throw new ArgumentException("values contains NaN.", nameof(values));
        var v = values.detach();
        var z = (v - v.mean()) / (v.std(unbiased: false) + 1e-8);
        return z.abs().le(tau).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Z-Error loss for regression: squared errors e_i² with e_i = y_i − ŷ_i, averaged over the examples whose
    /// error is not an in-batch outlier (<see cref="ZScoreMask"/> of the errors): L = Σ m_i e_i² / Σ m_i. Masked
    /// examples get no gradient. τ = +∞ gives the mean squared error.
    /// </summary>
    /// <param name="predictions">Predictions ŷ, shape [N] or [N, 1].</param>
    /// <param name="targets">Targets y, the shape of <paramref name="predictions"/>.</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations.</param>
    public static Tensor ZErrorLoss(Tensor predictions, Tensor targets, double tau = 3.0)
    {
        Guard.NotNull(predictions, nameof(predictions));
        Guard.NotNull(targets, nameof(targets));
        if (predictions.dim() > 2 || (predictions.dim() == 2 && predictions.shape[1] != 1))
            throw new ArgumentException($"predictions must have shape [N] or [N, 1]; got [{string.Join(", ", predictions.shape)}].", nameof(predictions));
        if (!targets.shape.SequenceEqual(predictions.shape))
            throw new ArgumentException($"targets must have the shape of predictions [{string.Join(", ", predictions.shape)}]; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        using var scope = NewDisposeScope();
        var errors = (targets.to(predictions.dtype) - predictions).flatten();
        return ZMaskedMean(errors.square(), ZScoreMask(errors, tau)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The classification form of Z-Error: the mean of per-example losses over the examples whose loss is not an
    /// in-batch outlier (<see cref="ZScoreMask"/> of the losses themselves), Σ m_i ℓ_i / Σ m_i.
    /// </summary>
    /// <param name="perExampleLosses">ℓ_i, shape [N] (e.g. cross-entropy with Reduction.None).</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations.</param>
    public static Tensor ZMaskedMean(Tensor perExampleLosses, double tau = 3.0) =>
        ZMaskedMean(perExampleLosses, ZScoreMask(perExampleLosses, tau));

    private static Tensor ZMaskedMean(Tensor losses, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var kept = mask.to(losses.dtype);
        return ((losses * kept).sum() / kept.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}

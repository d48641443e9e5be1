using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Which per-example quantity the Z-Error loss standardises within the batch.</summary>
public enum ZScoreBasis
{
    /// <summary>The signed errors e_i = y_i − ŷ_i (the form the descriptions of the paper's code give).</summary>
    Errors,
    /// <summary>The per-example losses ℓ_i = e_i² (the form of the paper's text as one description gives it).</summary>
    Losses,
}

public static partial class Functional
{
    /// <summary>
    /// The in-batch outlier mask of the Z-Error loss (G. Godin, "Z-Error Loss for Training Neural Networks",
    /// technical note, arXiv:2506.02154, 2025): m_i = 1[|z_i| ≤ τ] with z_i = (v_i − mean(v)) / (sd(v) + ε), the
    /// batch's own mean and sample standard deviation. Computed without gradient. A batch of one example, or whose
    /// values are all equal (sd 0), masks nothing.
    /// <para>
    /// Variant, pinned from two secondary descriptions of the paper (themoonlight.io reviews of arXiv:2506.02154; the
    /// paper's code is not in the stored index): the sample standard deviation with B − 1 (torch.std's default, which the
    /// paper's PyTorch code uses per those descriptions), ε = 10⁻⁸ ("a small value"), the threshold closed (|z| = τ is
    /// kept), τ = 2 as the paper's example ("2.0 for 2-sigma"). Not checked against the paper's own code.
    /// </para>
    /// </summary>
    /// <param name="values">One value per example (errors or losses), shape [N], N ≥ 1.</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations (the paper's example: 2; +∞ keeps everything).</param>
    public static Tensor ZScoreMask(Tensor values, double tau = 2.0)
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
        if (v.shape[0] == 1) return ones(1, ScalarType.Bool, v.device).MoveToOuterDisposeScope();
        var z = (v - v.mean()) / (v.std(unbiased: true) + 1e-8);
        return z.abs().le(tau).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Z-Error loss for regression (Godin 2025, arXiv:2506.02154): squared errors e_i² with e_i = y_i − ŷ_i, averaged
    /// over the examples that are not in-batch outliers (<see cref="ZScoreMask"/> of the errors, or of the squared
    /// errors with <see cref="ZScoreBasis.Losses"/>): L = Σ m_i e_i² / Σ m_i. Masked examples get no gradient; the mask
    /// itself carries none. τ = +∞ gives the mean squared error.
    /// </summary>
    /// <param name="predictions">Predictions ŷ, shape [N] or [N, 1].</param>
    /// <param name="targets">Targets y, the shape of <paramref name="predictions"/>.</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations.</param>
    /// <param name="basis">What is standardised: the errors (default) or the squared errors.</param>
    public static Tensor ZErrorLoss(Tensor predictions, Tensor targets, double tau = 2.0, ZScoreBasis basis = ZScoreBasis.Errors)
    {
        var loss = ZErrorLoss(predictions, targets, out var kept, tau, basis);
        kept.Dispose();
        return loss;
    }

    /// <summary>
    /// <see cref="ZErrorLoss(Tensor, Tensor, double, ZScoreBasis)"/> that also returns the batch's mask: <paramref name="kept"/>
    /// is a bool vector [N], true for the examples that entered the loss (the paper's diagnostic accumulates it over
    /// training, see <c>Training.MaskTracker</c>).
    /// </summary>
    /// <param name="predictions">Predictions ŷ, shape [N] or [N, 1].</param>
    /// <param name="targets">Targets y, the shape of <paramref name="predictions"/>.</param>
    /// <param name="kept">The mask m, bool [N] (the caller owns it).</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations.</param>
    /// <param name="basis">What is standardised: the errors (default) or the squared errors.</param>
    public static Tensor ZErrorLoss(Tensor predictions, Tensor targets, out Tensor kept, double tau = 2.0, ZScoreBasis basis = ZScoreBasis.Errors)
    {
        Guard.NotNull(predictions, nameof(predictions));
        Guard.NotNull(targets, nameof(targets));
        if (predictions.dim() > 2 || (predictions.dim() == 2 && predictions.shape[1] != 1))
            throw new ArgumentException($"predictions must have shape [N] or [N, 1]; got [{string.Join(", ", predictions.shape)}].", nameof(predictions));
        if (!targets.shape.SequenceEqual(predictions.shape))
            throw new ArgumentException($"targets must have the shape of predictions [{string.Join(", ", predictions.shape)}]; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (!Enum.IsDefined(basis)) throw new ArgumentOutOfRangeException(nameof(basis), basis, "basis must be Errors or Losses.");
        using var scope = NewDisposeScope();
        var errors = (targets.to(predictions.dtype) - predictions).flatten();
        var squared = errors.square();
        var mask = ZScoreMask(basis == ZScoreBasis.Errors ? errors : squared, tau);
        var loss = ZMaskedMean(squared, mask).MoveToOuterDisposeScope();
        kept = mask.MoveToOuterDisposeScope();
        return loss;
    }

    /// <summary>
    /// The classification form of Z-Error: the mean of per-example losses over the examples whose loss is not an
    /// in-batch outlier (<see cref="ZScoreMask"/> of the losses themselves), Σ m_i ℓ_i / Σ m_i. (The descriptions of the
    /// paper's binary classifier standardise the logits per class instead; this loss-based form is ours.)
    /// </summary>
    /// <param name="perExampleLosses">ℓ_i, shape [N] (e.g. cross-entropy with Reduction.None).</param>
    /// <param name="tau">Threshold τ &gt; 0 in standard deviations.</param>
    public static Tensor ZMaskedMean(Tensor perExampleLosses, double tau = 2.0)
    {
        using var scope = NewDisposeScope();
        return ZMaskedMean(perExampleLosses, ZScoreMask(perExampleLosses, tau)).MoveToOuterDisposeScope();
    }

    private static Tensor ZMaskedMean(Tensor losses, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var kept = mask.to(losses.dtype);
        return ((losses * kept).sum() / kept.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}

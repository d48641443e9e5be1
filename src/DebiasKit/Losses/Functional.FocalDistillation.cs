using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Which examples focal distillation weights up (β added to the base weight α).</summary>
public enum DistillationFocus
{
    /// <summary>Examples the old model classifies correctly (Yan et al.'s positive-congruent training).</summary>
    OldCorrect,
    /// <summary>Current negative flips: the old model is right and the new one wrong.</summary>
    NegativeFlip,
    /// <summary>Examples the new model gets wrong (MUSCLE's variant).</summary>
    NewIncorrect,
}

public static partial class Functional
{
    /// <summary>
    /// Focal distillation of Yan, Xiong, Kundu, Yang, Deng, Wang, Xia and Soatto, "Positive-Congruent Training: Towards
    /// Regression-Free Model Updates", CVPR 2021 — the negative-flip baseline that margin-preserving training (Ricci et
    /// al.) extends. A term added to the new model's classification loss:
    /// <c>mean_i (α + β·f_i) · T² · KL(softmax(z_old,i / T) ‖ softmax(z_new,i / T))</c>, where f_i flags the focused
    /// examples (<see cref="DistillationFocus"/>). α = 1, β = 0 is plain knowledge distillation.
    /// <para>
    /// Variant pinned: a public NFR-baselines implementation (<c>FocalDistillationLoss</c>, defaults α = 1, β = 5,
    /// T = 100, focus "old_correct"): when the new model has more classes, examples of the new classes are dropped
    /// and the new logits cut to the old classes; correctness is judged by the arg-max of the (cut) logits.
    /// The focus flags carry no gradient. If every example belongs to a new class the term is 0.
    /// </para>
    /// </summary>
    /// <param name="newLogits">The new model's logits [N, C_new].</param>
    /// <param name="oldLogits">The old model's logits [N, C_old], C_old ≤ C_new (treated as constants).</param>
    /// <param name="targets">Classes [N] in [0, C_new).</param>
    /// <param name="alpha">Base weight α ≥ 0.</param>
    /// <param name="beta">Extra weight β ≥ 0 of the focused examples.</param>
    /// <param name="temperature">Distillation temperature T &gt; 0.</param>
    /// <param name="focus">Which examples get α + β.</param>
    public static Tensor FocalDistillationLoss(Tensor newLogits, Tensor oldLogits, Tensor targets, double alpha = 1, double beta = 5,
        double temperature = 100, DistillationFocus focus = DistillationFocus.OldCorrect)
    {
        Guard.LogitsAndTargets(newLogits, targets, nameof(newLogits), nameof(targets));
        Guard.NotNull(oldLogits, nameof(oldLogits));
        if (oldLogits.dim() != 2 || oldLogits.shape[0] != newLogits.shape[0] || oldLogits.shape[1] > newLogits.shape[1])
            throw new ArgumentException($"oldLogits must have shape [{newLogits.shape[0]}, C_old] with C_old ≤ {newLogits.shape[1]}; got [{string.Join(", ", oldLogits.shape)}].", nameof(oldLogits));
        if (!oldLogits.is_floating_point()) throw new ArgumentException($"oldLogits must be floating point; got {oldLogits.dtype}.", nameof(oldLogits));
        Guard.NonNegative(alpha, nameof(alpha));
        Guard.NonNegative(beta, nameof(beta));
        Guard.Positive(temperature, nameof(temperature));
        using var scope = NewDisposeScope();
        long oldClasses = oldLogits.shape[1];
        var keep = targets.lt(oldClasses);
        if (!keep.any().item<bool>()) return zeros(1, dtype: newLogits.dtype, device: newLogits.device).sum().MoveToOuterDisposeScope();
        var zNew = newLogits.index(keep).narrow(1, 0, oldClasses);
        var zOld = oldLogits.detach().index(keep).to(zNew.dtype);
        var y = targets.index(keep);
        Tensor focused;
        using (no_grad())
        {
            var oldCorrect = zOld.argmax(1).eq(y);
            var newCorrect = zNew.detach().argmax(1).eq(y);
            focused = focus switch
            {
                DistillationFocus.OldCorrect => oldCorrect,
                DistillationFocus.NegativeFlip => oldCorrect.logical_and(newCorrect.logical_not()),
                DistillationFocus.NewIncorrect => newCorrect.logical_not(),
                _ => throw new ArgumentOutOfRangeException(nameof(focus), focus, "Unknown focus."),
            };
        }
        var weights = focused.to(zNew.dtype).mul(beta).add(alpha);
        var teacher = nn.functional.softmax(zOld / temperature, 1);
        var studentLog = nn.functional.log_softmax(zNew / temperature, 1);
        // KL(teacher ‖ student) per example, with 0·log 0 = 0 as torch's KLDivLoss.
        var kl = (teacher * (teacher.clamp_min(1e-45).log() - studentLog)).sum(1) * (temperature * temperature);
        return (kl * weights).mean().MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// The margin-calibrated cross-entropy L_Δ of margin-preserving training (Ricci, Biondi, Pernici and Del Bimbo,
    /// "Mitigating Negative Flips via Margin Preserving Training", AAAI 2026, arXiv:2511.08322):
    /// <c>mean_i CE(z_i + b·1[c ≥ C_old], y_i)</c>. During training a positive bias b is added to the logits of the
    /// classes introduced by the update (columns C_old … C−1), so the model must push the new classes' own logits b lower
    /// to fit them; at test time the bias is not added, which leaves the old classes a larger relative margin against the
    /// new ones. b = 0 is plain cross-entropy.
    /// <para>
    /// Variant pinned: the authors' code (github.com/miccunifi/negative_flip_MPT, main.py, method MPT_KL, commit 912595d):
    /// <c>outputs[:, 50:] += b</c> before <c>CrossEntropyLoss</c>, with the old classes the first columns; default b = 4
    /// (the README's representative value, searched over {0, 1, 2, 4} on validation data).
    /// </para>
    /// </summary>
    /// <param name="logits">The model's logits [N, C], the old classes first.</param>
    /// <param name="targets">Classes [N] in [0, C).</param>
    /// <param name="oldClasses">C_old, the number of classes the previous model knew, 1 ≤ C_old ≤ C.</param>
    /// <param name="bias">b ≥ 0, added to the new classes' logits.</param>
    public static Tensor MarginCalibratedCrossEntropy(Tensor logits, Tensor targets, long oldClasses, double bias = 4)
    {
        Guard.LogitsAndTargets(logits, targets, nameof(logits), nameof(targets));
        if (oldClasses < 1 || oldClasses > logits.shape[1])
            throw new ArgumentOutOfRangeException(nameof(oldClasses), oldClasses, $"oldClasses must lie in [1, {logits.shape[1]}] (the logits' classes).");
        Guard.NonNegative(bias, nameof(bias));
        using var scope = NewDisposeScope();
        var shift = zeros(logits.shape[1], dtype: logits.dtype, device: logits.device);
        shift.narrow(0, oldClasses, logits.shape[1] - oldClasses).fill_(bias);
        return nn.functional.cross_entropy(logits + shift, targets).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Focal knowledge distillation as margin-preserving training uses it (for its PCT baseline and for each source of
    /// its double-source term): <c>mean_i (α + β·1[argmax t_i = y_i]) · KL(softmax(t_i / τ) ‖ softmax(s_i[:C_t] / τ))</c>,
    /// where t is the teacher's logits over its C_t classes and the student's logits s are cut to the first C_t columns.
    /// The teacher's correct examples weigh α + β, the others α.
    /// <para>
    /// Variant pinned: the authors' <c>focal_distillation_fdkl_loss</c> (github.com/miccunifi/negative_flip_MPT, loss.py,
    /// commit 912595d), called with α = 1, β = 5, τ = 5. It differs from <see cref="FocalDistillationLoss"/> (the
    /// NFR-baselines variant of Yan et al.'s loss) in two ways: examples of classes the teacher does not know are kept,
    /// with weight α (the old model cannot be right on them), and the KL divergence is not multiplied by τ².
    /// The teacher is a constant and the focus flags carry no gradient.
    /// </para>
    /// </summary>
    /// <param name="studentLogits">The model's logits [N, C_s].</param>
    /// <param name="teacherLogits">The teacher's logits [N, C_t], C_t ≤ C_s, over the student's first C_t classes.</param>
    /// <param name="targets">Classes [N] in [0, C_s).</param>
    /// <param name="alpha">Base weight α ≥ 0.</param>
    /// <param name="beta">Extra weight β ≥ 0 of the examples the teacher classifies correctly.</param>
    /// <param name="temperature">Temperature τ &gt; 0.</param>
    public static Tensor FocalKlDistillation(Tensor studentLogits, Tensor teacherLogits, Tensor targets, double alpha = 1, double beta = 5,
        double temperature = 5)
    {
        Guard.LogitsAndTargets(studentLogits, targets, nameof(studentLogits), nameof(targets));
        CheckTeacherLogits(teacherLogits, studentLogits, nameof(teacherLogits));
        Guard.NonNegative(alpha, nameof(alpha));
        Guard.NonNegative(beta, nameof(beta));
        Guard.Positive(temperature, nameof(temperature));
        using var scope = NewDisposeScope();
        long teacherClasses = teacherLogits.shape[1];
        var student = studentLogits.narrow(1, 0, teacherClasses);
        var teacher = teacherLogits.detach().to(student.dtype);
        Tensor weights;
        using (no_grad())
            weights = teacher.argmax(1).eq(targets).to(student.dtype).mul(beta).add(alpha);
        var p = nn.functional.softmax(teacher / temperature, 1);
        var logQ = nn.functional.log_softmax(student / temperature, 1);
        // KL(p ‖ q) per example, with 0·log 0 = 0 as torch's kl_div.
        var kl = (p * (p.clamp_min(1e-45).log() - logQ)).sum(1);
        return (weights * kl).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The margin-preserving training (MPT) objective of Ricci, Biondi, Pernici and Del Bimbo (AAAI 2026,
    /// arXiv:2511.08322) for a model updated from C_old to C classes:
    /// <c>L = L_Δ(z, y; b) + FD(z[:, :C_old], z_old, y) + FD(z, z_new, y)</c>, where L_Δ is
    /// <see cref="MarginCalibratedCrossEntropy"/> (bias b on the new classes' logits, training only) and FD is
    /// <see cref="FocalKlDistillation"/> from two sources: the previous model φ_old (over the old classes) and an
    /// independently trained new model φ_new (over all classes), both fixed. The distillation terms see the logits
    /// without the bias. The margin term keeps the old classes' margins; the second distillation source gives back the
    /// new classes the decision margins the bias alone would take from them.
    /// <para>
    /// Variant pinned: the authors' code (github.com/miccunifi/negative_flip_MPT, main.py, method MPT_KL, commit 912595d):
    /// both focal terms with α = 1, β = 5, τ = 5, summed with weight 1 each, the bias added in place after they are
    /// computed. b = 0 is the code's MPT_KL_nobias ablation.
    /// </para>
    /// </summary>
    /// <param name="logits">The model's logits [N, C], the old classes first.</param>
    /// <param name="oldLogits">The previous model's logits [N, C_old] (constant).</param>
    /// <param name="independentLogits">The independently trained new model's logits [N, C] (constant).</param>
    /// <param name="targets">Classes [N] in [0, C).</param>
    /// <param name="bias">b ≥ 0 on the new classes' logits in the cross-entropy.</param>
    /// <param name="alpha">Base weight α of both focal terms.</param>
    /// <param name="beta">Extra weight β of the examples a teacher classifies correctly.</param>
    /// <param name="temperature">Distillation temperature τ.</param>
    public static Tensor MarginPreservingLoss(Tensor logits, Tensor oldLogits, Tensor independentLogits, Tensor targets, double bias = 4,
        double alpha = 1, double beta = 5, double temperature = 5)
    {
        Guard.LogitsAndTargets(logits, targets, nameof(logits), nameof(targets));
        CheckTeacherLogits(oldLogits, logits, nameof(oldLogits));
        CheckTeacherLogits(independentLogits, logits, nameof(independentLogits));
        if (independentLogits.shape[1] != logits.shape[1])
            throw new ArgumentException($"independentLogits must cover all {logits.shape[1]} classes; it has {independentLogits.shape[1]}.", nameof(independentLogits));
        using var scope = NewDisposeScope();
        var fromOld = FocalKlDistillation(logits, oldLogits, targets, alpha, beta, temperature);
        var fromNew = FocalKlDistillation(logits, independentLogits, targets, alpha, beta, temperature);
        var margin = MarginCalibratedCrossEntropy(logits, targets, oldLogits.shape[1], bias);
        return (margin + fromOld + fromNew).MoveToOuterDisposeScope();
    }

    // A teacher's logits: [N, C_t] floating point, the student's N rows and at most its classes.
    private static void CheckTeacherLogits(Tensor teacher, Tensor student, string name)
    {
        Guard.NotNull(teacher, name);
        if (teacher.dim() != 2 || teacher.shape[0] != student.shape[0] || teacher.shape[1] < 1 || teacher.shape[1] > student.shape[1])
            throw new ArgumentException($"{name} must have shape [{student.shape[0]}, C_t] with 1 ≤ C_t ≤ {student.shape[1]}; got [{string.Join(", ", teacher.shape)}].", name);
        if (!teacher.is_floating_point()) throw new ArgumentException($"{name} must be floating point; got {teacher.dtype}.", name);
    }
}

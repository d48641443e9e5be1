using DebiasKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// A training objective that also sees fixed teachers' logits for the mini-batch's examples: the model's logits, the
/// targets, each teacher's logits for the same rows (in the order given to <see cref="TeacherTraining.Fit"/>) and the
/// 0-based epoch, to a scalar loss. Used by distillation objectives such as focal distillation and margin-preserving
/// training.
/// </summary>
public delegate Tensor TeacherLossFunction(Tensor logits, Tensor targets, IReadOnlyList<Tensor> teacherLogits, int epoch);

/// <summary>
/// Training against precomputed teachers: the teachers' logits for every training example are computed once
/// (<see cref="Logits"/>) and each mini-batch's loss receives the rows of its own examples. Runs
/// <see cref="Trainer"/>'s loop (same seeded batches, optimiser and schedule as <see cref="Trainer.Fit(nn.Module{Tensor, Tensor}, ClassificationData, LossFunction, TrainOptions, Action{EpochReport}?)"/>)
/// through its row-lookup overload.
/// </summary>
public static class TeacherTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="data"/> with a loss that sees the teachers' logits of
    /// each mini-batch's examples.
    /// </summary>
    /// <param name="model">The model; it must already be on the training device.</param>
    /// <param name="data">Training examples.</param>
    /// <param name="teacherLogits">One tensor per teacher, [N, C_k] floating point, row i for example i of <paramref name="data"/>; treated as constants.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="options">Epochs, batch size, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, ClassificationData data, IReadOnlyList<Tensor> teacherLogits,
        TeacherLossFunction loss, TrainOptions options, Action<EpochReport>? progress = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(data, nameof(data));
        Guard.NotNull(teacherLogits, nameof(teacherLogits));
        Guard.NotNull(loss, nameof(loss));
        Guard.NotNull(options, nameof(options));
        for (int k = 0; k < teacherLogits.Count; k++)
        {
            var t = teacherLogits[k];
            if (t is null || t.dim() != 2 || t.shape[0] != data.Count || !t.is_floating_point())
                throw new ArgumentException($"teacherLogits[{k}] must be a floating-point [{data.Count}, C] tensor (one row per example); got {(t is null ? "null" : $"{t.dtype} [{string.Join(", ", t.shape)}]")}.", nameof(teacherLogits));
        }
        var device = Trainer.TrainingDevice(model, options);
        var teachers = teacherLogits.Select(t => t.detach().to(device)).ToArray();
        try
        {
            using var movedLabels = Devices.Same(data.Labels.device, device) ? null : data.Labels.to(device);
            var labels = movedLabels ?? data.Labels;
            return Trainer.Fit(model, data.Features, (logits, rows, epoch) =>
                loss(logits, labels.index_select(0, rows), teachers.Select(t => t.index_select(0, rows)).ToArray(), epoch), options, progress);
        }
        finally
        {
            foreach (var t in teachers) t.Dispose();
        }
    }

    /// <summary>
    /// The logits of <paramref name="model"/> (in evaluation mode, without gradient) for <paramref name="features"/>, in
    /// batches, on the features' device: a teacher's targets for <see cref="Fit"/>.
    /// </summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096) =>
        Trainer.Outputs(model, features, batchSize);
}

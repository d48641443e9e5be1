using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Multi-label training and scoring on top of <see cref="Trainer"/>: the targets are a [N, L] matrix of 0/1 (or soft)
/// labels instead of one class per example, as for the multi-label losses (Asymmetric Loss, paper 043). The loop,
/// the shuffling, the optimiser and the seeding are <see cref="Trainer.Fit(nn.Module{Tensor, Tensor}, ClassificationData, LossFunction, TrainOptions, Action{EpochReport}?)"/>'s:
/// the loss receives the target rows of the mini-batch's examples.
/// </summary>
public static class MultiLabelTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> in place; <paramref name="loss"/> receives the mini-batch's logits [B, L], its
    /// target rows [B, L] (on the training device) and the epoch, and returns a scalar.
    /// </summary>
    /// <param name="model">The model, already on the training device; it maps features to L logits.</param>
    /// <param name="features">Inputs, [N, ...].</param>
    /// <param name="targets">Label sets, floating point [N, L] with values in [0, 1].</param>
    /// <param name="loss">The multi-label objective.</param>
    /// <param name="options">Epochs, batch size, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, Tensor features, Tensor targets, LossFunction loss, TrainOptions options,
        Action<EpochReport>? progress = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(loss, nameof(loss));
        Guard.NotNull(options, nameof(options));
        CheckTargets(features, targets);
        var device = Trainer.TrainingDevice(model, options);
        using var moved = Devices.Same(targets.device, device) ? null : targets.to(device);
        var targetsOnDevice = moved ?? targets;
        return Trainer.Fit(model, features, (logits, rows, epoch) => loss(logits, targetsOnDevice.index_select(0, rows), epoch), options, progress);
    }

    /// <summary>Per-label probabilities σ(logits) for <paramref name="features"/>, in batches, on the CPU as float32 [N, L].</summary>
    public static Tensor PredictScores(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
    {
        using var scope = NewDisposeScope();
        var logits = Trainer.Outputs(model, features, batchSize);
        if (logits.dim() != 2)
            throw new ArgumentException($"model must return logits of shape [N, L]; it returned [{string.Join(", ", logits.shape)}].", nameof(model));
        return logits.sigmoid().to(float32).cpu().MoveToOuterDisposeScope();
    }

    private static void CheckTargets(Tensor features, Tensor targets)
    {
        Guard.NotNull(targets, nameof(targets));
        if (features.dim() < 1 || features.shape[0] == 0)
            throw new ArgumentException("features must hold at least one example (a non-empty first dimension).", nameof(features));
        if (targets.dim() != 2 || targets.shape[0] != features.shape[0])
            throw new ArgumentException(
                $"targets must have shape [{features.shape[0]}, L] (one label row per example); got [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (!targets.is_floating_point())
            throw new ArgumentException($"targets must be a floating-point tensor of 0/1 (or soft) labels; got {targets.dtype}.", nameof(targets));
        if (Guard.AnyOutsideUnitInterval(targets))
            throw new ArgumentOutOfRangeException(nameof(targets), "targets must lie in [0, 1] (no NaN).");
    }
}

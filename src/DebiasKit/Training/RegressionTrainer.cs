using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>A mini-batch's regression loss and, for masking losses such as Z-Error, which of its examples entered it.</summary>
/// <param name="Loss">The scalar loss.</param>
/// <param name="Kept">Bool [B], true for the examples that entered the loss; null when every example did.</param>
public sealed record RegressionBatchLoss(Tensor Loss, Tensor? Kept = null);

/// <summary>A regression objective: predictions [B] and targets [B] of a mini-batch and the 0-based epoch, to a loss (and mask).</summary>
public delegate RegressionBatchLoss RegressionLossFunction(Tensor predictions, Tensor targets, int epoch);

/// <summary>
/// A seeded mini-batch training loop for a scalar regression model, which knows each batch's example indices, so that a
/// <see cref="MaskTracker"/> can accumulate a masking loss's per-example masks over training (the Z-Error loss's
/// diagnostic). It runs <see cref="Trainer"/>'s loop (its row-lookup overload): a seeded permutation per epoch, every
/// step in its own dispose scope; the model is left in evaluation mode.
/// </summary>
public static class RegressionTrainer
{
    /// <summary>Trains <paramref name="model"/> in place.</summary>
    /// <param name="model">A model with one output per example ([B, 1] or [B]); it must already be on the training device.</param>
    /// <param name="features">Inputs, [N, …], N ≥ 1.</param>
    /// <param name="targets">Floating-point targets, [N].</param>
    /// <param name="loss">The objective (its <see cref="RegressionBatchLoss.Kept"/> feeds <paramref name="tracker"/>).</param>
    /// <param name="options">Epochs, batch size, optimiser, schedule and seed (<see cref="TrainOptions.SamRho"/> must be 0).</param>
    /// <param name="tracker">Accumulates the masks, when given; its count must be N.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, Tensor features, Tensor targets, RegressionLossFunction loss,
        TrainOptions options, MaskTracker? tracker = null, Action<EpochReport>? progress = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(targets, nameof(targets));
        Guard.NotNull(loss, nameof(loss));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        if (options.SamRho != 0) throw new ArgumentException("options.SamRho must be 0: the regression loop has no SAM step.", nameof(options));
        if (features.dim() < 1 || features.shape[0] == 0) throw new ArgumentException("features must hold at least one example.", nameof(features));
        long n = features.shape[0];
        if (targets.dim() != 1 || targets.shape[0] != n)
            throw new ArgumentException($"targets must have shape [{n}] to match features; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (!targets.is_floating_point()) throw new ArgumentException($"targets must be floating point; got {targets.dtype}.", nameof(targets));
        if (tracker is not null && tracker.Count != n)
            throw new ArgumentException($"tracker must track {n} examples (one per training example); it tracks {tracker.Count}.", nameof(tracker));
        var device = Trainer.TrainingDevice(model, options);
        using var moved = Devices.Same(targets.device, device) ? null : targets.to(device);
        var targetsOnDevice = moved ?? targets;
        return Trainer.Fit(model, features, (output, rows, epoch) =>
        {
            long size = rows.shape[0];
            if (output.numel() != size)
                throw new ArgumentException($"model must give one output per example ([{size}, 1] or [{size}]); it gave [{string.Join(", ", output.shape)}].", nameof(model));
            var result = loss(output.reshape(size), targetsOnDevice.index_select(0, rows), epoch)
                ?? throw new ArgumentException("loss returned null.", nameof(loss));
            tracker?.Record(rows, result.Kept ?? ones(size, ScalarType.Bool));
            return result.Loss;
        }, options, progress);
    }

    /// <summary>Predictions of a one-output model for <paramref name="features"/>, in batches, as doubles.</summary>
    public static double[] Predict(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
    {
        using var scope = NewDisposeScope();
        var outputs = Trainer.Outputs(model, features, batchSize);
        long n = features.shape[0];
        if (outputs.numel() != n)
            throw new ArgumentException($"model must give one output per example; it gave [{string.Join(", ", outputs.shape)}].", nameof(model));
        return outputs.reshape(n).to(float64).cpu().data<double>().ToArray();
    }
}

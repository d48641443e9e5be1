using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
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
/// diagnostic). The batching follows <see cref="Trainer"/>: a seeded permutation per epoch, every step in its own
/// dispose scope; the model is left in evaluation mode.
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
        var parameters = model.parameters().ToList();
        if (parameters.Count == 0) throw new ArgumentException("model has no parameters to train.", nameof(model));
        var device = options.Device ?? parameters[0].device;
        if (parameters.Any(p => !Devices.Same(p.device, device)))
            throw new ArgumentException($"model's parameters must be on {device}; move the model with model.to(device) first.", nameof(model));

        // Moved for the run only when they live elsewhere (disposing the caller's own tensors would be wrong).
        using var movedFeatures = Devices.Same(features.device, device) ? null : features.to(device);
        using var movedTargets = Devices.Same(targets.device, device) ? null : targets.to(device);
        var x0 = movedFeatures ?? features;
        var y0 = movedTargets ?? targets;
        var schedule = options.Schedule ?? Schedules.Constant(options.LearningRate);
        using var optimizer = Trainer.CreateOptimizer(parameters, options, schedule(0));
        using var shuffle = new Generator((ulong)options.Seed);
        var history = new List<EpochReport>(options.Epochs);
        var clock = Stopwatch.StartNew();
        try
        {
            model.train();
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                double rate = schedule(epoch);
                Trainer.SetLearningRate(optimizer, rate);
                double meanLoss;
                using (NewDisposeScope())
                {
                    var lossSum = zeros(1, device: device);
                    foreach (var index in MiniBatches.Shuffled(n, options.BatchSize, shuffle, device))
                    {
                        long size = index.shape[0];
                        var x = x0.index_select(0, index);
                        var y = y0.index_select(0, index);
                        var output = model.forward(x);
                        if (output.numel() != size)
                            throw new ArgumentException($"model must give one output per example ([{size}, 1] or [{size}]); it gave [{string.Join(", ", output.shape)}].", nameof(model));
                        var result = loss(output.reshape(size), y, epoch)
                            ?? throw new ArgumentException("loss returned null.", nameof(loss));
                        if (result.Loss.numel() != 1)
                            throw new ArgumentException($"loss must return a scalar; it returned shape [{string.Join(", ", result.Loss.shape)}].", nameof(loss));
                        optimizer.zero_grad();
                        result.Loss.backward();
                        optimizer.step();
                        lossSum.add_(result.Loss.detach(), alpha: size);
                        if (tracker is not null)
                            tracker.Record(index, result.Kept ?? ones(size, ScalarType.Bool));
                    }
                    meanLoss = lossSum.item<float>() / n;
                }
                if (!double.IsFinite(meanLoss)) throw new TrainingDivergedException(epoch, meanLoss);
                var report = new EpochReport(epoch, options.Epochs, meanLoss, rate, clock.Elapsed);
                history.Add(report);
                progress?.Invoke(report);
            }
        }
        finally
        {
            model.eval();
        }
        return new TrainingHistory(history);
    }

    /// <summary>Predictions of a one-output model for <paramref name="features"/>, in batches, as doubles.</summary>
    public static double[] Predict(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(features, nameof(features));
        Guard.Positive(batchSize, nameof(batchSize));
        if (features.dim() < 1 || features.shape[0] == 0)
            throw new ArgumentException("features must hold at least one example (a non-empty first dimension).", nameof(features));
        var device = model.parameters().FirstOrDefault()?.device ?? features.device;
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = features.shape[0];
        var result = new double[n];
        for (long start = 0; start < n; start += batchSize)
        {
            long size = Math.Min(batchSize, n - start);
            var output = model.forward(features.narrow(0, start, size).to(device));
            if (output.numel() != size)
                throw new ArgumentException($"model must give one output per example; it gave [{string.Join(", ", output.shape)}].", nameof(model));
            output.reshape(size).to(float64).cpu().data<double>().ToArray().CopyTo(result, start);
        }
        return result;
    }
}

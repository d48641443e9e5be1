using System.Diagnostics;
using DebiasKit.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// A seeded mini-batch training loop and batched prediction. Every step runs in its own dispose scope, so the
/// number of live tensors stays flat over epochs; the epoch's mean loss is accumulated on the device and read once
/// per epoch, so the loop adds no host synchronisation per step.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="data"/>: each epoch visits the examples in a seeded
    /// random order, in mini-batches; the model is put in training mode and left in evaluation mode. With
    /// <see cref="TrainOptions.SamRho"/> &gt; 0 every step is a sharpness-aware (SAM) step.
    /// </summary>
    /// <param name="model">The model; it must already be on the training device.</param>
    /// <param name="data">Training examples (moved to the device for the run if needed).</param>
    /// <param name="loss">The objective.</param>
    /// <param name="options">Epochs, batch size, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, ClassificationData data, LossFunction loss, TrainOptions options,
        Action<EpochReport>? progress = null)
    {
        Guard.NotNull(loss, nameof(loss));
        return RunOnData(model, data, null, (logits, y, weights, epoch) => loss(logits, y, epoch), options, progress);
    }

    /// <summary>
    /// Trains <paramref name="model"/> as <see cref="Fit(nn.Module{Tensor, Tensor}, ClassificationData, LossFunction, TrainOptions, Action{EpochReport}?)"/>
    /// does, with a weight per training example: each mini-batch's loss receives the weights of its examples.
    /// </summary>
    /// <param name="model">The model; it must already be on the training device.</param>
    /// <param name="data">Training examples.</param>
    /// <param name="exampleWeights">One finite, non-negative weight per example of <paramref name="data"/>, shape [N].</param>
    /// <param name="loss">The weighted objective (e.g. a weighted mean of per-example cross-entropies).</param>
    /// <param name="options">Epochs, batch size, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, ClassificationData data, Tensor exampleWeights, WeightedLossFunction loss,
        TrainOptions options, Action<EpochReport>? progress = null)
    {
        Guard.NotNull(data, nameof(data));
        Guard.NotNull(exampleWeights, nameof(exampleWeights));
        Guard.NotNull(loss, nameof(loss));
        if (exampleWeights.dim() != 1 || exampleWeights.shape[0] != data.Count)
            throw new ArgumentException($"exampleWeights must have shape [{data.Count}] (one weight per example); it has [{string.Join(", ", exampleWeights.shape)}].", nameof(exampleWeights));
        if (!exampleWeights.is_floating_point())
            throw new ArgumentException($"exampleWeights must be floating point; it is {exampleWeights.dtype}.", nameof(exampleWeights));
        if (Guard.AnyNegativeOrNotFinite(exampleWeights))
            throw new ArgumentException("exampleWeights must be finite and non-negative.", nameof(exampleWeights));
        return RunOnData(model, data, exampleWeights, (logits, y, weights, epoch) => loss(logits, y, weights!, epoch), options, progress);
    }

    /// <summary>
    /// Trains <paramref name="model"/> with the same loop on examples whose targets are not one class each: the loss
    /// receives the mini-batch's outputs and the row numbers of its examples in <paramref name="features"/>, and looks
    /// up whatever it needs per example (a label matrix for multi-label losses, regression targets, precomputed
    /// teachers' logits), or records something per example (a masking loss's masks).
    /// </summary>
    /// <param name="model">The model; it must already be on the training device.</param>
    /// <param name="features">Training inputs, [N, …] (moved to the device for the run if needed).</param>
    /// <param name="loss">The objective; its rows are int64 [B] on the training device.</param>
    /// <param name="options">Epochs, batch size, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, Tensor features, RowLossFunction loss, TrainOptions options,
        Action<EpochReport>? progress = null)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(loss, nameof(loss));
        if (features.dim() < 1 || features.shape[0] == 0)
            throw new ArgumentException("features must hold at least one example (a non-empty first dimension).", nameof(features));
        var device = TrainingDevice(model, options);
        using var moved = Devices.Same(features.device, device) ? null : features.to(device);
        return Run(model, moved ?? features, loss, options, progress);
    }

    // Class-label data: the labels (and weights) move to the device with the features, and the loss receives the batch's rows of them.
    private static TrainingHistory RunOnData(nn.Module<Tensor, Tensor> model, ClassificationData data, Tensor? exampleWeights,
        Func<Tensor, Tensor, Tensor?, int, Tensor> batchLoss, TrainOptions options, Action<EpochReport>? progress)
    {
        Guard.NotNull(data, nameof(data));
        if (data.Count == 0) throw new ArgumentException("data holds no examples.", nameof(data));
        var device = TrainingDevice(model, options);
        using var onDevice = Devices.Same(data.Features.device, device) && Devices.Same(data.Labels.device, device) ? null : data.To(device);
        var labels = (onDevice ?? data).Labels;
        using var movedWeights = exampleWeights is null || Devices.Same(exampleWeights.device, device) ? null : exampleWeights.to(device);
        var weights = movedWeights ?? exampleWeights;
        return Run(model, (onDevice ?? data).Features, (logits, rows, epoch) =>
            batchLoss(logits, labels.index_select(0, rows), weights?.index_select(0, rows), epoch), options, progress);
    }

    // The model's device for the run (options.Device, else its parameters'), after checking the model and options;
    // the loops built on Trainer move their own per-example tensors there.
    internal static Device TrainingDevice(nn.Module<Tensor, Tensor> model, TrainOptions options)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        var parameters = model.parameters().ToList();
        if (parameters.Count == 0) throw new ArgumentException("model has no parameters to train.", nameof(model));
        var device = options.Device ?? parameters[0].device;
        if (parameters.Any(p => !Devices.Same(p.device, device)))
            throw new ArgumentException($"model's parameters must be on {device}; move the model with model.to(device) first.", nameof(model));
        return device;
    }

    // The loop every Fit overload runs: features already on the training device; batchLoss gets the batch's outputs, rows and epoch.
    private static TrainingHistory Run(nn.Module<Tensor, Tensor> model, Tensor features, RowLossFunction batchLoss, TrainOptions options,
        Action<EpochReport>? progress)
    {
        var device = TrainingDevice(model, options);
        var parameters = model.parameters().ToList();
        var schedule = options.Schedule ?? Schedules.Constant(options.LearningRate);
        using var optimizer = CreateOptimizer(parameters, options, schedule(0));
        using var sam = options.SamRho > 0 ? new SharpnessAwareMinimization(parameters, optimizer, options.SamRho) : null;
        using var shuffle = new Generator((ulong)options.Seed);
        long n = features.shape[0];
        var history = new List<EpochReport>(options.Epochs);
        var clock = Stopwatch.StartNew();
        try
        {
            model.train();
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                double rate = schedule(epoch);
                SetLearningRate(optimizer, rate);
                double meanLoss;
                using (NewDisposeScope())
                {
                    var lossSum = zeros(1, device: device);
                    foreach (var index in MiniBatches.Shuffled(n, options.BatchSize, shuffle, device))
                    {
                        long size = index.shape[0];
                        var x = features.index_select(0, index);
                        Tensor BatchLoss()
                        {
                            var logits = model.forward(x);
                            Tensor value;
                            try
                            {
                                value = batchLoss(logits, index, epoch);
                            }
                            catch (ArgumentException) when (logits.isnan().any().item<bool>())
                            {
                                // The weights have become NaN: a diverged run, not a bad argument (the loss's own check saw it first).
                                throw new TrainingDivergedException(epoch, double.NaN);
                            }
                            if (value.numel() != 1)
                                throw new ArgumentException($"The loss must return a scalar; it returned shape [{string.Join(", ", value.shape)}]. Use Reduction.Mean or Sum.", "loss");
                            return value;
                        }
                        Tensor lossAtW;
                        if (sam is null)
                        {
                            optimizer.zero_grad();
                            lossAtW = BatchLoss();
                            lossAtW.backward();
                            optimizer.step();
                        }
                        else
                        {
                            lossAtW = sam.Step(BatchLoss);
                        }
                        lossSum.add_(lossAtW.detach(), alpha: size);
                    }
                    meanLoss = lossSum.item<float>() / n;
                }
                if (!double.IsFinite(meanLoss))
                    throw new TrainingDivergedException(epoch, meanLoss);
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

    /// <summary>
    /// The model's raw outputs (logits, scores) for <paramref name="features"/>: evaluation mode, no gradient, in
    /// batches of <paramref name="batchSize"/> on the model's device, returned on the features' device as [N, …]. The
    /// prediction helpers of the kit's training loops start from it.
    /// </summary>
    public static Tensor Outputs(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
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
        var parts = new List<Tensor>();
        long n = features.shape[0];
        for (long start = 0; start < n; start += batchSize)
            parts.Add(model.forward(features.narrow(0, start, Math.Min(batchSize, n - start)).to(device)).to(features.device));
        return (parts.Count == 1 ? parts[0] : cat(parts, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>Class probabilities (softmax of the logits) for <paramref name="features"/>, in batches, on the CPU as float32 [N, C].</summary>
    public static Tensor PredictProbabilities(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
    {
        using var scope = NewDisposeScope();
        var logits = Outputs(model, features, batchSize);
        return nn.functional.softmax(logits, 1).to(float32).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>Predicted class (arg-max of the logits) of every example, in batches.</summary>
    public static long[] Predict(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = 4096)
    {
        using var probabilities = PredictProbabilities(model, features, batchSize);
        using var predicted = probabilities.argmax(1);
        return predicted.data<long>().ToArray();
    }

    /// <summary>The optimiser <paramref name="options"/> names, at <paramref name="rate"/> (shared with the kit's other loops).</summary>
    internal static OptimizerHelper CreateOptimizer(IEnumerable<Parameter> parameters, TrainOptions options, double rate) =>
        options.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, rate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            OptimizerKind.Adam => optim.Adam(parameters, rate, weight_decay: options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };

    /// <summary>Sets every parameter group's learning rate (the schedule's value for the epoch).</summary>
    internal static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}

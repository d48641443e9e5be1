using System.Diagnostics;
using DebiasKit.Data.Augmentation;
using DebiasKit.Losses;
using DebiasKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>Settings of <see cref="ContrastivePretraining.Fit"/>.</summary>
public sealed record ContrastiveOptions
{
    /// <summary>Passes over the unlabelled inputs.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Images per mini-batch (each gives two views, so 2·BatchSize − 2 negatives per anchor).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-6;

    /// <summary>NT-Xent temperature τ.</summary>
    public double Temperature { get; init; } = 0.5;

    /// <summary>Seeds the shuffling and the augmentations (model initialisation: <see cref="Seeds.Apply"/> before building the encoder).</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Guard.Positive(Epochs, nameof(Epochs));
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2 (a pair needs negatives).");
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        Guard.Positive(Temperature, nameof(Temperature));
    }
}

/// <summary>
/// Unsupervised SimCLR pretraining (Chen et al., ICML 2020) of a <see cref="ContrastiveEncoder"/>: each epoch visits
/// the inputs in a seeded random order; every mini-batch of B images is augmented twice by
/// <see cref="ImageAugmentation.Apply"/> and the encoder minimises <see cref="Functional.NtXentLoss"/> between the two
/// views' projections (the other 2B − 2 views of the batch are the negatives). Labels are never seen, so one
/// pretrained encoder serves every label-noise level and every arm of a notebook. Adam, constant step size; a last
/// mini-batch of a single image is dropped (it has no negative). The encoder is left in evaluation mode.
/// </summary>
public static class ContrastivePretraining
{
    /// <param name="encoder">The encoder, already on its training device.</param>
    /// <param name="inputs">Unlabelled inputs [N, F] (N ≥ 2), flattened images as <paramref name="augmentation"/> expects.</param>
    /// <param name="augmentation">Draws the random views.</param>
    /// <param name="options">Epochs, batch size, optimiser, temperature, seed.</param>
    /// <param name="progress">Called after every epoch with the mean NT-Xent loss.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(ContrastiveEncoder encoder, Tensor inputs, ImageAugmentation augmentation, ContrastiveOptions options,
        Action<EpochReport>? progress = null)
    {
        Guard.NotNull(encoder, nameof(encoder));
        Guard.NotNull(inputs, nameof(inputs));
        Guard.NotNull(augmentation, nameof(augmentation));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        if (inputs.dim() != 2 || inputs.shape[0] < 2)
            throw new ArgumentException($"inputs must be [N, F] with N ≥ 2; got [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        var device = encoder.parameters().First().device;

        using var optimizer = optim.Adam(encoder.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        using var shuffle = new Generator((ulong)options.Seed);
        using var views = new Generator((ulong)options.Seed + 0x5EED);
        long n = inputs.shape[0];
        var history = new List<EpochReport>(options.Epochs);
        var clock = Stopwatch.StartNew();
        try
        {
            encoder.train();
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                double meanLoss;
                long seen = 0;
                using (NewDisposeScope())
                {
                    var lossSum = zeros(1, device: device);
                    // A lone last example has no negative pair: batches of one are skipped.
                    foreach (var index in MiniBatches.Shuffled(n, options.BatchSize, shuffle, inputs.device, minimumSize: 2))
                    {
                        long size = index.shape[0];
                        var batch = inputs.index_select(0, index);
                        var first = augmentation.Apply(batch, views).to(device);
                        var second = augmentation.Apply(batch, views).to(device);
                        optimizer.zero_grad();
                        var loss = Functional.NtXentLoss(encoder.forward(first), encoder.forward(second), options.Temperature);
                        loss.backward();
                        optimizer.step();
                        lossSum.add_(loss.detach(), alpha: size);
                        seen += size;
                    }
                    meanLoss = lossSum.item<float>() / seen;
                }
                if (!double.IsFinite(meanLoss)) throw new TrainingDivergedException(epoch, meanLoss);
                var report = new EpochReport(epoch, options.Epochs, meanLoss, options.LearningRate, clock.Elapsed);
                history.Add(report);
                progress?.Invoke(report);
            }
        }
        finally
        {
            encoder.eval();
        }
        return new TrainingHistory(history);
    }
}

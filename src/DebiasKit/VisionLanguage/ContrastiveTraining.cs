using DebiasKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.VisionLanguage;

/// <summary>
/// CLIP-style training of a <see cref="TinyDualEncoder"/> on (image, caption) pairs: seeded shuffling, mini-batches,
/// Adam, the <see cref="ContrastiveLoss.Symmetric"/> loss with the model's learnable temperature. Each step runs in its
/// own dispose scope (memory stays flat); the epoch's mean loss is read once per epoch.
/// </summary>
public static class ContrastiveTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> in place and returns the mean loss of every epoch. Seed the initialisation with
    /// <see cref="Seeds.Apply"/> before building the model; the shuffling is seeded by <see cref="ContrastiveTrainOptions.Seed"/>.
    /// </summary>
    /// <param name="model">The encoder, on the device of the data.</param>
    /// <param name="images">Images [N, C, S, S].</param>
    /// <param name="tokens">Caption tokens [N, L], row i describing image i.</param>
    /// <param name="options">Epochs, batch size, learning rate, seed.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static double[] Fit(TinyDualEncoder model, Tensor images, Tensor tokens, ContrastiveTrainOptions options)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(tokens, nameof(tokens));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        if (images.dim() < 1 || tokens.dim() != 2 || images.shape[0] != tokens.shape[0])
            throw new ArgumentException($"tokens must have one caption per image: images [{string.Join(", ", images.shape)}], tokens [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        long n = images.shape[0];
        if (n < 2) throw new ArgumentException("images must hold at least two pairs.", nameof(images));
        var device = images.device;
        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        using var shuffle = new Generator((ulong)options.Seed);
        var losses = new double[options.Epochs];
        model.train();
        try
        {
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                using var epochScope = NewDisposeScope();
                var sum = zeros(1, device: device);
                // A lone last pair has no negatives: batches of one are skipped.
                foreach (var index in MiniBatches.Shuffled(n, options.BatchSize, shuffle, device, minimumSize: 2))
                {
                    long size = index.shape[0];
                    optimizer.zero_grad();
                    var loss = ContrastiveLoss.Symmetric(model.EncodeImages(images.index_select(0, index)),
                        model.EncodeText(tokens.index_select(0, index)), model.LogitScale());
                    loss.backward();
                    optimizer.step();
                    sum.add_(loss.detach(), alpha: size);
                }
                losses[epoch] = sum.item<float>() / n;
                if (!double.IsFinite(losses[epoch])) throw new TrainingDivergedException(epoch, losses[epoch]);
            }
        }
        finally
        {
            model.eval();
        }
        return losses;
    }
}

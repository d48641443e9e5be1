using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// One epoch of seeded mini-batches, the order every training loop of the kit uses: a fresh permutation of the
/// examples drawn from the run's own generator, cut into consecutive batches (the last one may be smaller).
/// Sharing it keeps the loops' orders identical for identical seeds and frees each step's tensors in one place.
/// </summary>
public static class MiniBatches
{
    /// <summary>
    /// Yields the example indices of each batch of one epoch ([size] int64 on <paramref name="device"/>). Every
    /// batch is handed out inside its own dispose scope: whatever the caller creates while handling a batch (its
    /// forward pass, loss, gradients) is freed when the next batch is drawn or the loop ends, so memory stays flat
    /// over steps. Results the caller keeps must be accumulated in place into tensors created before the loop, or
    /// moved out with <c>MoveToOuterDisposeScope</c>. The permutation itself belongs to the scope that is current
    /// when the loop starts. A batch smaller than <paramref name="minimumSize"/> (only the last can be) is skipped,
    /// for objectives such as contrastive losses that need at least two examples.
    /// </summary>
    /// <param name="count">Number of examples, ≥ 1.</param>
    /// <param name="batchSize">Examples per batch, ≥ 1.</param>
    /// <param name="shuffle">The run's generator; each call draws one permutation from it.</param>
    /// <param name="device">Device of the returned indices (that of the data they index).</param>
    /// <param name="minimumSize">Smallest batch handed out, ≥ 1.</param>
    public static IEnumerable<Tensor> Shuffled(long count, int batchSize, Generator shuffle, Device device, int minimumSize = 1)
    {
        Guard.Positive(count, nameof(count));
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.NotNull(shuffle, nameof(shuffle));
        Guard.Positive(minimumSize, nameof(minimumSize));
        return Batches(count, batchSize, shuffle, device, minimumSize);
    }

    private static IEnumerable<Tensor> Batches(long count, int batchSize, Generator shuffle, Device device, int minimumSize)
    {
        var order = randperm(count, generator: shuffle).to(device);
        for (long start = 0; start < count; start += batchSize)
        {
            long size = Math.Min(batchSize, count - start);
            if (size < minimumSize) yield break;
            using var step = NewDisposeScope();
            yield return order.narrow(0, start, size);
        }
    }
}

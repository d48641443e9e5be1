using DebiasKit.Losses;
using DebiasKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// A seeded mini-batch loop that trains a <see cref="SmallVae"/> on the negative ELBO (<see cref="Functional.VaeLoss"/>,
/// Bernoulli decoder, β-weighted KL) with Adam: each epoch visits the examples in a seeded random order. The VAE is left
/// in evaluation mode (z = μ), ready to encode and decode deterministically, as the counterfactual explainer of paper 074
/// uses it.
/// </summary>
public static class VaeTrainer
{
    /// <summary>Trains <paramref name="vae"/> in place and returns the mean loss of every epoch.</summary>
    /// <param name="vae">The model, on the device of <paramref name="inputs"/>.</param>
    /// <param name="inputs">Training examples as intensities in [0, 1], [N, F].</param>
    /// <param name="epochs">Passes over the data, ≥ 1.</param>
    /// <param name="batchSize">Examples per step, ≥ 1.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="beta">Weight of the KL term (1: the ELBO).</param>
    /// <param name="seed">Seed of the example order (the reparameterisation noise uses torch's global generator; seed it with <see cref="Seeds.Apply"/>).</param>
    public static double[] Fit(SmallVae vae, Tensor inputs, int epochs, int batchSize = 64, double learningRate = 1e-3, double beta = 1.0, int seed = 0)
    {
        Guard.NotNull(vae, nameof(vae));
        Guard.NotNull(inputs, nameof(inputs));
        Guard.Positive(epochs, nameof(epochs));
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.NonNegative(beta, nameof(beta));
        if (inputs.dim() != 2 || inputs.shape[0] == 0)
            throw new ArgumentException($"inputs must be [N, F] with N ≥ 1; got [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        using (var check = NewDisposeScope())
            if (!inputs.isfinite().all().item<bool>() || (inputs < 0).any().item<bool>() || (inputs > 1).any().item<bool>())
                throw new ArgumentException("inputs must be intensities in [0, 1] (no NaN).", nameof(inputs));

        long n = inputs.shape[0];
        var device = inputs.device;
        using var optimizer = optim.Adam(vae.parameters(), learningRate);
        using var shuffle = new Generator((ulong)seed);
        var losses = new double[epochs];
        vae.train();
        try
        {
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                using var epochScope = NewDisposeScope();
                var sum = zeros(1, dtype: float64, device: device);
                foreach (var index in MiniBatches.Shuffled(n, batchSize, shuffle, device))
                {
                    long size = index.shape[0];
                    var x = inputs.index_select(0, index);
                    optimizer.zero_grad();
                    var (logits, mean, logVariance) = vae.forward(x);
                    var loss = Functional.VaeLoss(logits, x, mean, logVariance, beta);
                    loss.backward();
                    optimizer.step();
                    sum.add_(loss.detach().to(float64), alpha: size);
                }
                losses[epoch] = sum.item<double>() / n;
            }
        }
        finally
        {
            vae.eval();
        }
        return losses;
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A small variational autoencoder on flat inputs (Kingma and Welling, 2014): an MLP encoder to the mean and log-variance
/// of a diagonal Gaussian q(z | x), the reparameterised sample z = μ + σ·ε, and an MLP decoder to Bernoulli logits of
/// the input. Train it with <see cref="Losses.Functional.VaeLoss"/>. In evaluation mode (<c>eval()</c>) the forward pass
/// uses z = μ, so encodings and reconstructions are deterministic. Shared by the papers that need a generative model of
/// images at toy scale (counterfactual construction in paper 074).
/// </summary>
public sealed class SmallVae : nn.Module<Tensor, (Tensor Logits, Tensor Mean, Tensor LogVariance)>
{
    private readonly Sequential encoder;
    private readonly Linear toMean, toLogVariance;
    private readonly Sequential decoder;
    private readonly int inputWidth;

    /// <param name="inputs">Input width F (for example 784 for 28 × 28 images).</param>
    /// <param name="hidden">Width of the encoder's and the decoder's hidden layer.</param>
    /// <param name="latent">Latent dimension D.</param>
    public SmallVae(int inputs, int hidden, int latent) : base(nameof(SmallVae))
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(hidden, nameof(hidden));
        Guard.Positive(latent, nameof(latent));
        encoder = nn.Sequential(("linear", nn.Linear(inputs, hidden)), ("relu", nn.ReLU()));
        toMean = nn.Linear(hidden, latent);
        toLogVariance = nn.Linear(hidden, latent);
        decoder = nn.Sequential(("linear0", nn.Linear(latent, hidden)), ("relu", nn.ReLU()), ("linear1", nn.Linear(hidden, inputs)));
        inputWidth = inputs;
        Latent = latent;
        RegisterComponents();
    }

    /// <summary>Latent dimension D.</summary>
    public int Latent { get; }

    /// <summary>μ and log σ² of q(z | x), each [N, D].</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        if (input.dim() != 2 || input.shape[1] != inputWidth)
            throw new ArgumentException($"input must be [N, {inputWidth}]; got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        var h = encoder.forward(input);
        return (toMean.forward(h).MoveToOuterDisposeScope(), toLogVariance.forward(h).MoveToOuterDisposeScope());
    }

    /// <summary>Bernoulli logits of the input for latent codes z, [N, F].</summary>
    public Tensor Decode(Tensor latent)
    {
        Guard.NotNull(latent, nameof(latent));
        if (latent.dim() != 2 || latent.shape[1] != Latent)
            throw new ArgumentException($"latent must be [N, {Latent}]; got [{string.Join(", ", latent.shape)}].", nameof(latent));
        return decoder.forward(latent);
    }

    /// <summary>Reconstruction logits, μ and log σ²; z is sampled in training mode and equals μ in evaluation mode.</summary>
    public override (Tensor Logits, Tensor Mean, Tensor LogVariance) forward(Tensor input)
    {
        var (mean, logVariance) = Encode(input);
        using var scope = NewDisposeScope();
        var z = training ? mean + (logVariance * 0.5).exp() * randn_like(mean) : mean;
        return (Decode(z).MoveToOuterDisposeScope(), mean, logVariance);
    }
}

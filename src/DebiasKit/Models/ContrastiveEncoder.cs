using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A small SimCLR-style encoder for flat inputs (Chen, Kornblith, Norouzi and Hinton, "A Simple Framework for
/// Contrastive Learning of Visual Representations", ICML 2020): an MLP encoder f (Linear → ReLU blocks, then a linear
/// layer to the representation h = f(x)) and a projection head g (ReLU → Linear(h, h) → ReLU → Linear(h, p)) whose
/// output z = g(h) enters the contrastive loss. As in SimCLR, the representation used downstream is h, before the
/// projection head. h has no final ReLU, so it is not forced into the non-negative orthant (RCAL, paper 113, models
/// each class's h as a Gaussian). Train it with <see cref="Training.ContrastivePretraining"/>; <c>forward</c> returns z.
/// Shared by the papers that start from an unsupervised contrastive representation (113 and later ones).
/// </summary>
public sealed class ContrastiveEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Sequential projector;
    private readonly int inputWidth;

    /// <param name="inputs">Input width F (for example 196 for 14 × 14 images).</param>
    /// <param name="hidden">Widths of the encoder's hidden ReLU layers (may be empty).</param>
    /// <param name="representation">Width of h.</param>
    /// <param name="projection">Width of z (SimCLR: 128 on a 2048-wide h; smaller here).</param>
    public ContrastiveEncoder(int inputs, IReadOnlyList<int> hidden, int representation, int projection) : base(nameof(ContrastiveEncoder))
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.NotNull(hidden, nameof(hidden));
        Guard.Positive(representation, nameof(representation));
        Guard.Positive(projection, nameof(projection));
        var (layers, width) = Mlp.HiddenLayers(inputs, hidden);
        layers.Add(("representation", nn.Linear(width, representation)));
        encoder = nn.Sequential(layers);
        projector = nn.Sequential(("relu0", nn.ReLU()), ("linear0", nn.Linear(representation, representation)),
            ("relu1", nn.ReLU()), ("linear1", nn.Linear(representation, projection)));
        inputWidth = inputs;
        RepresentationWidth = representation;
        ProjectionWidth = projection;
        RegisterComponents();
    }

    /// <summary>Width of the representation h.</summary>
    public int RepresentationWidth { get; }

    /// <summary>Width of the projection z.</summary>
    public int ProjectionWidth { get; }

    /// <summary>The representation h = f(x), [N, representation] (with gradients when called in training).</summary>
    public Tensor Encode(Tensor input)
    {
        CheckInput(input);
        return encoder.forward(input);
    }

    /// <summary>
    /// h for many inputs without gradients, in evaluation mode and in batches, on the inputs' device: the frozen
    /// representation downstream classifiers are trained on. The module's training flag is restored afterwards.
    /// </summary>
    public Tensor Represent(Tensor input, int batchSize = 4096)
    {
        CheckInput(input);
        Guard.Positive(batchSize, nameof(batchSize));
        if (input.shape[0] == 0) throw new ArgumentException("input must hold at least one row.", nameof(input));
        bool wasTraining = training;
        eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var device = parameters().First().device;
            var parts = new List<Tensor>();
            for (long start = 0; start < input.shape[0]; start += batchSize)
            {
                long size = Math.Min(batchSize, input.shape[0] - start);
                parts.Add(encoder.forward(input.narrow(0, start, size).to(device)).to(input.device));
            }
            var result = parts.Count == 1 ? parts[0] : cat(parts, 0);
            return result.MoveToOuterDisposeScope();
        }
        finally
        {
            if (wasTraining) train();
        }
    }

    /// <summary>z = g(f(x)), the projection the contrastive loss compares.</summary>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        using var scope = NewDisposeScope();
        return projector.forward(encoder.forward(input)).MoveToOuterDisposeScope();
    }

    private void CheckInput(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        if (input.dim() != 2 || input.shape[1] != inputWidth)
            throw new ArgumentException($"{nameof(input)} must be [N, {inputWidth}]; got [{string.Join(", ", input.shape)}].", nameof(input));
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A ConfidNet-style confidence head (Corbière et al., NeurIPS 2019; BTCP's <c>models/ConvNetMNIST.py</c>): an MLP
/// on a classifier's penultimate features, Linear → ReLU blocks, then Linear(·, 1) and a hard sigmoid,
/// ĉ = clamp(a / 6 + 1/2, 0, 1), so the predicted true-class probability lies in [0, 1]. The reference uses four
/// hidden layers of 400 units on 128 features. Output shape [N].
/// </summary>
public sealed class ConfidenceHead : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Linear output;
    private readonly int inputWidth;

    /// <param name="inputs">Width of the features the head reads (the classifier's feature width).</param>
    /// <param name="hidden">Widths of the hidden layers (may be empty; the reference: 400, 400, 400, 400).</param>
    public ConfidenceHead(int inputs, IReadOnlyList<int> hidden) : base(nameof(ConfidenceHead))
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.NotNull(hidden, nameof(hidden));
        var (layers, width) = Mlp.HiddenLayers(inputs, hidden);
        body = nn.Sequential(layers);
        output = nn.Linear(width, 1);
        inputWidth = inputs;
        RegisterComponents();
    }

    /// <summary>Predicted confidence ĉ ∈ [0, 1] for each row of <paramref name="features"/> [N, inputs]: shape [N].</summary>
    public override Tensor forward(Tensor features)
    {
        Guard.NotNull(features, nameof(features));
        if (features.dim() != 2 || features.shape[1] != inputWidth)
            throw new ArgumentException($"{nameof(features)} must have shape [N, {inputWidth}]; got [{string.Join(", ", features.shape)}].", nameof(features));
        using var scope = NewDisposeScope();
        return nn.functional.hardsigmoid(output.forward(body.forward(features))).squeeze(1).MoveToOuterDisposeScope();
    }
}

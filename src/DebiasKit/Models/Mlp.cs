using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A multilayer perceptron classifier: Linear → ReLU blocks, then a linear head or a cosine head
/// (<see cref="NormedLinear"/>, for margin losses such as LDAM).
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly nn.Module<Tensor, Tensor> head;
    private readonly int inputWidth;

    /// <param name="inputs">Input width.</param>
    /// <param name="hidden">Widths of the hidden layers (may be empty: a linear model).</param>
    /// <param name="classes">Number of outputs.</param>
    /// <param name="cosineHead">Use a <see cref="NormedLinear"/> head instead of a linear one.</param>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int classes, bool cosineHead = false) : base(nameof(Mlp))
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.NotNull(hidden, nameof(hidden));
        Guard.Positive(classes, nameof(classes));
        var (layers, width) = HiddenLayers(inputs, hidden);
        body = nn.Sequential(layers);
        head = cosineHead ? new NormedLinear(width, classes) : nn.Linear(width, classes);
        FeatureWidth = width;
        inputWidth = inputs;
        RegisterComponents();
    }

    /// <summary>Width of the representation the head sees.</summary>
    public int FeatureWidth { get; }

    /// <summary>The representation before the head.</summary>
    public Tensor Features(Tensor input)
    {
        CheckInput(input);
        return body.forward(input);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        using var scope = NewDisposeScope();
        return head.forward(body.forward(input)).MoveToOuterDisposeScope();
    }

    private void CheckInput(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        if (input.dim() == 0 || input.shape[^1] != inputWidth)
            throw new ArgumentException($"{nameof(input)} must have {inputWidth} features in its last dimension; got [{string.Join(", ", input.shape)}].", nameof(input));
    }

    /// <summary>
    /// The hidden stack linear0, relu0, linear1, relu1, … from <paramref name="inputs"/> through the widths in
    /// <paramref name="hidden"/>, and the width it ends at: shared by every MLP-shaped model of the kit, so that the
    /// same seed gives the same initial weights.
    /// </summary>
    internal static (List<(string Name, nn.Module<Tensor, Tensor> Layer)> Layers, int Width) HiddenLayers(int inputs, IReadOnlyList<int> hidden)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int i = 0; i < hidden.Count; i++)
        {
            Guard.Positive(hidden[i], $"{nameof(hidden)}[{i}]");
            layers.Add(($"linear{i}", nn.Linear(width, hidden[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            width = hidden[i];
        }
        return (layers, width);
    }
}

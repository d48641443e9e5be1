using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A small convolutional classifier for small images ([N, channels, height, width], for example 1×28×28 digits):
/// two 3×3 convolution blocks (16 and 32 channels, ReLU, 2×2 max-pooling), a hidden layer and a linear or cosine head.
/// Height and width must be divisible by 4.
/// </summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly nn.Module<Tensor, Tensor> head;
    private readonly long[] imageShape;   // [channels, height, width]

    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height (divisible by 4).</param>
    /// <param name="width">Input width (divisible by 4).</param>
    /// <param name="classes">Number of outputs.</param>
    /// <param name="hidden">Width of the hidden layer before the head.</param>
    /// <param name="cosineHead">Use a <see cref="NormedLinear"/> head.</param>
    public SmallCnn(int channels, int height, int width, int classes, int hidden = 64, bool cosineHead = false)
        : base(nameof(SmallCnn))
    {
        Guard.Positive(channels, nameof(channels));
        Guard.Positive(classes, nameof(classes));
        Guard.Positive(hidden, nameof(hidden));
        if (height <= 0 || height % 4 != 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be a positive multiple of 4.");
        if (width <= 0 || width % 4 != 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be a positive multiple of 4.");
        features = nn.Sequential(
            ("conv1", nn.Conv2d(channels, 16, 3, padding: 1)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(16, 32, 3, padding: 1)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("hidden", nn.Linear(32 * (height / 4) * (width / 4), hidden)), ("relu3", nn.ReLU()));
        head = cosineHead ? new NormedLinear(hidden, classes) : nn.Linear(hidden, classes);
        imageShape = [channels, height, width];
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        if (input.dim() != 4 || !input.shape.Skip(1).SequenceEqual(imageShape))
            throw new ArgumentException($"{nameof(input)} must have shape [N, {string.Join(", ", imageShape)}]; got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        return head.forward(features.forward(input)).MoveToOuterDisposeScope();
    }
}

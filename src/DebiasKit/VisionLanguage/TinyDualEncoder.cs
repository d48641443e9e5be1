using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.VisionLanguage;

/// <summary>
/// A CLIP-style dual encoder small enough to train from scratch on a CPU in a second or two (the toy that stands in for
/// CLIP in papers 003 and 015). Image side: two 3×3 convolution blocks (16 and 32 channels by default, ReLU, 2×2 max-pooling), a
/// hidden layer and a linear map to the shared dimension d. Text side: the mean of the token embeddings of a caption
/// (padding ignored), optionally a tanh hidden layer, and a linear map to d. Both outputs are L2-normalised; the
/// similarity logits are s · cos with a learnable temperature s = exp(logit_scale), initialised at 1/0.07 and capped at
/// 100 as in CLIP (Radford et al., 2021).
/// <para>The mean of token embeddings followed by a linear map makes a text feature (before normalisation) the mean of
/// per-word vectors, so "a photo of a &lt;attribute&gt; &lt;concept&gt;" differs from its attribute-swapped version by the
/// same vector for every concept; <c>textHidden</c> &gt; 0 breaks that exact additivity.</para>
/// </summary>
public sealed class TinyDualEncoder : nn.Module
{
    private readonly Sequential image;
    private readonly Embedding embedding;
    private readonly Sequential text;
    private readonly Parameter logit_scale;
    private readonly long[] imageShape;

    /// <param name="channels">Image channels.</param>
    /// <param name="imageSize">Image side (a positive multiple of 4).</param>
    /// <param name="vocabulary">Vocabulary size, including the padding token 0.</param>
    /// <param name="dimension">Shared embedding dimension d.</param>
    /// <param name="imageHidden">Width of the image encoder's hidden layer.</param>
    /// <param name="tokenDimension">Width of the token embeddings.</param>
    /// <param name="textHidden">Width of an optional tanh hidden layer of the text encoder (0: none, the text head is linear).</param>
    /// <param name="convChannels">Channels of the first convolution (the second has twice as many).</param>
    public TinyDualEncoder(int channels, int imageSize, int vocabulary, int dimension = 32, int imageHidden = 64, int tokenDimension = 32, int textHidden = 0, int convChannels = 16)
        : base(nameof(TinyDualEncoder))
    {
        Guard.Positive(channels, nameof(channels));
        if (imageSize <= 0 || imageSize % 4 != 0) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "imageSize must be a positive multiple of 4.");
        if (vocabulary < 2) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "vocabulary must hold the padding token and at least one word.");
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(imageHidden, nameof(imageHidden));
        Guard.Positive(tokenDimension, nameof(tokenDimension));
        Guard.NonNegative(textHidden, nameof(textHidden));
        Guard.Positive(convChannels, nameof(convChannels));
        int c1 = convChannels, c2 = 2 * convChannels;
        int cells = (imageSize / 4) * (imageSize / 4);
        image = nn.Sequential(
            ("conv1", nn.Conv2d(channels, c1, 3, padding: 1)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(c1, c2, 3, padding: 1)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("hidden", nn.Linear(c2 * cells, imageHidden)), ("relu3", nn.ReLU()),
            ("project", nn.Linear(imageHidden, dimension)));
        embedding = nn.Embedding(vocabulary, tokenDimension, padding_idx: 0);
        text = textHidden > 0
            ? nn.Sequential(("hidden", nn.Linear(tokenDimension, textHidden)), ("tanh", nn.Tanh()), ("project", nn.Linear(textHidden, dimension)))
            : nn.Sequential(("project", nn.Linear(tokenDimension, dimension)));
        logit_scale = new Parameter(tensor(Math.Log(1 / 0.07), ScalarType.Float32));
        imageShape = [channels, imageSize, imageSize];
        Dimension = dimension;
        Vocabulary = vocabulary;
        RegisterComponents();
    }

    /// <summary>The shared embedding dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Vocabulary size (token ids lie in [0, Vocabulary); 0 is padding).</summary>
    public int Vocabulary { get; }

    /// <summary>The temperature s = exp(logit_scale), capped at 100 (a scalar tensor that carries gradients).</summary>
    public Tensor LogitScale() => logit_scale.exp().clamp_max(100);

    /// <summary>L2-normalised image features [N, d] of images [N, C, S, S].</summary>
    public Tensor EncodeImages(Tensor images)
    {
        Guard.NotNull(images, nameof(images));
        if (images.dim() != 4 || !images.shape.Skip(1).SequenceEqual(imageShape) || !images.is_floating_point())
            throw new ArgumentException($"images must be a floating-point tensor of shape [N, {string.Join(", ", imageShape)}]; got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        return nn.functional.normalize(image.forward(images), p: 2, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// L2-normalised text features [N, d] of token sequences [N, L] (int64, padded with 0; each row needs at least one
    /// word). Any sequence of vocabulary ids works, including prompts never seen in training.
    /// </summary>
    public Tensor EncodeText(Tensor tokens)
    {
        Guard.NotNull(tokens, nameof(tokens));
        if (tokens.dim() != 2 || tokens.dtype != ScalarType.Int64)
            throw new ArgumentException($"tokens must be an int64 tensor of shape [N, L]; got {tokens.dtype} [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        using var scope = NewDisposeScope();
        if (tokens.numel() > 0 && (tokens.lt(0).any().item<bool>() || tokens.ge(Vocabulary).any().item<bool>()))
            throw new ArgumentException($"tokens must be ids in [0, {Vocabulary - 1}].", nameof(tokens));
        var words = tokens.ne(0).to(ScalarType.Float32).unsqueeze(-1);          // [N, L, 1]
        var lengths = words.sum(1);                                              // [N, 1]
        if (tokens.shape[0] > 0 && lengths.min().item<float>() < 1)
            throw new ArgumentException("every row of tokens must hold at least one word (a non-zero id).", nameof(tokens));
        var mean = (embedding.forward(tokens) * words).sum(1) / lengths;         // [N, e]
        return nn.functional.normalize(text.forward(mean), p: 2, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>Text features of the rows of <paramref name="tokens"/> without gradients, in evaluation mode.</summary>
    public Tensor TextFeatures(Tensor tokens)
    {
        using var noGrad = no_grad();
        eval();
        return EncodeText(tokens);
    }

    /// <summary>Image features of <paramref name="images"/> without gradients, in evaluation mode, in batches.</summary>
    public Tensor ImageFeatures(Tensor images, int batchSize = 2048)
    {
        Guard.NotNull(images, nameof(images));
        Guard.Positive(batchSize, nameof(batchSize));
        using var noGrad = no_grad();
        eval();
        if (images.dim() >= 1 && images.shape[0] <= batchSize) return EncodeImages(images);
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
            parts.Add(EncodeImages(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))));
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}

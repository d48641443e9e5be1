using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// Colored-MNIST (Arjovsky et al. 2019, "Invariant Risk Minimization"): real digits tinted with a colour that
/// agrees with the label at a chosen rate. In training the colour is a shortcut that predicts the label better than
/// the shape does; at test time it is random, so a model that learned the colour fails.
/// </summary>
public static class ColoredMnist
{
    /// <summary>The two colours of the binary task: red for label 0 (digits 0–4), green for label 1 (digits 5–9).</summary>
    public static IReadOnlyList<(float R, float G, float B)> BinaryPalette { get; } = [(1f, 0f, 0f), (0f, 1f, 0f)];

    /// <summary>Ten well-separated colours, one per digit, for the ten-class task.</summary>
    public static IReadOnlyList<(float R, float G, float B)> DigitPalette { get; } =
    [
        (0.12f, 0.47f, 0.71f), (1.00f, 0.50f, 0.05f), (0.17f, 0.63f, 0.17f), (0.84f, 0.15f, 0.16f), (0.58f, 0.40f, 0.74f),
        (0.55f, 0.34f, 0.29f), (0.89f, 0.47f, 0.76f), (0.50f, 0.50f, 0.50f), (0.74f, 0.74f, 0.13f), (0.09f, 0.75f, 0.81f),
    ];

    /// <summary>
    /// Tints the digits at <paramref name="indices"/>. The label is digit ≥ 5 (binary) or the digit; with
    /// probability <paramref name="labelNoise"/> it is replaced by another class (Arjovsky et al. use 0.25, so shape
    /// predicts the label at most 75 % of the time). The colour then equals the label with probability
    /// <paramref name="colourAgreement"/> and is one of the other colours, uniformly, otherwise: so agreement 1/K
    /// (0.5 binary, 0.1 for ten classes) makes the colour independent of the label, as in a test environment.
    /// </summary>
    /// <param name="digits">Grey digits, e.g. <see cref="Mnist.Load"/>.</param>
    /// <param name="indices">Which digits to use.</param>
    /// <param name="colourAgreement">Probability that the colour equals the label, in [0, 1].</param>
    /// <param name="seed">Seed of the label noise and the colours.</param>
    /// <param name="binary">Two classes (digit ≥ 5) rather than ten.</param>
    /// <param name="labelNoise">Probability of replacing the label with another class, in [0, 1).</param>
    /// <param name="flatten">Features [N, 3·H·W] rather than [N, 3, H, W].</param>
    /// <param name="device">Device of the tensors.</param>
    public static ColoredImages Create(ImageSet digits, IReadOnlyList<long> indices, double colourAgreement, int seed,
        bool binary = true, double labelNoise = 0, bool flatten = true, Device? device = null)
    {
        Guard.NotNull(digits, nameof(digits));
        Guard.NotNull(indices, nameof(indices));
        Guard.InRange(colourAgreement, 0, 1, nameof(colourAgreement));
        Guard.InRange(labelNoise, 0, 1, nameof(labelNoise), highOpen: true);
        if (digits.Channels != 1) throw new ArgumentException($"digits must be grey (1 channel); it has {digits.Channels}.", nameof(digits));
        int classes = binary ? 2 : digits.Classes;
        var palette = binary ? BinaryPalette : DigitPalette;
        if (palette.Count < classes) throw new ArgumentException($"digits has {classes} classes; the palette has {palette.Count} colours.", nameof(digits));

        var random = new Random(seed);
        int pixels = digits.Height * digits.Width, n = indices.Count;
        var labels = new long[n];
        var colours = new long[n];
        var values = new float[(long)n * 3 * pixels];
        for (int k = 0; k < n; k++)
        {
            if (indices[k] < 0 || indices[k] >= digits.Count) throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"indices[{k}] must lie in [0, {digits.Count - 1}].");
            long digit = digits.Labels[(int)indices[k]];
            long label = binary ? (digit >= 5 ? 1 : 0) : digit;
            if (random.NextDouble() < labelNoise) label = OtherThan(label, classes, random);
            long colour = random.NextDouble() < colourAgreement ? label : OtherThan(label, classes, random);
            labels[k] = label;
            colours[k] = colour;
            var image = digits.Image((int)indices[k]);
            var (r, g, b) = palette[(int)colour];
            long offset = (long)k * 3 * pixels;
            for (int p = 0; p < pixels; p++)
            {
                float intensity = image[p] / (float)digits.MaxValue;
                values[offset + p] = intensity * r;
                values[offset + pixels + p] = intensity * g;
                values[offset + 2 * pixels + p] = intensity * b;
            }
        }
        long[] shape = flatten ? [n, 3 * pixels] : [n, 3, digits.Height, digits.Width];
        var data = new ClassificationData(tensor(values, shape, device: device), tensor(labels, device: device), classes);
        return new ColoredImages(data, labels, colours);
    }

    private static long OtherThan(long value, int classes, Random random)
    {
        long other = random.Next(classes - 1);
        return other >= value ? other + 1 : other;
    }
}

/// <summary>Colored-MNIST examples: the tensors to train on, and each example's label and colour.</summary>
public sealed class ColoredImages : IDisposable
{
    internal ColoredImages(ClassificationData data, long[] labels, long[] colours)
    {
        Data = data;
        Labels = labels;
        Colours = colours;
    }

    /// <summary>Features (tinted images scaled to [0, 1]) and labels.</summary>
    public ClassificationData Data { get; }

    /// <summary>Label of each example (after label noise).</summary>
    public IReadOnlyList<long> Labels { get; }

    /// <summary>Colour index of each example: the spurious attribute.</summary>
    public IReadOnlyList<long> Colours { get; }

    /// <summary>Group of each example, label · classes + colour: the groups of worst-group accuracy.</summary>
    public long[] Groups() => Labels.Select((label, i) => label * Data.Classes + Colours[i]).ToArray();

    /// <summary>Share of examples whose colour equals their label.</summary>
    public double MeasuredAgreement => Labels.Count == 0 ? double.NaN : Labels.Where((label, i) => Colours[i] == label).Count() / (double)Labels.Count;

    /// <inheritdoc />
    public void Dispose() => Data.Dispose();
}

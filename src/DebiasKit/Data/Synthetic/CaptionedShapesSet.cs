using static TorchSharp.torch;

namespace DebiasKit.Data.Synthetic;

/// <summary>
/// A sample of <see cref="CaptionedShapes"/>: images [N, 3, S, S] (float32), caption tokens [N, L] (int64, padded),
/// and per image its concept, attribute, group (concept · 2 + attribute), caption text and whether the caption names
/// the attribute. The set owns its two tensors.
/// </summary>
public sealed class CaptionedShapesSet : IDisposable
{
    internal CaptionedShapesSet(Tensor images, Tensor tokens, long[] concepts, long[] attributes, string[] captions, bool[] mentions, int[] templates, int conceptCount)
    {
        Images = images;
        Tokens = tokens;
        Concepts = concepts;
        Attributes = attributes;
        Captions = captions;
        MentionsAttribute = mentions;
        Templates = templates;
        ConceptCount = conceptCount;
        Groups = concepts.Zip(attributes, (c, a) => (long)CaptionedShapes.GroupOf((int)c, (int)a)).ToArray();
    }

    /// <summary>Images, float32 [N, 3, S, S].</summary>
    public Tensor Images { get; }

    /// <summary>Caption tokens, int64 [N, L], padded with <see cref="CaptionedShapes.PadToken"/>.</summary>
    public Tensor Tokens { get; }

    /// <summary>Concept of each image.</summary>
    public IReadOnlyList<long> Concepts { get; }

    /// <summary>Attribute of each image (0 or 1).</summary>
    public IReadOnlyList<long> Attributes { get; }

    /// <summary>Group of each image: concept · 2 + attribute.</summary>
    public IReadOnlyList<long> Groups { get; }

    /// <summary>Caption of each image.</summary>
    public IReadOnlyList<string> Captions { get; }

    /// <summary>Whether each caption states the attribute.</summary>
    public IReadOnlyList<bool> MentionsAttribute { get; }

    /// <summary>Caption template of each image (index into the world's templates).</summary>
    public IReadOnlyList<int> Templates { get; }

    /// <summary>Number of concepts of the world.</summary>
    public int ConceptCount { get; }

    /// <summary>Number of images.</summary>
    public int Count => Concepts.Count;

    /// <summary>
    /// The measured concept–attribute association: the share of images whose attribute is their concept's majority
    /// attribute (<see cref="CaptionedShapes.MajorityAttribute"/>); close to the sampling correlation ρ.
    /// </summary>
    public double MeasuredCorrelation() =>
        Enumerable.Range(0, Count).Count(i => Attributes[i] == CaptionedShapes.MajorityAttribute((int)Concepts[i])) / (double)Count;

    /// <summary>Images per group, length concepts · 2.</summary>
    public long[] GroupCounts()
    {
        var counts = new long[ConceptCount * CaptionedShapes.Attributes];
        foreach (var g in Groups) counts[g]++;
        return counts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Tokens.Dispose();
    }
}

using static TorchSharp.torch;

namespace DebiasKit.Data.Synthetic;

/// <summary>
/// A seeded world of small captioned images for vision–language toys (papers 003 SANER and 015 "Debiasing vision-language
/// models via biased prompts"): each image shows a <em>concept</em> (a shape: square, plus, ring, bar; standing for an
/// occupation or a bird type) drawn on a background whose colour is a binary <em>attribute</em> (standing for gender or
/// for land/water background). Captions are token sequences made from templates: neutral ("a photo of a &lt;concept&gt;")
/// or attribute-specific ("a photo of a &lt;attribute&gt; &lt;concept&gt;").
/// <para>
/// The spurious association is a property of the sampled data only: in a training sample each concept k co-occurs with
/// its <em>majority attribute</em> k mod 2 with probability <c>correlation</c> (P(attribute = k mod 2 | concept = k) = ρ),
/// and a share of the captions never mentions the attribute. A dual encoder trained on such pairs ties the neutral
/// word for concept k to what its images mostly look like, including their background, without anything in the
/// generator telling it to. ρ = 0.5 is the null control (attribute independent of concept). Test sets are balanced:
/// every (concept, attribute) group has the same number of images, and every image carries its group label.
/// </para>
/// <para>Pixels: background colour of the attribute (with a small per-image jitter), the shape added in white at a random
/// position and size, Gaussian pixel noise; float32 [N, 3, S, S] roughly in [0, 1]. Sampling uses System.Random, so it is
/// identical on every platform and device.</para>
/// </summary>
public sealed class CaptionedShapes
{
    /// <summary>Token id of padding (never a word).</summary>
    public const long PadToken = 0;

    /// <summary>Number of attribute values (binary).</summary>
    public const int Attributes = 2;

    /// <summary>The most concepts the generator can draw (one shape each).</summary>
    public const int MaxConcepts = 4;

    private static readonly string[][] Templates =
    [
        ["a", "photo", "of", "a"],
        ["a", "picture", "of", "a"],
        ["an", "image", "of", "a"],
    ];

    private static readonly (float R, float G, float B)[] Backgrounds = [(0.75f, 0.35f, 0.20f), (0.20f, 0.40f, 0.75f)];

    private readonly Dictionary<string, long> tokenIds;

    /// <summary>Creates a world.</summary>
    /// <param name="conceptNames">One word per concept (2 to 4 concepts), e.g. "landbird", "waterbird".</param>
    /// <param name="attributeNames">The two attribute words, e.g. "land", "water".</param>
    /// <param name="imageSize">Side of the square images in pixels (8 to 32).</param>
    /// <param name="noise">Standard deviation of the Gaussian pixel noise (≥ 0).</param>
    public CaptionedShapes(IReadOnlyList<string> conceptNames, IReadOnlyList<string> attributeNames, int imageSize = 12, double noise = 0.15)
    {
        Guard.NotNull(conceptNames, nameof(conceptNames));
        Guard.NotNull(attributeNames, nameof(attributeNames));
        if (conceptNames.Count < 2 || conceptNames.Count > MaxConcepts)
            throw new ArgumentException($"conceptNames must name 2 to {MaxConcepts} concepts; it names {conceptNames.Count}.", nameof(conceptNames));
        if (attributeNames.Count != Attributes)
            throw new ArgumentException($"attributeNames must name exactly {Attributes} attribute values; it names {attributeNames.Count}.", nameof(attributeNames));
        if (imageSize < 8 || imageSize > 32)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "imageSize must lie in [8, 32].");
        Guard.NonNegative(noise, nameof(noise));
        var words = Templates.SelectMany(t => t).Concat(attributeNames).Concat(conceptNames).ToList();
        foreach (var w in conceptNames.Concat(attributeNames))
            if (string.IsNullOrWhiteSpace(w) || w.Contains(' '))
                throw new ArgumentException($"concept and attribute names must be single words; got \"{w}\".", nameof(conceptNames));
        var distinct = conceptNames.Concat(attributeNames).ToList();
        if (distinct.Distinct().Count() != distinct.Count || distinct.Any(w => Templates.Any(t => t.Contains(w))))
            throw new ArgumentException("concept and attribute names must be distinct from each other and from the template words.", nameof(conceptNames));
        Vocabulary = new[] { "<pad>" }.Concat(words.Distinct()).ToArray();
        tokenIds = Vocabulary.Select((w, i) => (w, (long)i)).ToDictionary(p => p.w, p => p.Item2);
        ConceptNames = conceptNames.ToArray();
        AttributeNames = attributeNames.ToArray();
        ImageSize = imageSize;
        Noise = noise;
    }

    /// <summary>The concept words, index = concept.</summary>
    public IReadOnlyList<string> ConceptNames { get; }

    /// <summary>The attribute words, index = attribute.</summary>
    public IReadOnlyList<string> AttributeNames { get; }

    /// <summary>Number of concepts.</summary>
    public int Concepts => ConceptNames.Count;

    /// <summary>Number of (concept, attribute) groups; group = concept · 2 + attribute.</summary>
    public int Groups => Concepts * Attributes;

    /// <summary>Image side in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>Pixel noise standard deviation.</summary>
    public double Noise { get; }

    /// <summary>Token strings by id (id 0 is padding).</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Number of caption templates ("a photo of a", "a picture of a", "an image of a").</summary>
    public int TemplateCount => Templates.Length;

    /// <summary>Longest caption in tokens (template + attribute + concept).</summary>
    public int MaxCaptionLength => Templates.Max(t => t.Length) + 2;

    /// <summary>The attribute that concept <paramref name="concept"/> co-occurs with in training (concept mod 2).</summary>
    public static int MajorityAttribute(int concept) => concept % 2;

    /// <summary>Group index of a (concept, attribute) pair.</summary>
    public static int GroupOf(int concept, int attribute) => concept * Attributes + attribute;

    /// <summary>"&lt;template&gt; &lt;concept&gt;".</summary>
    public string NeutralCaption(int concept, int template = 0)
    {
        CheckConcept(concept);
        return string.Join(' ', TemplateWords(template).Append(ConceptNames[concept]));
    }

    /// <summary>"&lt;template&gt; &lt;attribute&gt; &lt;concept&gt;".</summary>
    public string AttributeCaption(int attribute, int concept, int template = 0)
    {
        CheckConcept(concept);
        CheckAttribute(attribute);
        return string.Join(' ', TemplateWords(template).Append(AttributeNames[attribute]).Append(ConceptNames[concept]));
    }

    /// <summary>A prompt that names only the attribute, "&lt;template&gt; &lt;attribute&gt;" (the "biased prompts" of paper 015).</summary>
    public string AttributePrompt(int attribute, int template = 0)
    {
        CheckAttribute(attribute);
        return string.Join(' ', TemplateWords(template).Append(AttributeNames[attribute]));
    }

    /// <summary>Token ids of a space-separated text made of vocabulary words.</summary>
    public long[] Tokenize(string text)
    {
        Guard.NotNull(text, nameof(text));
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new ArgumentException("text must hold at least one word.", nameof(text));
        return words.Select(w => tokenIds.TryGetValue(w, out var id) ? id
            : throw new ArgumentException($"text contains \"{w}\", which is not in the vocabulary ({string.Join(", ", Vocabulary.Skip(1))}).", nameof(text))).ToArray();
    }

    /// <summary>Texts as a padded int64 token matrix [n, <see cref="MaxCaptionLength"/>] (padding = <see cref="PadToken"/>).</summary>
    public Tensor TokenizeAll(IReadOnlyList<string> texts, Device? device = null)
    {
        Guard.NotNull(texts, nameof(texts));
        if (texts.Count == 0) throw new ArgumentException("texts must hold at least one text.", nameof(texts));
        int width = MaxCaptionLength;
        var ids = new long[texts.Count * width];
        for (int i = 0; i < texts.Count; i++)
        {
            var row = Tokenize(texts[i]);
            if (row.Length > width) throw new ArgumentException($"texts[{i}] has {row.Length} tokens; at most {width} fit.", nameof(texts));
            Array.Copy(row, 0, ids, i * width, row.Length);
        }
        return tensor(ids, [texts.Count, width], device: device);
    }

    /// <summary>
    /// A training sample of <paramref name="count"/> captioned images: concepts uniform, attribute equal to the concept's
    /// majority attribute with probability <paramref name="correlation"/>; each caption names the attribute with
    /// probability <paramref name="mentionRate"/> (else it is neutral), with a uniformly chosen template.
    /// </summary>
    /// <param name="count">Number of images (≥ 1).</param>
    /// <param name="correlation">P(attribute = majority attribute of the concept), in [0, 1]; 0.5 = no association (null control).</param>
    /// <param name="seed">Seed of the sample.</param>
    /// <param name="mentionRate">Share of captions that state the attribute, in [0, 1].</param>
    /// <param name="device">Device of the tensors.</param>
    public CaptionedShapesSet Sample(int count, double correlation, int seed, double mentionRate = 0.5, Device? device = null)
    {
        Guard.Positive(count, nameof(count));
        Guard.InRange(correlation, 0, 1, nameof(correlation));
        Guard.InRange(mentionRate, 0, 1, nameof(mentionRate));
        var random = new Random(seed);
        var concepts = new long[count];
        var attributes = new long[count];
        for (int i = 0; i < count; i++)
        {
            int c = random.Next(Concepts);
            int majority = MajorityAttribute(c);
            concepts[i] = c;
            attributes[i] = random.NextDouble() < correlation ? majority : 1 - majority;
        }
        return Render(concepts, attributes, random, mentionRate, device);
    }

    /// <summary>A balanced test sample: <paramref name="perGroup"/> images of every (concept, attribute) group, with neutral captions.</summary>
    public CaptionedShapesSet SampleBalanced(int perGroup, int seed, Device? device = null)
    {
        Guard.Positive(perGroup, nameof(perGroup));
        var random = new Random(seed);
        int n = perGroup * Groups;
        var concepts = new long[n];
        var attributes = new long[n];
        for (int i = 0; i < n; i++)
        {
            int g = i / perGroup;
            concepts[i] = g / Attributes;
            attributes[i] = g % Attributes;
        }
        return Render(concepts, attributes, random, mentionRate: 0, device);
    }

    private CaptionedShapesSet Render(long[] concepts, long[] attributes, Random random, double mentionRate, Device? device)
    {
        int n = concepts.Length, s = ImageSize, plane = s * s;
        var pixels = new float[n * 3 * plane];
        var captions = new string[n];
        var mentions = new bool[n];
        var templates = new int[n];
        var mask = new bool[plane];
        for (int i = 0; i < n; i++)
        {
            int c = (int)concepts[i], a = (int)attributes[i];
            var (r, g, b) = Backgrounds[a];
            float jitter = (float)(0.08 * (random.NextDouble() * 2 - 1));
            float[] colour = [r + jitter, g + jitter, b + jitter];
            DrawShape(c, random, mask);
            for (int ch = 0; ch < 3; ch++)
            {
                int offset = (i * 3 + ch) * plane;
                for (int p = 0; p < plane; p++)
                    pixels[offset + p] = (mask[p] ? 1f : colour[ch]) + (float)(Noise * StandardNormal(random));
            }
            int template = templates[i] = random.Next(Templates.Length);
            mentions[i] = random.NextDouble() < mentionRate;
            captions[i] = mentions[i] ? AttributeCaption(a, c, template) : NeutralCaption(c, template);
        }
        var images = tensor(pixels, [n, 3, s, s], device: device);
        var tokens = TokenizeAll(captions, device);
        return new CaptionedShapesSet(images, tokens, concepts, attributes, captions, mentions, templates, Concepts);
    }

    /// <summary>Fills <paramref name="mask"/> with a shape of the concept at a random position and size.</summary>
    private void DrawShape(int concept, Random random, bool[] mask)
    {
        int s = ImageSize;
        Array.Clear(mask);
        int size = s / 3 + random.Next(s / 4 + 1);           // about a third to a half of the image
        int x0 = random.Next(s - size + 1), y0 = random.Next(s - size + 1);
        int mid = size / 2;
        for (int dy = 0; dy < size; dy++)
            for (int dx = 0; dx < size; dx++)
            {
                bool on = concept switch
                {
                    0 => true,                                                                 // filled square
                    1 => Math.Abs(dx - mid) <= size / 6 || Math.Abs(dy - mid) <= size / 6,     // plus
                    2 => dx == 0 || dy == 0 || dx == size - 1 || dy == size - 1,               // ring (hollow square)
                    _ => dx == dy || dx == size - 1 - dy,                                      // X
                };
                if (on) mask[(y0 + dy) * s + x0 + dx] = true;
            }
    }

    private static IEnumerable<string> TemplateWords(int template)
    {
        if (template < 0 || template >= Templates.Length)
            throw new ArgumentOutOfRangeException(nameof(template), template, $"template must lie in [0, {Templates.Length - 1}].");
        return Templates[template];
    }

    private void CheckConcept(int concept)
    {
        if (concept < 0 || concept >= Concepts)
            throw new ArgumentOutOfRangeException(nameof(concept), concept, $"concept must lie in [0, {Concepts - 1}].");
    }

    private static void CheckAttribute(int attribute)
    {
        if (attribute < 0 || attribute >= Attributes)
            throw new ArgumentOutOfRangeException(nameof(attribute), attribute, $"attribute must lie in [0, {Attributes - 1}].");
    }

    private static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

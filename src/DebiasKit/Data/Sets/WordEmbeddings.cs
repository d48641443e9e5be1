using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// A vocabulary and one vector per word (row-major floats), looked up by word. Lookups of words that are not in
/// the vocabulary fail with a <see cref="MissingWordsException"/> that names every missing word.
/// </summary>
public sealed class WordEmbeddings
{
    private readonly string[] _words;
    private readonly float[] _vectors;
    private readonly Dictionary<string, int> _index;

    /// <param name="words">The vocabulary, distinct words.</param>
    /// <param name="vectors">words.Count · dimension floats, word after word.</param>
    /// <param name="dimension">Length of each vector.</param>
    public WordEmbeddings(IReadOnlyList<string> words, float[] vectors, int dimension)
    {
        Guard.NotNull(words, nameof(words));
        Guard.NotNull(vectors, nameof(vectors));
        Guard.Positive(dimension, nameof(dimension));
        if (vectors.LongLength != (long)words.Count * dimension)
            throw new ArgumentException($"vectors holds {vectors.LongLength:N0} floats; {words.Count:N0} words of dimension {dimension} need {(long)words.Count * dimension:N0}.", nameof(vectors));
        _words = words.ToArray();
        _vectors = vectors;
        Dimension = dimension;
        _index = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (int i = 0; i < _words.Length; i++)
            if (!_index.TryAdd(_words[i], i)) throw new ArgumentException($"words lists '{_words[i]}' twice.", nameof(words));
    }

    /// <summary>The same vocabulary (its words and index shared, never copied) with other vectors.</summary>
    private WordEmbeddings(WordEmbeddings vocabulary, float[] vectors)
    {
        _words = vocabulary._words;
        _index = vocabulary._index;
        _vectors = vectors;
        Dimension = vocabulary.Dimension;
    }

    /// <summary>The vocabulary, in file order (for GloVe: most frequent first).</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Number of words.</summary>
    public int Count => _words.Length;

    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Whether <paramref name="word"/> is in the vocabulary (exact, case-sensitive).</summary>
    public bool Contains(string word) => _index.ContainsKey(word);

    /// <summary>The words of <paramref name="words"/> that are not in the vocabulary, in their order.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> words) => words.Where(w => !_index.ContainsKey(w)).Distinct().ToList();

    /// <summary>Row of <paramref name="word"/>; a <see cref="MissingWordsException"/> when it is not in the vocabulary.</summary>
    public int IndexOf(string word) =>
        _index.TryGetValue(word, out int i) ? i : throw new MissingWordsException([word], Count);

    /// <summary>A copy of the vector of <paramref name="word"/>.</summary>
    public float[] Vector(string word) => _vectors.AsSpan(IndexOf(word) * Dimension, Dimension).ToArray();

    /// <summary>The vectors of <paramref name="words"/> as a float32 tensor [words, dimension]; every missing word is named.</summary>
    public Tensor Matrix(IReadOnlyList<string> words, Device? device = null)
    {
        Guard.NotNull(words, nameof(words));
        var missing = Missing(words);
        if (missing.Count > 0) throw new MissingWordsException(missing, Count);
        var values = new float[(long)words.Count * Dimension];
        for (int k = 0; k < words.Count; k++)
            _vectors.AsSpan(_index[words[k]] * Dimension, Dimension).CopyTo(values.AsSpan(k * Dimension));
        return tensor(values, [words.Count, Dimension], device: device);
    }

    /// <summary>All vectors as a float32 tensor [Count, Dimension].</summary>
    public Tensor ToTensor(Device? device = null) => tensor(_vectors, [Count, Dimension], device: device);

    /// <summary>
    /// The same vocabulary with new vectors, for example the output of a debiasing transform: <paramref name="vectors"/>
    /// is a [Count, Dimension] tensor of any floating dtype on any device (copied to float32 on the host).
    /// </summary>
    public WordEmbeddings WithVectors(Tensor vectors)
    {
        Guard.NotNull(vectors, nameof(vectors));
        if (vectors.dim() != 2 || vectors.shape[0] != Count || vectors.shape[1] != Dimension || !vectors.is_floating_point())
            throw new ArgumentException($"vectors must be a floating-point tensor of shape [{Count}, {Dimension}] (one row per word); got {vectors.dtype} [{string.Join(", ", vectors.shape)}].", nameof(vectors));
        using var host = vectors.detach().to(ScalarType.Float32).cpu().contiguous();
        var values = new float[(long)Count * Dimension];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(host.bytes).CopyTo(values); // one block copy
        return new WordEmbeddings(this, values);
    }

    /// <summary>The first <paramref name="count"/> words and their vectors.</summary>
    public WordEmbeddings Take(int count)
    {
        Guard.InRange(count, 1, Count, nameof(count));
        return new WordEmbeddings(_words[..count], _vectors[..(count * Dimension)], Dimension);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count:N0} words × {Dimension} dimensions";
}

/// <summary>Words asked for that the vocabulary does not hold; <see cref="Words"/> names them all.</summary>
public sealed class MissingWordsException : KeyNotFoundException
{
    /// <param name="words">The missing words.</param>
    /// <param name="vocabularySize">Size of the vocabulary that was searched.</param>
    public MissingWordsException(IReadOnlyList<string> words, int vocabularySize)
        : base($"{words.Count} word(s) not in the vocabulary of {vocabularySize:N0} words: {string.Join(", ", words.Take(20).Select(w => $"'{w}'"))}{(words.Count > 20 ? ", …" : "")}. Drop them, or use a larger vocabulary.")
    {
        Words = words;
    }

    /// <summary>The missing words.</summary>
    public IReadOnlyList<string> Words { get; }
}

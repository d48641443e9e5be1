using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Text;

/// <summary>
/// Sentences as padded rows of word ids over the words they share with a set of word vectors, with the matching
/// embedding matrix: the input of token-level augmentation (<see cref="TokenAugment"/>) and of
/// <see cref="Models.MeanEmbedding"/>. Id 0 is padding (a zero vector); ids 1 … V are the corpus words found in the
/// embeddings, numbered in order of first appearance. Unknown words are skipped; a sentence is cut after
/// <c>maxLength</c> known words.
/// </summary>
public static class TokenIds
{
    /// <summary>The id of padding (and of a dropped token).</summary>
    public const long Padding = 0;

    /// <summary>Encodes <paramref name="sentences"/> with the words of <paramref name="embeddings"/>.</summary>
    /// <param name="embeddings">Word vectors (e.g. <see cref="Glove.Load"/>).</param>
    /// <param name="sentences">Sentences, tokenised with <see cref="WordTokenizer"/>.</param>
    /// <param name="maxLength">Known words kept per sentence, ≥ 1.</param>
    /// <param name="device">Device of the returned tensors.</param>
    public static TokenizedCorpus Encode(WordEmbeddings embeddings, IReadOnlyList<string> sentences, int maxLength = 32, Device? device = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(sentences, nameof(sentences));
        Guard.Positive(maxLength, nameof(maxLength));
        var vocabulary = new List<string>();
        var index = new Dictionary<string, long>();
        var ids = new long[(long)sentences.Count * maxLength];
        long known = 0, total = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            if (sentences[s] is null) throw new ArgumentException($"sentences[{s}] is null.", nameof(sentences));
            int position = 0;
            foreach (var word in WordTokenizer.Tokenize(sentences[s]))
            {
                total++;
                if (!embeddings.Contains(word)) continue;
                known++;
                if (position == maxLength) continue;
                if (!index.TryGetValue(word, out long id))
                {
                    vocabulary.Add(word);
                    id = index[word] = vocabulary.Count;
                }
                ids[(long)s * maxLength + position++] = id;
            }
        }
        int d = embeddings.Dimension;
        var matrix = new float[(long)(vocabulary.Count + 1) * d];
        for (int v = 0; v < vocabulary.Count; v++)
            embeddings.Vector(vocabulary[v]).CopyTo(matrix.AsSpan((v + 1) * d, d));
        return new TokenizedCorpus(
            tensor(ids, [sentences.Count, maxLength], device: device),
            tensor(matrix, [vocabulary.Count + 1, d], device: device),
            vocabulary, total == 0 ? 0 : (double)known / total);
    }
}

/// <summary>
/// Word ids [N, L] (int64, 0 = padding), the embedding matrix [V + 1, d] (float32, row 0 zero), the vocabulary (word of
/// id v at index v − 1) and the share of tokens found in the embeddings.
/// </summary>
public sealed record TokenizedCorpus(Tensor Ids, Tensor Embeddings, IReadOnlyList<string> Vocabulary, double Coverage) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Ids.Dispose();
        Embeddings.Dispose();
    }
}

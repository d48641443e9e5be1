using DebiasKit.Data;
using static TorchSharp.torch;

namespace DebiasKit.Text;

/// <summary>
/// Sentence vectors as the mean of their words' vectors (a bag of embeddings), the simplest sentence encoder: it carries
/// whatever associations the word vectors carry, which is what makes it a transparent test bed for sentence-level
/// debiasing. Words outside the vocabulary are skipped; a sentence with no known word gets the zero vector and is
/// counted in <see cref="SentenceVectors.Empty"/>.
/// </summary>
public static class AveragedEmbeddings
{
    /// <summary>Encodes every sentence of <paramref name="sentences"/> with <paramref name="embeddings"/>.</summary>
    public static SentenceVectors Encode(WordEmbeddings embeddings, IReadOnlyList<string> sentences, Device? device = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(sentences, nameof(sentences));
        int d = embeddings.Dimension;
        var values = new float[(long)sentences.Count * d];
        int empty = 0;
        long known = 0, total = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            if (sentences[s] is null) throw new ArgumentException($"sentences[{s}] is null.", nameof(sentences));
            var words = WordTokenizer.Tokenize(sentences[s]);
            var row = values.AsSpan(s * d, d);
            int count = 0;
            foreach (var word in words)
            {
                total++;
                if (!embeddings.Contains(word)) continue;
                var vector = embeddings.Vector(word);
                for (int j = 0; j < d; j++) row[j] += vector[j];
                count++;
            }
            known += count;
            if (count == 0) { empty++; continue; }
            for (int j = 0; j < d; j++) row[j] /= count;
        }
        return new SentenceVectors(tensor(values, [sentences.Count, d], device: device), empty, total == 0 ? 0 : (double)known / total);
    }
}

/// <summary>Encoded sentences [n, d] (float32), how many had no known word, and the share of tokens found in the vocabulary.</summary>
public sealed record SentenceVectors(Tensor Vectors, int Empty, double Coverage) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Vectors.Dispose();
}

using System.Globalization;

namespace DebiasKit.Data;

/// <summary>
/// GloVe word vectors (Pennington, Socher and Manning 2014), 6B-token corpus, 100 dimensions: the 50,000 most
/// frequent words, rounded to 4 decimals. Public domain (PDDL). See data/glove/NOTICE.md.
/// </summary>
public static class Glove
{
    /// <summary>Words shipped.</summary>
    public const int ShippedWords = 50_000;

    /// <summary>
    /// The <paramref name="words"/> most frequent words (all 50,000 by default) and their 100-dimensional vectors.
    /// Reading fewer words is faster; the whole file is still checked.
    /// </summary>
    public static WordEmbeddings Load(int words = ShippedWords, string? dataDirectory = null)
    {
        Guard.InRange(words, 1, ShippedWords, nameof(words));
        const int dimension = 100;
        var file = ShippedFiles.GloveGlove6B100dTop50k;
        var vocabulary = new string[words];
        var vectors = new float[(long)words * dimension];
        using var reader = new StreamReader(file.OpenContent(dataDirectory), bufferSize: 1 << 16);
        for (int row = 0; row < words; row++)
        {
            var line = reader.ReadLine() ?? throw new InvalidDataException($"'{file.Name}' ends after {row:N0} words; {words:N0} were asked for.");
            var span = line.AsSpan();
            int space = span.IndexOf(' ');
            vocabulary[row] = line[..space];
            span = span[(space + 1)..];
            for (int d = 0; d < dimension; d++)
            {
                int end = span.IndexOf(' ');
                var token = end < 0 ? span : span[..end];
                if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out vectors[(long)row * dimension + d]) || (end < 0) != (d == dimension - 1))
                    throw new InvalidDataException($"'{file.Name}' line {row + 1} ('{vocabulary[row]}') does not hold {dimension} numbers.");
                span = end < 0 ? default : span[(end + 1)..];
            }
        }
        return new WordEmbeddings(vocabulary, vectors, dimension);
    }
}

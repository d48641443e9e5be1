using DebiasKit.Data;
using DebiasKit.Text;
using DebiasKit.Training;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>
/// A downstream utility check for word embeddings: sentiment classification of the UCI sentiment sentences from their
/// averaged word vectors (<see cref="AveragedEmbeddings"/>) by a <see cref="LinearProbe"/>, trained on the kit's
/// training part and scored on its test part. Debiasing that keeps the embedding useful keeps this accuracy.
/// </summary>
public sealed class SentimentProbe
{
    private readonly IReadOnlyList<string> texts;
    private readonly long[] trainRows, testRows, trainLabels, testLabels;

    /// <summary>Uses <paramref name="sentences"/> (default: all of <see cref="SentimentSentences"/>) and its standard split.</summary>
    public SentimentProbe(IReadOnlyList<LabelledSentence>? sentences = null)
    {
        var all = sentences ?? SentimentSentences.Load();
        var split = SentimentSentences.StandardSplit(all);
        texts = all.Select(s => s.Text).ToList();
        trainRows = split.Train;
        testRows = split.Test;
        trainLabels = trainRows.Select(i => (long)all[(int)i].Label).ToArray();
        testLabels = testRows.Select(i => (long)all[(int)i].Label).ToArray();
    }

    /// <summary>The texts of the training part (for fitting anything on sentences without touching the test part).</summary>
    public IReadOnlyList<string> TrainingTexts => trainRows.Select(i => texts[(int)i]).ToList();

    /// <summary>Sentences in the test part.</summary>
    public int TestCount => testRows.Length;

    /// <summary>
    /// Test accuracy of the probe on <paramref name="embeddings"/>, once per seed (the seed sets the probe's
    /// initialisation). With <paramref name="sentenceTransform"/> (for example a fitted <c>SentenceDebias</c>) the
    /// sentence vectors are transformed before the probe sees them.
    /// </summary>
    public SeedSummary Accuracy(WordEmbeddings embeddings, IReadOnlyList<int> seeds, int steps = 300, Projections.IVectorTransform? sentenceTransform = null)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.NotNull(seeds, nameof(seeds));
        if (seeds.Count == 0) throw new ArgumentException("seeds must hold at least one seed.", nameof(seeds));
        using var scope = NewDisposeScope();
        using var encoded = AveragedEmbeddings.Encode(embeddings, texts);
        var vectors = sentenceTransform is null ? encoded.Vectors : sentenceTransform.Transform(encoded.Vectors);
        var train = vectors.index_select(0, tensor(trainRows));
        var test = vectors.index_select(0, tensor(testRows));
        return SeedSummary.Of(seeds.Select(seed =>
        {
            var probe = LinearProbe.Fit(train, trainLabels, test, testLabels, classes: 2, seed: seed, steps: steps);
            probe.Weight.Dispose();
            probe.Bias.Dispose();
            return probe.TestAccuracy;
        }).ToArray());
    }
}

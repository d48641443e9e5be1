using DebiasKit.Data;
using DebiasKit.Metrics;
using DebiasKit.Projections;
using DebiasKit.Tests.Data;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

public class SentimentProbeTests : IClassFixture<GloveFixture>
{
    private readonly WordEmbeddings glove;

    public SentimentProbeTests(GloveFixture fixture) => glove = fixture.Vectors;

    /// <summary>Maps every sentence vector to zero: nothing is left to classify.</summary>
    private sealed class Erase : IVectorTransform
    {
        public int Dimension => 100;
        public Tensor Transform(Tensor vectors, bool inPlace = false) => zeros_like(vectors);
    }

    [Fact]
    public void Glove_sentences_carry_sentiment_and_erased_vectors_do_not()
    {
        var probe = new SentimentProbe();
        Assert.Equal(600, probe.TestCount);
        var accuracy = probe.Accuracy(glove, [0, 1]);
        Assert.InRange(accuracy.Mean, 0.7, 0.9);   // averaged GloVe: about 0.78 on this split
        var erased = probe.Accuracy(glove, [0], sentenceTransform: new Erase());
        Assert.InRange(erased.Mean, 0.4, 0.6);     // constant features: the probe can only guess one class
    }

    [Fact]
    public void Training_texts_are_the_training_part_only()
    {
        var sentences = SentimentSentences.Load();
        var split = SentimentSentences.StandardSplit(sentences);
        var probe = new SentimentProbe(sentences);
        Assert.Equal(split.Train.Select(i => sentences[(int)i].Text), probe.TrainingTexts);
    }

    [Fact]
    public void Bad_arguments_are_rejected_by_name()
    {
        var probe = new SentimentProbe();
        Assert.Equal("embeddings", Assert.Throws<ArgumentNullException>(() => probe.Accuracy(null!, [0])).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentException>(() => probe.Accuracy(glove, [])).ParamName);
    }
}

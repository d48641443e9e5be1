using DebiasKit.Data;
using DebiasKit.Metrics;
using DebiasKit.Tests.Projections;
using Xunit;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>3CosAdd analogies on a hand-built vocabulary where each answer is worked out by hand.</summary>
public class AnalogiesTests
{
    // e₁ = male, e₂ = female, e₃ = royal, e₄ = fruit, e₅ = young. queen is last, so a search of the first 6 words misses it.
    private static WordEmbeddings Vocabulary() => Naive.Vocabulary(
        ["man", "woman", "king", "crown", "apple", "princess", "queen"],
        [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [1, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 1, 1, 0, 0.3], [0, 1, 1, 0, 0]]);

    // man : woman :: king : ?  query = king/√2 − man + woman = (√½ − 1, 1, √½, 0, 0); dot with the unit words:
    //   queen (0, √½, √½) → √½ + ½ = 1.207; princess (0, 1, 1, 0, 0.3)/√2.09 → (1 + √½)/1.4457 = 1.181; crown √½ = 0.707;
    //   woman (excluded) 1; so queen. man : king :: woman : ? has the same query, so queen.
    // king : king :: queen : ?  query = queen itself (excluded); princess 2/1.4457·√½ = 0.978 beats crown and woman (0.707).
    // man : woman :: king : apple is wrong (queen is found).
    private static readonly Analogy[] Questions =
    [
        new("man", "woman", "king", "queen"),
        new("man", "king", "woman", "queen"),
        new("king", "king", "queen", "princess"),
        new("man", "woman", "king", "apple"),
    ];

    [Fact]
    public void Hand_built_vocabulary()
    {
        var embeddings = Vocabulary();
        Assert.Equal(0.75, Analogies.Accuracy(embeddings, Questions));
        Assert.Equal(1, Analogies.Accuracy(embeddings, Questions[..3]));
        // Without queen in the searched words, the first two are answered princess: only the third is right.
        Assert.Equal(0.25, Analogies.Accuracy(embeddings, Questions, searchWords: 6));
    }

    [Fact]
    public void Missing_words_are_named_and_bad_input_rejected()
    {
        var embeddings = Vocabulary();
        var error = Assert.Throws<MissingWordsException>(() => Analogies.Accuracy(embeddings, [new("man", "woman", "boy", "girl")]));
        Assert.Equal(["boy", "girl"], error.Words);
        Assert.Equal("questions", Assert.ThrowsAny<ArgumentException>(() => Analogies.Accuracy(embeddings, [])).ParamName);
        Assert.Equal("questions", Assert.ThrowsAny<ArgumentException>(() => Analogies.Accuracy(embeddings, null!)).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => Analogies.Accuracy(null!, Questions)).ParamName);
        Assert.Equal("searchWords", Assert.ThrowsAny<ArgumentException>(() => Analogies.Accuracy(embeddings, Questions, searchWords: 0)).ParamName);
        Assert.Equal("searchWords", Assert.ThrowsAny<ArgumentException>(() => Analogies.Accuracy(embeddings, Questions, searchWords: 8)).ParamName);
    }
}

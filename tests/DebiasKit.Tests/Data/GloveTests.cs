using DebiasKit.Data;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary>The shipped GloVe vectors (6B, 100d, top 50k words) and <see cref="WordEmbeddings"/> lookups.</summary>
public class GloveTests(GloveFixture glove) : IClassFixture<GloveFixture>
{
    [Fact]
    public void Holds_50000_words_of_100_dimensions_most_frequent_first()
    {
        var vectors = glove.Vectors;
        Assert.Equal(50_000, vectors.Count);
        Assert.Equal(100, vectors.Dimension);
        Assert.Equal(50_000, vectors.Words.Count);
        Assert.Equal(new[] { "the", ",", ".", "of", "to" }, vectors.Words.Take(5));
        Assert.Equal(50_000, vectors.Words.Distinct().Count());
        Assert.Equal("50,000 words × 100 dimensions", vectors.ToString());
    }

    [Fact]
    public void The_vector_of_the_matches_glove_rounded_to_4_decimals()
    {
        // GloVe 6B 100d: "the -0.038194 -0.24487 0.72812 -0.39961 0.083172 0.043953 …".
        var the = glove.Vectors.Vector("the");
        Assert.Equal(100, the.Length);
        AllClose([-0.0382, -0.2449, 0.7281, -0.3996, 0.0832, 0.0440], the.Take(6).Select(v => (double)v).ToArray(), 1e-6);
        Assert.Equal(0, glove.Vectors.IndexOf("the"));
    }

    [Theory]
    [InlineData("receptionist")]
    [InlineData("homemaker")]
    [InlineData("hairdresser")]
    [InlineData("plumber")]
    [InlineData("janitor")]
    [InlineData("cashier")]
    public void Holds_the_occupation_words_of_the_bias_papers(string word)
    {
        Assert.True(glove.Vectors.Contains(word), word);
        var vector = glove.Vectors.Vector(word);
        Assert.Contains(vector, v => v != 0);
        Assert.All(vector, v => Assert.True(float.IsFinite(v) && Math.Abs(v) < 10, $"{word}: {v}"));
    }

    [Fact]
    public void Words_are_case_sensitive_and_lower_case_in_glove()
    {
        Assert.True(glove.Vectors.Contains("nurse"));
        Assert.False(glove.Vectors.Contains("Nurse"));
    }

    [Fact]
    public void Loading_fewer_words_gives_the_first_rows()
    {
        var first = Glove.Load(1000);
        Assert.Equal(1000, first.Count);
        Assert.Equal(glove.Vectors.Words.Take(1000), first.Words);
        foreach (var word in new[] { "the", first.Words[500], first.Words[999] })
            Assert.Equal(glove.Vectors.Vector(word), first.Vector(word));
        var taken = glove.Vectors.Take(1000);
        Assert.Equal(first.Words, taken.Words);
        Assert.Equal(first.Vector(first.Words[999]), taken.Vector(first.Words[999]));
        Assert.False(first.Contains(glove.Vectors.Words[1000]));
    }

    [Fact]
    public void Load_rejects_word_counts_outside_1_to_50000()
    {
        Assert.Equal("words", Assert.ThrowsAny<ArgumentException>(() => Glove.Load(0)).ParamName);
        Assert.Equal("words", Assert.ThrowsAny<ArgumentException>(() => Glove.Load(50_001)).ParamName);
        Assert.Equal("words", Assert.ThrowsAny<ArgumentException>(() => Glove.Load(-5)).ParamName);
    }

    [Fact]
    public void Matrix_stacks_the_vectors_of_the_words_in_order()
    {
        string[] words = ["plumber", "the", "plumber"];
        using var matrix = glove.Vectors.Matrix(words);
        Assert.Equal(new long[] { 3, 100 }, matrix.shape);
        Assert.Equal(ScalarType.Float32, matrix.dtype);
        var expected = words.SelectMany(w => glove.Vectors.Vector(w)).Select(v => (double)v).ToArray();
        AllClose(expected, ToDoubles(matrix), 0);
        AssertLeavesOnlyItsResult(() => glove.Vectors.Matrix(words));
    }

    [Fact]
    public void Matrix_names_every_missing_word()
    {
        var error = Assert.Throws<MissingWordsException>(() => glove.Vectors.Matrix(["the", "zzzzqqq", "plumber", "qqqzzzz", "zzzzqqq"]));
        Assert.Equal(new[] { "zzzzqqq", "qqqzzzz" }, error.Words);
        Assert.Contains("'zzzzqqq'", error.Message);
        Assert.Contains("'qqqzzzz'", error.Message);
        Assert.Contains("2 word(s)", error.Message);
        Assert.IsAssignableFrom<KeyNotFoundException>(error);
    }

    [Fact]
    public void Matrix_of_missing_words_leaves_no_tensor()
    {
        long before = LiveTensors();
        Assert.Throws<MissingWordsException>(() => glove.Vectors.Matrix(["zzzzqqq"]));
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void IndexOf_and_Vector_of_an_unknown_word_throw_MissingWordsException()
    {
        var error = Assert.Throws<MissingWordsException>(() => glove.Vectors.IndexOf("zzzzqqq"));
        Assert.Equal(new[] { "zzzzqqq" }, error.Words);
        Assert.Contains("'zzzzqqq'", error.Message);
        Assert.Throws<MissingWordsException>(() => glove.Vectors.Vector("zzzzqqq"));
    }

    [Fact]
    public void Missing_lists_unknown_words_once_in_order()
    {
        Assert.Equal(new[] { "zzzzqqq", "qqqzzzz" }, glove.Vectors.Missing(["zzzzqqq", "the", "qqqzzzz", "zzzzqqq"]));
        Assert.Empty(glove.Vectors.Missing(["the", "nurse"]));
    }

    [Fact]
    public void WordEmbeddings_rejects_duplicate_words_and_a_wrong_vector_length()
    {
        Assert.Equal("words", Assert.ThrowsAny<ArgumentException>(() => new WordEmbeddings(["a", "b", "a"], new float[6], 2)).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => new WordEmbeddings(["a", "b"], new float[5], 2)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => new WordEmbeddings(["a", "b"], new float[4], 2).Take(3)).ParamName);
    }
}

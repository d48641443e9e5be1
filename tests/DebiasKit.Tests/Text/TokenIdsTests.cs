using DebiasKit.Data;
using DebiasKit.Models;
using DebiasKit.Text;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Text;

public class TokenIdsTests
{
    private static readonly WordEmbeddings Tiny = new(["he", "is", "a", "doctor"],
        [1, 0, 0,   0, 1, 0,   0, 0, 1,   2, 2, 2], dimension: 3);

    [Fact]
    public void Ids_follow_first_appearance_with_padding_and_truncation()
    {
        using var corpus = TokenIds.Encode(Tiny, ["A doctor, unknownword!", "he is a doctor is", "nothing"], maxLength: 3);
        // vocabulary by first appearance: a = 1, doctor = 2, he = 3, is = 4; row 2 ("he is a doctor is") is cut after 3 words
        Assert.Equal(new[] { "a", "doctor", "he", "is" }, corpus.Vocabulary);
        Assert.Equal(new long[] { 1, 2, 0,   3, 4, 1,   0, 0, 0 }, corpus.Ids.data<long>().ToArray());
        // row 0 of the matrix is padding (zero), then the vectors of a, doctor, he, is
        AllClose(new double[] { 0, 0, 0,   0, 0, 1,   2, 2, 2,   1, 0, 0,   0, 1, 0 }, ToDoubles(corpus.Embeddings));
        // 7 known of 9 tokens (unknownword and nothing are unknown); truncation does not change coverage
        Assert.Equal(7.0 / 9.0, corpus.Coverage, 12);
    }

    [Fact]
    public void Mean_embedding_of_the_ids_equals_the_averaged_embeddings_encoder()
    {
        using var scope = NewDisposeScope();
        string[] sentences = ["He is a doctor.", "a DOCTOR, unknownword", "nothing known"];
        using var corpus = TokenIds.Encode(Tiny, sentences, maxLength: 8);
        using var reference = AveragedEmbeddings.Encode(Tiny, sentences);
        var encoder = new MeanEmbedding(corpus.Embeddings);
        AllClose(ToDoubles(reference.Vectors), ToDoubles(encoder.forward(corpus.Ids)), 1e-6);
        Assert.All(encoder.parameters(), p => Assert.False(p.requires_grad));   // frozen: nothing to train
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("maxLength", Assert.ThrowsAny<ArgumentException>(() => TokenIds.Encode(Tiny, ["he"], maxLength: 0)).ParamName);
        Assert.Equal("sentences", Assert.ThrowsAny<ArgumentException>(() => TokenIds.Encode(Tiny, [null!])).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => new MeanEmbedding(zeros(3, dtype: ScalarType.Float32))).ParamName);
        var encoder = new MeanEmbedding(zeros(3, 2));
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => encoder.forward(zeros(2, 2))).ParamName);
    }
}

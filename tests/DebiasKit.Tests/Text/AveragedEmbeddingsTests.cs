using DebiasKit.Data;
using DebiasKit.Text;
using Xunit;

namespace DebiasKit.Tests.Text;

public class AveragedEmbeddingsTests
{
    private static readonly WordEmbeddings Tiny = new(["he", "is", "a", "doctor"],
        [1, 0, 0,   0, 1, 0,   0, 0, 1,   2, 2, 2], dimension: 3);

    [Fact]
    public void Each_sentence_is_the_mean_of_its_known_words_computed_by_hand()
    {
        using var encoded = AveragedEmbeddings.Encode(Tiny, ["He is a doctor.", "a DOCTOR, unknownword"]);
        // (1,0,0)+(0,1,0)+(0,0,1)+(2,2,2) = (3,3,3) over 4 words; (0,0,1)+(2,2,2) = (2,2,3) over 2 known words.
        TestHelpers.AllClose(new[] { 0.75, 0.75, 0.75, 1.0, 1.0, 1.5 }, TestHelpers.ToDoubles(encoded.Vectors));
        Assert.Equal(0, encoded.Empty);
        Assert.Equal(6.0 / 7.0, encoded.Coverage, 12);
    }

    [Fact]
    public void A_sentence_without_known_words_is_zero_and_counted()
    {
        using var encoded = AveragedEmbeddings.Encode(Tiny, ["nothing known here", "he"]);
        TestHelpers.AllClose(new[] { 0.0, 0, 0, 1, 0, 0 }, TestHelpers.ToDoubles(encoded.Vectors));
        Assert.Equal(1, encoded.Empty);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("embeddings", Assert.Throws<ArgumentNullException>(() => AveragedEmbeddings.Encode(null!, ["a"])).ParamName);
        Assert.Equal("sentences", Assert.Throws<ArgumentNullException>(() => AveragedEmbeddings.Encode(Tiny, null!)).ParamName);
        Assert.Equal("sentences", Assert.Throws<ArgumentException>(() => AveragedEmbeddings.Encode(Tiny, ["a", null!])).ParamName);
    }
}

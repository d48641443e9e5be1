using DebiasKit.Text;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Text;

public class TokenAugmentTests
{
    private static Tensor Ids() => tensor(new long[] { 1, 2, 3, 0,   4, 0, 0, 0,   0, 0, 0, 0 }, [3, 4]);

    [Fact]
    public void Dropout_at_rate_zero_is_the_identity_and_never_touches_padding()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        Assert.Equal(Ids().data<long>().ToArray(), TokenAugment.Dropout(Ids(), 0, g).data<long>().ToArray());
        // at rate 0.5, over many draws: padding stays padding and a word is either kept or zeroed, never changed
        var many = Ids().repeat(500, 1);
        var dropped = TokenAugment.Dropout(many, 0.5, g).data<long>().ToArray();
        var original = many.data<long>().ToArray();
        for (int i = 0; i < original.Length; i++) Assert.True(dropped[i] == original[i] || dropped[i] == 0);
        for (int i = 0; i < original.Length; i++) if (original[i] == 0) Assert.Equal(0, dropped[i]);
    }

    [Fact]
    public void Dropout_removes_about_rate_of_the_words_and_never_empties_a_sentence()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        // 4,000 sentences of 5 words: a sentence is emptied (and restored) with probability 0.3^5 = 0.00243, so the
        // expected dropped share is 0.3 − 0.00243 · 1 (restored rows drop nothing) ≈ 0.2976; the binomial sd of the share
        // over 20,000 words is about sqrt(0.3 · 0.7 / 20000) = 0.0032: a 5-sd band is ±0.016.
        var ids = arange(1, 6, dtype: ScalarType.Int64).repeat(4000, 1);
        var dropped = TokenAugment.Dropout(ids, 0.3, g);
        double share = dropped.eq(0).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(share, 0.2976 - 0.016, 0.2976 + 0.016);
        Assert.True(dropped.ne(0).any(1).all().item<bool>());
        // at rate 0.999 nearly every sentence would be emptied: each keeps all its words instead
        var kept = TokenAugment.Dropout(Ids(), 0.999, g).data<long>().ToArray();
        Assert.Equal(Ids().data<long>().ToArray(), kept);
    }

    [Fact]
    public void Same_seed_gives_the_same_view()
    {
        using var scope = NewDisposeScope();
        using var a = new Generator(3);
        using var b = new Generator(3);
        var ids = arange(1, 21, dtype: ScalarType.Int64).view(4, 5);
        Assert.Equal(TokenAugment.Dropout(ids, 0.4, a).data<long>().ToArray(), TokenAugment.Dropout(ids, 0.4, b).data<long>().ToArray());
    }

    [Fact]
    public void Nearest_neighbours_by_cosine_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        // words 1..4 at angles 0°, 10°, 90°, 200° (lengths differ: cosine ignores them)
        double Rad(double deg) => deg * Math.PI / 180;
        var vectors = new double[] { 0, 0,   1, 0,   3 * Math.Cos(Rad(10)), 3 * Math.Sin(Rad(10)),   0, 2,   Math.Cos(Rad(200)), Math.Sin(Rad(200)) };
        var table = TokenAugment.NearestNeighbours(tensor(vectors, [5, 2], dtype: ScalarType.Float64), k: 2);
        // word 1 (0°): nearest 2 (10°), then 3 (90°); word 2 (10°): 1, then 3 (80°); word 3 (90°): 2 (80°), then 1 (90°);
        // (4 is 110° away); word 4 (200°): 3 (110°), then 1 (160°; 2 is 170° away); padding maps to 0
        Assert.Equal(new long[] { 0, 0,   2, 3,   1, 3,   2, 1,   3, 1 }, table.data<long>().ToArray());
    }

    [Fact]
    public void Replace_at_rate_one_swaps_every_word_for_one_of_its_neighbours()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var neighbours = tensor(new long[] { 0, 0,   2, 3,   1, 3,   2, 1,   3, 2 }, [5, 2]);
        var ids = Ids().repeat(50, 1);
        var replaced = TokenAugment.Replace(ids, 1, neighbours, g).data<long>().ToArray();
        var original = ids.data<long>().ToArray();
        var rows = neighbours.data<long>().ToArray();
        for (int i = 0; i < original.Length; i++)
        {
            if (original[i] == 0) { Assert.Equal(0, replaced[i]); continue; }
            Assert.Contains(replaced[i], new[] { rows[original[i] * 2], rows[original[i] * 2 + 1] });
        }
        Assert.Equal(Ids().data<long>().ToArray(), TokenAugment.Replace(Ids(), 0, neighbours, g).data<long>().ToArray());
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var neighbours = zeros(5, 2, dtype: ScalarType.Int64);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Dropout(zeros(2, 2), 0.1, g)).ParamName);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Dropout(tensor(new long[] { -1, 2 }, [1, 2]), 0.1, g)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Dropout(Ids(), 1, g)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Replace(Ids(), 1.5, neighbours, g)).ParamName);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Replace(tensor(new long[] { 7 }, [1, 1]), 0.5, neighbours, g)).ParamName);
        Assert.Equal("neighbours", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.Replace(Ids(), 0.5, zeros(5, 2), g)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => TokenAugment.NearestNeighbours(zeros(3, 2), 2)).ParamName);
    }
}

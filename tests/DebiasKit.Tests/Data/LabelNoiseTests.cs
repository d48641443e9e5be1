using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

public class LabelNoiseTests
{
    private static long[] Labels(int n, int classes) => Enumerable.Range(0, n).Select(i => (long)(i % classes)).ToArray();

    [Fact]
    public void Symmetric_noise_changes_about_the_rate_and_spreads_evenly_over_the_other_classes()
    {
        var clean = Labels(20_000, 4);
        var noisy = LabelNoise.Symmetric(clean, 4, 0.3, seed: 1);
        Assert.InRange(noisy.Rate, 0.29, 0.31);                         // binomial s.e. 0.0032
        for (int i = 0; i < clean.Length; i++)
            Assert.Equal(noisy.Flipped[i], noisy.Labels[i] != clean[i]);  // a flip always lands on another class
        // class 0's flipped labels land on 1, 2 and 3 about equally (each about a third of ~1,500)
        var landed = Enumerable.Range(0, clean.Length).Where(i => clean[i] == 0 && noisy.Flipped[i]).GroupBy(i => noisy.Labels[i]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new long[] { 1, 2, 3 }, landed.Keys.Order());
        Assert.All(landed.Values, count => Assert.InRange(count / (double)landed.Values.Sum(), 0.30, 0.37));
        Assert.Equal(noisy.Labels, LabelNoise.Symmetric(clean, 4, 0.3, seed: 1).Labels);   // seeded
    }

    [Fact]
    public void Asymmetric_noise_moves_labels_only_to_their_target_and_pair_flip_is_c_plus_one()
    {
        var clean = Labels(10_000, 5);
        var target = LabelNoise.PairFlip(5);
        Assert.Equal(new long[] { 1, 2, 3, 4, 0 }, target);
        var noisy = LabelNoise.Asymmetric(clean, target, 0.4, seed: 2);
        Assert.InRange(noisy.Rate, 0.385, 0.415);
        for (int i = 0; i < clean.Length; i++)
            Assert.Equal(noisy.Flipped[i] ? target[clean[i]] : clean[i], noisy.Labels[i]);
        Assert.Equal(0, LabelNoise.Asymmetric(clean, target, 0, seed: 3).Rate);
        Assert.Equal(1, LabelNoise.Symmetric(clean, 5, 1, seed: 3).Rate);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var clean = Labels(10, 3);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => LabelNoise.Symmetric(clean, 3, 1.5, seed: 0)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => LabelNoise.Symmetric(clean, 3, double.NaN, seed: 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LabelNoise.Symmetric(clean, 2, 0.1, seed: 0)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => LabelNoise.Symmetric(new long[] { 0, 0 }, 1, 0.1, seed: 0)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => LabelNoise.Asymmetric(clean, new long[] { 1, 1, 0 }, 0.1, seed: 0)).ParamName);
    }
}

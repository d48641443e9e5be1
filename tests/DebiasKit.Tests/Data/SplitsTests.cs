using DebiasKit.Data;
using Xunit;
using static DebiasKit.Tests.Data.DataFolders;

namespace DebiasKit.Tests.Data;

/// <summary>Seeded stratified and random splits: partitions with the documented per-class sizes, fixed per seed.</summary>
public class SplitsTests
{
    /// <summary>Labels of sizes 50, 31, 7 and 1 for classes 0, 1, 3 and 7 (2, 4, 5 and 6 absent), interleaved.</summary>
    private static long[] UnevenLabels()
    {
        var labels = new List<long>();
        labels.AddRange(Enumerable.Repeat(0L, 50));
        labels.AddRange(Enumerable.Repeat(1L, 31));
        labels.AddRange(Enumerable.Repeat(3L, 7));
        labels.Add(7);
        var random = new Random(5);
        var array = labels.ToArray();
        random.Shuffle(array);
        return array;
    }

    [Fact]
    public void Stratified_split_is_a_sorted_partition_with_each_class_share()
    {
        var labels = UnevenLabels();
        var split = Splits.Stratified(labels, validationFraction: 0.2, testFraction: 0.3, seed: 1);
        AssertPartition(split, labels.Length);
        // Per class: round(n · 0.3) to test, then round(n · 0.2) to validation, half away from zero.
        (long Class, int Test, int Validation, int Train)[] expected = [(0, 15, 10, 25), (1, 9, 6, 16), (3, 2, 1, 4), (7, 0, 0, 1)];
        foreach (var (c, test, validation, train) in expected)
        {
            Assert.Equal(test, split.Test.Count(i => labels[i] == c));
            Assert.Equal(validation, split.Validation.Count(i => labels[i] == c));
            Assert.Equal(train, split.Train.Count(i => labels[i] == c));
        }
    }

    [Fact]
    public void Stratified_split_is_fixed_by_its_seed()
    {
        var labels = UnevenLabels();
        var a = Splits.Stratified(labels, 0.2, 0.3, seed: 11);
        var b = Splits.Stratified(labels, 0.2, 0.3, seed: 11);
        var c = Splits.Stratified(labels, 0.2, 0.3, seed: 12);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Validation, b.Validation);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
        // Another seed moves examples but keeps the per-class sizes.
        Assert.Equal(a.Test.Length, c.Test.Length);
        Assert.Equal(a.Validation.Length, c.Validation.Length);
    }

    [Fact]
    public void Stratified_split_with_zero_fractions_keeps_everything_for_training()
    {
        var labels = UnevenLabels();
        var split = Splits.Stratified(labels, 0, 0, seed: 3);
        Assert.Empty(split.Validation);
        Assert.Empty(split.Test);
        Assert.Equal(Enumerable.Range(0, labels.Length).Select(i => (long)i), split.Train);
        var empty = Splits.Stratified([], 0.2, 0.2, seed: 3);
        Assert.Equal(0, empty.Count);
    }

    [Fact]
    public void Random_split_has_the_rounded_sizes_and_is_fixed_by_its_seed()
    {
        var split = Splits.Random(1001, validationFraction: 0.15, testFraction: 0.25, seed: 2);
        AssertPartition(split, 1001);
        // round(1001 · 0.25) = 250, round(1001 · 0.15) = 150.
        Assert.Equal((601, 150, 250), (split.Train.Length, split.Validation.Length, split.Test.Length));
        var same = Splits.Random(1001, 0.15, 0.25, seed: 2);
        Assert.Equal(split.Test, same.Test);
        Assert.Equal(split.Validation, same.Validation);
        var other = Splits.Random(1001, 0.15, 0.25, seed: 3);
        Assert.NotEqual(split.Test, other.Test);
        Assert.Equal(split.Test.Length, other.Test.Length);
        // A shuffle, not a block: the test part reaches both ends of the range.
        Assert.True(split.Test.Min() < 100 && split.Test.Max() > 900);
    }

    [Fact]
    public void Random_split_of_nothing_is_empty()
    {
        Assert.Equal(0, Splits.Random(0, 0.2, 0.2, seed: 1).Count);
    }

    [Theory]
    [InlineData(-0.1, 0.2, "validationFraction")]
    [InlineData(1.0, 0.0, "validationFraction")]
    [InlineData(double.NaN, 0.2, "validationFraction")]
    [InlineData(0.2, -0.01, "testFraction")]
    [InlineData(0.0, 1.0, "testFraction")]
    [InlineData(0.2, double.NaN, "testFraction")]
    [InlineData(0.5, 0.5, "testFraction")]
    [InlineData(0.6, 0.45, "testFraction")]
    public void Both_splits_reject_bad_fractions_and_name_them(double validation, double test, string parameter)
    {
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => Splits.Stratified([0, 1, 0, 1], validation, test, 0)).ParamName);
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => Splits.Random(4, validation, test, 0)).ParamName);
    }

    [Fact]
    public void Stratified_rejects_negative_or_missing_labels_and_Random_a_negative_count()
    {
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => Splits.Stratified([0, -1, 1], 0.2, 0.2, 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => Splits.Stratified(null!, 0.2, 0.2, 0)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Splits.Random(-1, 0.2, 0.2, 0)).ParamName);
    }

    [Fact]
    public void DataSplit_counts_and_prints_its_parts()
    {
        var split = new DataSplit([0, 1, 2], [3], [4, 5]);
        Assert.Equal(6, split.Count);
        Assert.Equal("train 3 · validation 1 · test 2", split.ToString());
    }
}

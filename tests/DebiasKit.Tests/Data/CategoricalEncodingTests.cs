using DebiasKit.Data;
using Microsoft.Data.Analysis;
using Xunit;

namespace DebiasKit.Tests.Data;

public class CategoricalEncodingTests
{
    private static DataFrame Table() => new(
        new StringDataFrameColumn("colour", new[] { "red", "blue", null, "red", "green" }),
        new PrimitiveDataFrameColumn<int>("size", new[] { 3, 1, 3, 2, 1 }));

    [Fact]
    public void Each_level_after_the_reference_gets_an_indicator_and_missing_values_are_a_level()
    {
        var design = CategoricalEncoding.OneHot(Table(), new[] { "colour", "size" });
        // colour levels in ordinal order: NA, blue, green, red → NA is the reference; size levels 1, 2, 3 → 1 is the reference
        Assert.Equal(new[] { "colour=blue", "colour=green", "colour=red", "size=2", "size=3" }, design.Names);
        double[,] expected =
        {
            { 0, 0, 1, 0, 1 },   // red, 3
            { 1, 0, 0, 0, 0 },   // blue, 1
            { 0, 0, 0, 0, 1 },   // NA, 3
            { 0, 0, 1, 1, 0 },   // red, 2
            { 0, 1, 0, 0, 0 },   // green, 1
        };
        Assert.Equal(expected, design.Values.ToArray());
    }

    [Fact]
    public void Without_dropping_every_row_has_one_indicator_per_column_and_a_row_subset_keeps_the_columns()
    {
        var full = CategoricalEncoding.OneHot(Table(), new[] { "colour", "size" }, dropFirst: false);
        Assert.Equal(7, full.Names.Count);
        Assert.All(full.Values.EnumerateRows(), row => Assert.Equal(2, row.Sum()));
        var subset = CategoricalEncoding.OneHot(Table(), new[] { "colour" }, rows: new[] { 4, 0 });
        Assert.Equal(3, subset.Values.ColumnCount);
        Assert.Equal(new double[] { 0, 1, 0 }, subset.Values.Row(0).ToArray());   // green
        Assert.Equal(new double[] { 0, 0, 1 }, subset.Values.Row(1).ToArray());   // red
    }

    [Fact]
    public void Unknown_columns_and_rows_are_rejected_by_name()
    {
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => CategoricalEncoding.OneHot(Table(), new[] { "shape" })).ParamName);
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => CategoricalEncoding.OneHot(Table(), Array.Empty<string>())).ParamName);
        Assert.Equal("rows", Assert.ThrowsAny<ArgumentException>(() => CategoricalEncoding.OneHot(Table(), new[] { "size" }, rows: new[] { 5 })).ParamName);
    }
}

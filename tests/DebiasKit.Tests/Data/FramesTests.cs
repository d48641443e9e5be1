using DebiasKit.Data;
using Microsoft.Data.Analysis;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

/// <summary>From DataFrame columns to feature tensors and class labels, with errors that name the column.</summary>
public class FramesTests
{
    private static DataFrame Table() => new(
        new Int32DataFrameColumn("count", new int?[] { 1, 2, 3 }),
        new DoubleDataFrameColumn("rate", new double?[] { 0.5, null, 2.25 }),
        new BooleanDataFrameColumn("flag", new bool?[] { true, false, true }),
        new StringDataFrameColumn("colour", new[] { "red", "blue", "red" }),
        new StringDataFrameColumn("gap", new[] { "x", null, "y" }),
        new Int32DataFrameColumn("holes", new int?[] { 0, null, 1 }));

    [Fact]
    public void Features_stack_numeric_and_boolean_columns_in_the_given_order()
    {
        var table = Table();
        using var features = Frames.Features(table, ["flag", "count"]);
        Assert.Equal(new long[] { 3, 2 }, features.shape);
        Assert.Equal(ScalarType.Float32, features.dtype);
        AllClose([1, 1, 0, 2, 1, 3], ToDoubles(features), 0);
    }

    [Fact]
    public void Features_of_chosen_rows_follow_the_row_order()
    {
        var table = Table();
        using var features = Frames.Features(table, ["rate", "count"], rows: [2, 0]);
        Assert.Equal(new long[] { 2, 2 }, features.shape);
        AllClose([2.25, 3, 0.5, 1], ToDoubles(features), 0);
        AssertLeavesOnlyItsResult(() => Frames.Features(table, ["count"], rows: [0, 2]));
    }

    [Fact]
    public void Features_name_a_missing_column_and_list_the_others()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), ["count", "income"]));
        Assert.Contains("'income'", error.Message);
        Assert.Contains("count, rate, flag, colour, gap, holes", error.Message);
        Assert.Equal("columns", error.ParamName);
    }

    [Fact]
    public void Features_name_a_column_with_a_missing_value_and_its_row()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), ["count", "rate"]));
        Assert.Contains("'rate'", error.Message);
        Assert.Contains("row 1", error.Message);
        Assert.Equal("table", error.ParamName);
        // Rows without the missing value are fine.
        using var features = Frames.Features(Table(), ["rate"], rows: [0, 2]);
        AllClose([0.5, 2.25], ToDoubles(features), 0);
    }

    [Fact]
    public void Features_name_a_text_column()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), ["colour"]));
        Assert.Contains("'colour'", error.Message);
        Assert.Contains("String", error.Message);
        Assert.Equal("table", error.ParamName);
    }

    [Fact]
    public void Features_reject_an_empty_or_missing_column_list_and_leave_no_tensor()
    {
        long before = LiveTensors();
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), [])).ParamName);
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), null!)).ParamName);
        Assert.Equal("table", Assert.ThrowsAny<ArgumentException>(() => Frames.Features(null!, ["count"])).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => Frames.Features(Table(), ["colour"]));
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Labels_of_an_integer_column_are_its_values()
    {
        Assert.Equal(new long[] { 1, 2, 3 }, Frames.Labels(Table(), "count"));
    }

    [Fact]
    public void Labels_of_a_text_or_boolean_column_index_the_sorted_distinct_values()
    {
        Assert.Equal(new long[] { 1, 0, 1 }, Frames.Labels(Table(), "colour"));   // blue 0, red 1
        Assert.Equal(new long[] { 1, 0, 1 }, Frames.Labels(Table(), "flag"));     // False 0, True 1
        // Ordinal order: upper case before lower case.
        var mixed = new DataFrame(new StringDataFrameColumn("c", new[] { "b", "B", "a" }));
        Assert.Equal(new long[] { 2, 0, 1 }, Frames.Labels(mixed, "c"));
    }

    [Fact]
    public void Labels_name_a_missing_column_or_a_missing_value()
    {
        Assert.Contains("'nothing'", Assert.ThrowsAny<ArgumentException>(() => Frames.Labels(Table(), "nothing")).Message);
        var textError = Assert.ThrowsAny<ArgumentException>(() => Frames.Labels(Table(), "gap"));
        Assert.Contains("'gap'", textError.Message);
        Assert.Contains("row 1", textError.Message);
        var intError = Assert.ThrowsAny<ArgumentException>(() => Frames.Labels(Table(), "holes"));
        Assert.Contains("'holes'", intError.Message);
        Assert.Contains("row 1", intError.Message);
    }
}

using System.Text.Json.Nodes;
using DebiasKit.Reporting;
using Microsoft.Data.Analysis;
using Plotly.NET;
using Xunit;

namespace DebiasKit.Tests.Reporting;

/// <summary>The views of data sets in reports: the first rows of a DataFrame as a table, and a grey image as a heatmap.</summary>
public class DataViewsTests
{
    private static DataFrame Frame() => new(
        new StringDataFrameColumn("name", ["a", null, "c"]),
        new DoubleDataFrameColumn("value", [0.5, 1.25, null]),
        new Int32DataFrameColumn("count", [1, 2, 3]));

    [Fact]
    public void FromDataFrame_shows_the_first_rows_with_NA_for_missing_values()
    {
        var table = ResultTable.FromDataFrame("rows", "First rows", Frame(), rows: 3, decimals: 1);
        Assert.Equal(new[] { "name", "value", "count" }, table.Columns);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(new[] { "a", "0.5", "1" }, table.Rows[0].Select(table.Format));
        Assert.Equal(new[] { "NA", "1.2", "2" }, table.Rows[1].Select(table.Format));   // 1.25 shown with one decimal
        Assert.Equal("NA", table.Format(table.Rows[2][1]));
    }

    [Fact]
    public void FromDataFrame_picks_and_orders_columns_and_stops_at_the_last_row()
    {
        var table = ResultTable.FromDataFrame("rows", "T", Frame(), rows: 10, columns: ["count", "name"]);
        Assert.Equal(new[] { "count", "name" }, table.Columns);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(new object?[] { 3, "c" }, table.Rows[2]);
    }

    [Fact]
    public void FromDataFrame_names_an_unknown_column()
    {
        var error = Assert.Throws<ArgumentException>(() => ResultTable.FromDataFrame("rows", "T", Frame(), columns: ["name", "colour"]));
        Assert.Equal("columns", error.ParamName);
        Assert.Contains("'colour'", error.Message);
        Assert.Equal("rows", Assert.ThrowsAny<ArgumentException>(() => ResultTable.FromDataFrame("t", "T", Frame(), rows: -1)).ParamName);
    }

    [Fact]
    public void Image_is_one_heatmap_with_rows_top_down_and_values_to_two_decimals()
    {
        var grey = new double[,] { { 0, 0.333 }, { 1, 0.5 }, { 0.25, 0.75 } };
        var figure = JsonNode.Parse(GenericChart.toJson(Charts.Image("digits", grey)))!;
        var trace = figure["data"]![0]!;
        Assert.Equal("heatmap", (string?)trace["type"]);
        Assert.Equal(new[] { 0, 0.33, 1, 0.5, 0.25, 0.75 }, trace["z"]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (double)v!)));
        Assert.Equal(3, trace["z"]!.AsArray().Count);
        Assert.Equal("reversed", (string?)figure["layout"]!["yaxis"]!["autorange"]);
        Assert.Equal("y", (string?)figure["layout"]!["xaxis"]!["scaleanchor"]);   // square pixels
        Assert.Equal(Charts.ImageHeight(grey), (int)figure["layout"]!["height"]!);
    }

    [Fact]
    public void Image_height_follows_the_shape_within_limits()
    {
        Assert.Equal(60 + 900 * 58 / 290, Charts.ImageHeight(new double[58, 290]));   // two rows of ten digits
        Assert.Equal(150, Charts.ImageHeight(new double[1, 1000]));
        Assert.Equal(700, Charts.ImageHeight(new double[1000, 10]));
        Assert.Equal("grey", Assert.Throws<ArgumentException>(() => Charts.Image("t", new double[0, 3])).ParamName);
    }
}

using System.Text;
using DebiasKit.Data;
using Microsoft.Data.Analysis;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>The ARFF reader on small hand-written files.</summary>
public class ArffReaderTests
{
    private static DataFrame Read(string text, string name = "test.arff") =>
        ArffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    private const string Example = """
        % A comment before the header
        @relation 'tiny test'

        @attribute 'account status' { '<0', '0<=X<200', 'no checking'}
        @attribute duration numeric
        @attribute rate REAL
        @attribute count integer
        @attribute purpose { 'new car', radio/tv}
        @attribute note string
        @attribute class {good, bad}

        @data
        '<0',6,0.5,3,radio/tv,'hello, world',good
        % a comment inside the data
        'no checking', 48 ,?, 1,'new car',plain,bad

        '0<=X<200',12,2.25,?,?,'x',good
        """;

    [Fact]
    public void Reads_attributes_in_order_with_numeric_ones_as_double()
    {
        var table = Read(Example);
        Assert.Equal(new[] { "account status", "duration", "rate", "count", "purpose", "note", "class" }, table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(table.Columns["account status"]);
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["duration"]);
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["rate"]);
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["count"]);
        Assert.IsType<StringDataFrameColumn>(table.Columns["purpose"]);
        Assert.IsType<StringDataFrameColumn>(table.Columns["note"]);
        Assert.IsType<StringDataFrameColumn>(table.Columns["class"]);
    }

    [Fact]
    public void Reads_quoted_and_bare_values_and_question_marks_as_null()
    {
        var table = Read(Example);
        Assert.Equal(new object?[] { "<0", "no checking", "0<=X<200" }, Enumerable.Range(0, 3).Select(i => table.Columns["account status"][i]));
        Assert.Equal(new object?[] { 6.0, 48.0, 12.0 }, Enumerable.Range(0, 3).Select(i => table.Columns["duration"][i]));
        Assert.Equal(new object?[] { 0.5, null, 2.25 }, Enumerable.Range(0, 3).Select(i => table.Columns["rate"][i]));
        Assert.Equal(new object?[] { 3.0, 1.0, null }, Enumerable.Range(0, 3).Select(i => table.Columns["count"][i]));
        Assert.Equal(new object?[] { "radio/tv", "new car", null }, Enumerable.Range(0, 3).Select(i => table.Columns["purpose"][i]));
        Assert.Equal(new object?[] { "hello, world", "plain", "x" }, Enumerable.Range(0, 3).Select(i => table.Columns["note"][i]));
        Assert.Equal(new object?[] { "good", "bad", "good" }, Enumerable.Range(0, 3).Select(i => table.Columns["class"][i]));
    }

    [Fact]
    public void A_row_with_the_wrong_value_count_is_rejected_by_name()
    {
        const string text = "@attribute a numeric\n@attribute b numeric\n@data\n1,2\n3\n";
        var error = Assert.Throws<InvalidDataException>(() => Read(text, "data/x.arff"));
        Assert.Contains("'data/x.arff'", error.Message);
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void A_file_without_attributes_is_rejected_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("@relation r\n@data\n1,2\n", "empty.arff"));
        Assert.Contains("'empty.arff'", error.Message);
    }

    [Theory]
    [InlineData("@relation r\n@attribute 'x numeric\n@data\n1\n", "closing quote")]
    [InlineData("@relation r\n@attribute x\n@data\n1\n", "declares no type")]
    [InlineData("@relation r\n@attribute x numeric\n@attribute y {a, b}\n@data\n1,'a\n", "closing quote")]
    [InlineData("@relation r\n@attribute x numeric\n@data\nabc\n", "not a number")]
    public void Malformed_files_fail_with_the_file_name_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(text, "bad.arff"));
        Assert.Contains("bad.arff", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_quoted_question_mark_is_a_value_not_a_missing_one()
    {
        var table = Read("@relation r\n@attribute s {'?', a}\n@data\n'?'\n?\n");
        Assert.Equal("?", table.Columns["s"][0]);
        Assert.Null(table.Columns["s"][1]);
    }
}

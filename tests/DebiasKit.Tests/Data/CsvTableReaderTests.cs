using System.Text;
using DebiasKit.Data;
using Microsoft.Data.Analysis;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>The R write.csv reader: RFC 4180 quoting, NA, and column types that follow R's own.</summary>
public class CsvTableReaderTests
{
    private static DataFrame Read(string text, string name = "test.csv") =>
        CsvTableReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    private const string Table =
        "\"name\",\"n\",\"x\",\"flag\",\"code\",\"note\"\n" +
        "\"a, b\",1,1.5,TRUE,\"007\",NA\n" +
        "\"say \"\"hi\"\"\",-2,2,FALSE,\"12\",\"line1\nline2\"\n" +
        "\"\",NA,NA,NA,NA,\"\"\n";

    [Fact]
    public void Reads_the_header_and_every_row()
    {
        var table = Read(Table);
        Assert.Equal(new[] { "name", "n", "x", "flag", "code", "note" }, table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_newlines()
    {
        var table = Read(Table);
        Assert.IsType<StringDataFrameColumn>(table.Columns["name"]);
        Assert.Equal("a, b", table.Columns["name"][0]);
        Assert.Equal("say \"hi\"", table.Columns["name"][1]);
        Assert.Equal("line1\nline2", table.Columns["note"][1]);
    }

    [Fact]
    public void Unquoted_NA_is_null_but_a_quoted_empty_string_is_text()
    {
        var table = Read(Table);
        Assert.Null(table.Columns["note"][0]);
        Assert.Equal("", table.Columns["note"][2]);
        Assert.Equal("", table.Columns["name"][2]);
        Assert.Null(table.Columns["n"][2]);
        Assert.Null(table.Columns["x"][2]);
        Assert.Null(table.Columns["flag"][2]);
        Assert.Null(table.Columns["code"][2]);
        Assert.Equal(1, table.Columns["n"].NullCount);
    }

    [Fact]
    public void Column_types_follow_R()
    {
        var table = Read(Table);
        // Whole numbers are Int32, numbers with a fraction anywhere make the column double.
        Assert.IsType<Int32DataFrameColumn>(table.Columns["n"]);
        Assert.Equal(new object?[] { 1, -2, null }, Enumerable.Range(0, 3).Select(i => table.Columns["n"][i]));
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["x"]);
        Assert.Equal(new object?[] { 1.5, 2.0, null }, Enumerable.Range(0, 3).Select(i => table.Columns["x"][i]));
        // TRUE/FALSE are booleans.
        Assert.IsType<BooleanDataFrameColumn>(table.Columns["flag"]);
        Assert.Equal(new object?[] { true, false, null }, Enumerable.Range(0, 3).Select(i => table.Columns["flag"][i]));
        // Quoted numbers were text in R (a factor or character) and stay text, leading zeros and all.
        Assert.IsType<StringDataFrameColumn>(table.Columns["code"]);
        Assert.Equal("007", table.Columns["code"][0]);
        Assert.Equal("12", table.Columns["code"][1]);
    }

    [Theory]
    [InlineData("3000000000", typeof(DoubleDataFrameColumn))]      // beyond Int32
    [InlineData("1e3", typeof(DoubleDataFrameColumn))]
    [InlineData("-7", typeof(Int32DataFrameColumn))]
    [InlineData("TRUE", typeof(BooleanDataFrameColumn))]
    [InlineData("T", typeof(StringDataFrameColumn))]                // R writes TRUE, not T
    [InlineData("abc", typeof(StringDataFrameColumn))]
    [InlineData("NA", typeof(StringDataFrameColumn))]               // all missing: a text column of nulls
    public void The_type_of_a_one_value_column(string value, Type type)
    {
        var table = Read("v\n" + value + "\n");
        Assert.IsType(type, table.Columns["v"]);
    }

    [Fact]
    public void Mixed_numbers_and_text_make_a_text_column()
    {
        var table = Read("v\n1\nabc\n2.5\n");
        Assert.IsType<StringDataFrameColumn>(table.Columns["v"]);
        Assert.Equal("1", table.Columns["v"][0]);
        Assert.Equal("2.5", table.Columns["v"][2]);
    }

    [Fact]
    public void Windows_line_endings_and_a_missing_final_newline_are_accepted()
    {
        var table = Read("a,b\r\n1,\"x\"\r\n2,\"y\"");
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(2, table.Columns["a"][1]);
        Assert.Equal("y", table.Columns["b"][1]);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_is_rejected_by_file_name_and_row()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n1,2\n3\n", "data/some/file.csv"));
        Assert.Contains("'data/some/file.csv'", error.Message);
        Assert.Contains("row 3", error.Message);
        Assert.Contains("1 fields", error.Message);
        Assert.Throws<InvalidDataException>(() => Read("a,b\n1,2,3\n"));
    }

    [Fact]
    public void An_unterminated_quote_and_an_empty_file_are_rejected_by_name()
    {
        Assert.Contains("'q.csv'", Assert.Throws<InvalidDataException>(() => Read("a\n\"open\n", "q.csv")).Message);
        Assert.Contains("'e.csv'", Assert.Throws<InvalidDataException>(() => Read("", "e.csv")).Message);
    }

    [Fact]
    public void ParseRecords_marks_which_fields_were_quoted()
    {
        var records = CsvTableReader.ParseRecords("1,\"1\",,\"\"\n", "t");
        var record = Assert.Single(records);
        Assert.Equal(
            new[] { new CsvTableReader.Field("1", false), new CsvTableReader.Field("1", true), new CsvTableReader.Field("", false), new CsvTableReader.Field("", true) },
            record);
    }
}

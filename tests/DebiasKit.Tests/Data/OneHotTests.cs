using DebiasKit.Data;
using Microsoft.Data.Analysis;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Data;

public class OneHotTests
{
    private static DataFrame Table() => new(
        new StringDataFrameColumn("colour", ["red", "blue", null, "red"]),
        new PrimitiveDataFrameColumn<int>("size", [3, 1, 3, 2]));

    [Fact]
    public void Encodes_every_level_including_NA_in_sorted_order()
    {
        var encoded = OneHot.Encode(Table(), ["colour", "size"]);
        using var values = encoded.Values;
        Assert.Equal(["colour=NA", "colour=blue", "colour=red", "size=1", "size=2", "size=3"], encoded.Names);
        Assert.Equal(new long[] { 4, 6 }, values.shape);
        AllClose([0, 0, 1, 0, 0, 1,
                  0, 1, 0, 1, 0, 0,
                  1, 0, 0, 0, 0, 1,
                  0, 0, 1, 0, 1, 0], ToDoubles(values), 0);
    }

    [Fact]
    public void A_subset_of_rows_keeps_the_whole_tables_levels()
    {
        var encoded = OneHot.Encode(Table(), ["colour"], rows: [1]);
        using var values = encoded.Values;
        Assert.Equal(3, encoded.Names.Count);
        AllClose([0, 1, 0], ToDoubles(values), 0);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => OneHot.Encode(Table(), ["shape"])).ParamName);
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => OneHot.Encode(Table(), [])).ParamName);
        Assert.Equal("rows", Assert.ThrowsAny<ArgumentException>(() => OneHot.Encode(Table(), ["colour"], rows: [4])).ParamName);
    }
}

using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>The IDX reader of the MNIST files on small hand-made streams.</summary>
public class IdxReaderTests
{
    private static (int[] Shape, byte[] Values) Read(params byte[] bytes) => IdxReader.Read(new MemoryStream(bytes), "t.idx");

    [Fact]
    public void Reads_a_rank_2_unsigned_byte_array()
    {
        // Magic 0x00000802, dimensions 2 and 3 (big-endian), then six values.
        var (shape, values) = Read(0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 10, 11, 12, 13, 14, 255);
        Assert.Equal(new[] { 2, 3 }, shape);
        Assert.Equal(new byte[] { 10, 11, 12, 13, 14, 255 }, values);
    }

    [Fact]
    public void Reads_a_dimension_above_255_big_endian()
    {
        var bytes = new byte[] { 0, 0, 8, 1, 0, 0, 1, 2 }.Concat(Enumerable.Repeat((byte)7, 258)).ToArray();
        var (shape, values) = Read(bytes);
        Assert.Equal(new[] { 258 }, shape);
        Assert.Equal(258, values.Length);
    }

    [Fact]
    public void Rejects_another_element_type()
    {
        // 0x0D: float32 elements.
        var error = Assert.Throws<InvalidDataException>(() => Read(0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0));
        Assert.Contains("'t.idx'", error.Message);
        Assert.Contains("0x00000D01", error.Message);
    }

    [Fact]
    public void Rejects_a_short_stream_and_extra_bytes()
    {
        Assert.Contains("ends before", Assert.Throws<InvalidDataException>(() => Read(0, 0, 8, 1, 0, 0, 0, 3, 1, 2)).Message);
        Assert.Contains("ends before", Assert.Throws<InvalidDataException>(() => Read(0, 0, 8, 2, 0, 0, 0, 3)).Message);
        Assert.Contains("ends before", Assert.Throws<InvalidDataException>(() => Read(0, 0)).Message);
        Assert.Contains("beyond", Assert.Throws<InvalidDataException>(() => Read(0, 0, 8, 1, 0, 0, 0, 1, 5, 6)).Message);
    }
}

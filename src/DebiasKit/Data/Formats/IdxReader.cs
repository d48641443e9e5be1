using System.Buffers.Binary;

namespace DebiasKit.Data;

/// <summary>
/// Reads the IDX format of the MNIST files: a big-endian magic number 0x00000800 + (element type) + (rank), one
/// big-endian 32-bit size per dimension, then the elements. Only unsigned bytes (type 0x08) occur in the kit.
/// </summary>
internal static class IdxReader
{
    /// <summary>The dimensions and the bytes of an unsigned-byte IDX stream.</summary>
    public static (int[] Shape, byte[] Values) Read(Stream stream, string name)
    {
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, word, name);
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(word);
        if ((magic >> 8) != 0x08)
            throw new InvalidDataException($"'{name}' is not an unsigned-byte IDX file (magic number 0x{magic:X8}).");
        int rank = (int)(magic & 0xFF);
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(stream, word, name);
            shape[i] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(word));
            count *= shape[i];
        }
        var values = new byte[checked((int)count)];
        ReadExactly(stream, values, name);
        if (stream.ReadByte() != -1) throw new InvalidDataException($"'{name}' has bytes beyond the {count:N0} its header announces.");
        return (shape, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException e) { throw new InvalidDataException($"'{name}' ends before the size its header announces.", e); }
    }
}

namespace DebiasKit.Data;

/// <summary>An image file and its label file in IDX format, read into an <see cref="ImageSet"/>.</summary>
internal static class IdxImages
{
    public static ImageSet Load(string name, DataFile images, DataFile labels, IReadOnlyList<string> classNames, string? dataDirectory)
    {
        (int[] imageShape, byte[] pixels) = Read(images, dataDirectory);
        (int[] labelShape, byte[] labelBytes) = Read(labels, dataDirectory);
        if (imageShape.Length != 3 || labelShape.Length != 1 || imageShape[0] != labelShape[0])
            throw new InvalidDataException($"'{images.Name}' and '{labels.Name}' do not describe the same images.");
        return new ImageSet(name, pixels, labelBytes.Select(b => (long)b).ToArray(), 1, imageShape[1], imageShape[2], 255, classNames);
    }

    private static (int[], byte[]) Read(DataFile file, string? dataDirectory)
    {
        using var stream = file.OpenContent(dataDirectory);
        return IdxReader.Read(stream, file.Name);
    }
}

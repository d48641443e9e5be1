using System.Globalization;

namespace DebiasKit.Data;

/// <summary>
/// The 8×8 handwritten digits of scikit-learn (UCI Optical Recognition of Handwritten Digits, test part):
/// 1,797 images with values 0 … 16. See data/sklearn/NOTICE.md.
/// </summary>
public static class SklearnDigits
{
    /// <summary>All 1,797 digits.</summary>
    public static ImageSet Load(string? dataDirectory = null)
    {
        var file = ShippedFiles.SklearnDigits;
        using var reader = new StreamReader(file.OpenContent(dataDirectory));
        var pixels = new List<byte>(1797 * 64);
        var labels = new List<long>(1797);
        string? line;
        int row = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            row++;
            var values = line.Split(',');
            if (values.Length != 65) throw new InvalidDataException($"'{file.Name}' row {row} has {values.Length} values; 65 expected.");
            for (int i = 0; i < 64; i++) pixels.Add((byte)double.Parse(values[i], CultureInfo.InvariantCulture));
            labels.Add((long)double.Parse(values[64], CultureInfo.InvariantCulture));
        }
        return new ImageSet("scikit-learn digits (8×8)", pixels.ToArray(), labels.ToArray(), 1, 8, 8, 16, Mnist.ClassNames);
    }

    /// <summary>The kit's split: 60 % train, 20 % validation, 20 % test, stratified, seeded with <see cref="Splits.StandardSeed"/>.</summary>
    public static DataSplit StandardSplit(ImageSet digits) =>
        Splits.Stratified(digits.Labels, validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);
}

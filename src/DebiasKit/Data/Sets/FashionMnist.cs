namespace DebiasKit.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; Zalando, MIT licence): 28×28 grey images of ten kinds of
/// clothing. The kit ships the first 20,000 images of the training set and the whole 10,000-image test set.
/// See data/fashion-mnist/NOTICE.md.
/// </summary>
public static class FashionMnist
{
    /// <summary>Number of training images shipped; <see cref="Load"/> puts them first.</summary>
    public const int TrainCount = 20_000;

    /// <summary>Names of the ten classes, in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The 20,000 training images followed by the 10,000 test images (indices 20,000 … 29,999).</summary>
    public static ImageSet Load(string? dataDirectory = null)
    {
        var train = LoadTrain(dataDirectory);
        var test = LoadTest(dataDirectory);
        var pixels = new byte[train.Pixels.Length + test.Pixels.Length];
        train.Pixels.CopyTo(pixels);
        test.Pixels.CopyTo(pixels.AsSpan(train.Pixels.Length));
        return new ImageSet("Fashion-MNIST (20k train + 10k test)", pixels, [.. train.Labels, .. test.Labels], 1, 28, 28, 255, ClassNames);
    }

    /// <summary>The first 20,000 images of the training set.</summary>
    public static ImageSet LoadTrain(string? dataDirectory = null) =>
        IdxImages.Load("Fashion-MNIST train (first 20k)", ShippedFiles.FashionMnistTrain20kImagesIdx3Ubyte, ShippedFiles.FashionMnistTrain20kLabelsIdx1Ubyte, ClassNames, dataDirectory);

    /// <summary>The 10,000-image test set.</summary>
    public static ImageSet LoadTest(string? dataDirectory = null) =>
        IdxImages.Load("Fashion-MNIST test", ShippedFiles.FashionMnistT10kImagesIdx3Ubyte, ShippedFiles.FashionMnistT10kLabelsIdx1Ubyte, ClassNames, dataDirectory);

    /// <summary>
    /// The kit's split of <see cref="Load"/>'s 30,000 images, the same in every notebook: test is the official
    /// test set (indices 20,000 … 29,999); 10 % of the training images of each class, rounded (seeded with
    /// <see cref="Splits.StandardSeed"/>), are validation (2,001 images), the other 17,999 train.
    /// </summary>
    public static DataSplit StandardSplit(ImageSet all)
    {
        Guard.NotNull(all, nameof(all));
        if (all.Count != TrainCount + 10_000)
            throw new ArgumentException($"all must be FashionMnist.Load()'s 30,000 images; it has {all.Count:N0}.", nameof(all));
        var trainPart = Splits.Stratified(all.Labels.Take(TrainCount).ToArray(), validationFraction: 0.1, testFraction: 0, Splits.StandardSeed);
        var test = Enumerable.Range(TrainCount, all.Count - TrainCount).Select(i => (long)i).ToArray();
        return new DataSplit(trainPart.Train, trainPart.Validation, test);
    }
}

using DebiasKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// A long-tailed image benchmark built from a real image set, as the long-tail notebooks use it: a seeded subset of the
/// split's training part with the exponential class profile of <see cref="LongTail.Subset"/> (class 0 the head), and the
/// split's test part for evaluation. Images are averaged over <c>pooling × pooling</c> blocks (to cut compute), flattened
/// and standardised with the pixel mean and standard deviation of the long-tailed training subset's source part
/// (the split's training part), as the CIFAR reference code normalises by training statistics.
/// <para>
/// Shot groups follow ImageNet-LT's convention (many-shot above 100, few-shot below 20 of about 1,280 head images)
/// scaled to the head count: many-shot above head/10, few-shot below head/50.
/// </para>
/// </summary>
public sealed class LongTailImages : IDisposable
{
    private readonly ImageSet images;
    private readonly ImageFeatures features;
    private readonly long[] testLabels;

    private LongTailImages(ImageSet images, DataSplit split, double imbalanceRatio, long[] trainIndices, int pooling, Device? device)
    {
        this.images = images;
        Pooling = pooling;
        ImbalanceRatio = imbalanceRatio;
        var (pixelMean, pixelStd) = images.PixelStatistics(split.Train);
        if (!(pixelStd > 0)) throw new ArgumentException("The training part's pixels are constant; they cannot be standardised.", nameof(split));
        features = new ImageFeatures(pixelMean, pixelStd, pooling, device);
        TrainIndices = trainIndices;
        TrainCounts = images.ClassCounts(trainIndices);
        HeadCount = TrainCounts.Max();
        Groups = ShotGroups.ByCount(TrainCounts, manyAbove: HeadCount / 10, fewBelow: HeadCount / 50);
        Train = Images(trainIndices);
        Test = Images(split.Test);
        testLabels = Test.LabelArray();
    }

    /// <summary>
    /// Builds the benchmark: a long-tailed subset of <paramref name="split"/>'s training part at
    /// <paramref name="imbalanceRatio"/> and the split's test part.
    /// </summary>
    /// <param name="images">The real image set (e.g. <c>FashionMnist.Load()</c>).</param>
    /// <param name="split">Indices into <paramref name="images"/>; the subset is drawn from its training part.</param>
    /// <param name="imbalanceRatio">Head count over tail count, ≥ 1 (the papers use 10 and 100).</param>
    /// <param name="seed">Seed of which training images are kept (fixed once, as the papers fix their subsample).</param>
    /// <param name="headCount">Images of class 0; default the most the training part allows at this profile.</param>
    /// <param name="pooling">Side of the square blocks averaged into one input pixel (1 keeps full resolution); must divide the image side.</param>
    /// <param name="device">Device of the tensors; default the CPU.</param>
    public static LongTailImages Create(ImageSet images, DataSplit split, double imbalanceRatio, int seed = 1, long? headCount = null,
        int pooling = 1, Device? device = null)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(split, nameof(split));
        Guard.Positive(pooling, nameof(pooling));
        if (images.Height % pooling != 0 || images.Width % pooling != 0)
            throw new ArgumentOutOfRangeException(nameof(pooling), pooling, $"pooling must divide the image size {images.Height}×{images.Width}.");
        if (split.Train.Length == 0 || split.Test.Length == 0)
            throw new ArgumentException("split must have a non-empty training part and a non-empty test part.", nameof(split));
        var trainIndices = LongTail.Subset(images.Labels, images.Classes, imbalanceRatio, seed, candidates: split.Train, headCount: headCount);
        return new LongTailImages(images, split, imbalanceRatio, trainIndices, pooling, device);
    }

    /// <summary>The long-tailed training examples, preprocessed: [N, C·(H/pooling)·(W/pooling)] float32 and labels.</summary>
    public ClassificationData Train { get; }

    /// <summary>The split's test examples, preprocessed the same way (Fashion-MNIST's is its own balanced test set).</summary>
    public ClassificationData Test { get; }

    /// <summary>Indices of the training examples into the image set.</summary>
    public long[] TrainIndices { get; }

    /// <summary>Training examples per class (class 0 the most).</summary>
    public long[] TrainCounts { get; }

    /// <summary>Training examples of the largest class.</summary>
    public long HeadCount { get; }

    /// <summary>The imbalance ratio the subset was drawn at.</summary>
    public double ImbalanceRatio { get; }

    /// <summary>Side of the pooled blocks.</summary>
    public int Pooling { get; }

    /// <summary>Many/medium/few-shot classes by training count (head/10 and head/50 thresholds).</summary>
    public ShotGroups Groups { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => images.Classes;

    /// <summary>Class names of the image set.</summary>
    public IReadOnlyList<string> ClassNames => images.ClassNames;

    /// <summary>Input features per example after pooling.</summary>
    public int Features => features.Count(images);

    /// <summary>Any other images of the set (e.g. the split's validation part), preprocessed as <see cref="Train"/>.</summary>
    public ClassificationData Images(IReadOnlyList<long> indices)
    {
        Guard.NotNull(indices, nameof(indices));
        return features.Of(images, indices);
    }

    /// <summary>Balanced, overall, per-class and shot-group accuracy of <paramref name="predicted"/> classes of <see cref="Test"/>.</summary>
    public LongTailAccuracy Evaluate(IReadOnlyList<long> predicted)
    {
        Guard.NotNull(predicted, nameof(predicted));
        if (predicted.Count != testLabels.Length)
            throw new ArgumentException($"predicted must hold one class per test example ({testLabels.Length}); it holds {predicted.Count}.", nameof(predicted));
        return LongTailAccuracy.Compute(predicted, testLabels, Groups, images.Classes);
    }

    /// <summary>Frees the training and test tensors.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}

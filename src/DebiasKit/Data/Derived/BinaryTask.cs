using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// A binary classification task on real data, labels 0/1, in train / validation / test parts with standardised float32
/// features [N, D]: the unit of a suite of small binary benchmarks (for example EnsLoss, paper 091, which compares
/// surrogate losses over many binary data sets in an overfitting regime). Build one with <see cref="BinaryTasks"/>.
/// The training and validation labels may carry injected label noise (<see cref="TrainFlipped"/> says which); the
/// test labels are always the clean ones. Disposing the task frees its tensors.
/// </summary>
public sealed class BinaryTask : IDisposable
{
    internal BinaryTask(string name, ClassificationData train, ClassificationData validation, ClassificationData test,
        double labelNoise, bool[] trainFlipped, bool[] validationFlipped)
    {
        Name = name;
        Train = train;
        Validation = validation;
        Test = test;
        LabelNoise = labelNoise;
        TrainFlipped = trainFlipped;
        ValidationFlipped = validationFlipped;
    }

    /// <summary>Name shown in tables.</summary>
    public string Name { get; }

    /// <summary>Training examples (labels possibly noisy).</summary>
    public ClassificationData Train { get; }

    /// <summary>Validation examples (labels noisy at the same rate as training): for choosing epochs or settings.</summary>
    public ClassificationData Validation { get; }

    /// <summary>Test examples with their clean labels: for reporting only.</summary>
    public ClassificationData Test { get; }

    /// <summary>The requested probability that a training or validation label was flipped.</summary>
    public double LabelNoise { get; }

    /// <summary>Which training labels were flipped.</summary>
    public IReadOnlyList<bool> TrainFlipped { get; }

    /// <summary>Which validation labels were flipped.</summary>
    public IReadOnlyList<bool> ValidationFlipped { get; }

    /// <summary>Input width D.</summary>
    public int Features => (int)Train.Features.shape[1];

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Train.Count} train / {Validation.Count} validation / {Test.Count} test, {Features} features, label noise {LabelNoise:P0}";
}

/// <summary>
/// Builds <see cref="BinaryTask"/>s from the kit's real data: two classes of an image set (for example MNIST 4 vs 9, or
/// Fashion-MNIST shirt vs T-shirt, the analogue of the paper's CIFAR class pairs), or the rows of a numeric table.
/// Each part is drawn from the matching part of a <see cref="DataSplit"/> (seeded random subsets of a requested size,
/// so a small training set gives the overfitting regime), features are standardised with statistics of the
/// training subset only, and symmetric label noise (<see cref="Data.LabelNoise.Symmetric"/>) is injected into the
/// training and validation labels when asked.
/// </summary>
public static class BinaryTasks
{
    /// <summary>
    /// Images of classes <paramref name="negative"/> (label 0) and <paramref name="positive"/> (label 1) of
    /// <paramref name="images"/>, averaged over <paramref name="pooling"/> × <paramref name="pooling"/> pixel blocks,
    /// flattened and standardised by the mean and standard deviation of all pixel values of the training subset.
    /// </summary>
    /// <param name="images">The image set.</param>
    /// <param name="split">Its split; the task's parts come from the matching parts.</param>
    /// <param name="negative">Class that becomes label 0.</param>
    /// <param name="positive">Class that becomes label 1 (not <paramref name="negative"/>).</param>
    /// <param name="trainCount">Training images (a seeded random subset of the pair's training images).</param>
    /// <param name="seed">Seeds the subsets and the label noise.</param>
    /// <param name="labelNoise">Probability in [0, 0.5) that a training or validation label is flipped.</param>
    /// <param name="validationCount">At most this many validation images, a seeded random subset (null: all of the pair's).</param>
    /// <param name="testCount">At most this many test images, a seeded random subset (null: all of the pair's).</param>
    /// <param name="pooling">Side of the averaged pixel blocks; must divide the image sides.</param>
    /// <param name="name">Name of the task (default "set: a vs b").</param>
    /// <param name="device">Device of the tensors.</param>
    public static BinaryTask ImagePair(ImageSet images, DataSplit split, int negative, int positive, int trainCount, int seed,
        double labelNoise = 0, int? validationCount = null, int? testCount = null, int pooling = 1, string? name = null, Device? device = null)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(split, nameof(split));
        if (negative < 0 || negative >= images.Classes)
            throw new ArgumentOutOfRangeException(nameof(negative), negative, $"negative must be a class in [0, {images.Classes - 1}].");
        if (positive < 0 || positive >= images.Classes || positive == negative)
            throw new ArgumentOutOfRangeException(nameof(positive), positive, $"positive must be a class in [0, {images.Classes - 1}] other than negative ({negative}).");
        Guard.Positive(pooling, nameof(pooling));
        if (images.Height % pooling != 0 || images.Width % pooling != 0)
            throw new ArgumentOutOfRangeException(nameof(pooling), pooling, $"pooling must divide the image size {images.Height}×{images.Width}.");
        CheckNoise(labelNoise);

        long[] Pair(long[] part) => part.Where(i => images.Labels[(int)i] == negative || images.Labels[(int)i] == positive).ToArray();
        var train = Draw(Pair(split.Train), trainCount, seed, nameof(trainCount));
        var validation = Draw(Pair(split.Validation), validationCount, seed + 1, nameof(validationCount), atMost: true);
        var test = Draw(Pair(split.Test), testCount, seed + 2, nameof(testCount), atMost: true);

        using var scope = NewDisposeScope();
        // Pooled and flattened only (mean 0, sd 1): this task standardises by its own training subset's pooled pixels.
        var pooled = new ImageFeatures(0, 1, pooling, device);
        Tensor Pixels(long[] indices)
        {
            using var data = pooled.Of(images, indices);
            return data.Features.alias();
        }
        var trainPixels = Pixels(train);
        var mean = trainPixels.mean();
        var std = trainPixels.std().clamp_min(1e-8);
        long[] Binary(long[] indices) => indices.Select(i => images.Labels[(int)i] == positive ? 1L : 0L).ToArray();
        var task = Assemble(name ?? $"{images.Name}: {images.ClassNames[negative]} vs {images.ClassNames[positive]}",
            (trainPixels - mean) / std, (Pixels(validation) - mean) / std, (Pixels(test) - mean) / std,
            Binary(train), Binary(validation), Binary(test), labelNoise, seed, device);
        return task;
    }

    /// <summary>
    /// Rows of a numeric table as a binary task: <paramref name="features"/> holds every row of the table (any
    /// encoding, e.g. numeric columns and one-hot indicators), <paramref name="labels"/> the 0/1 label of every row;
    /// each column is standardised by its mean and standard deviation on the training subset (a column constant there
    /// is only centred).
    /// </summary>
    /// <param name="name">Name of the task.</param>
    /// <param name="features">All rows, float [N, D].</param>
    /// <param name="labels">N labels, each 0 or 1.</param>
    /// <param name="split">Split of the N rows.</param>
    /// <param name="seed">Seeds the subsets and the label noise.</param>
    /// <param name="labelNoise">Probability in [0, 0.5) that a training or validation label is flipped.</param>
    /// <param name="trainCount">Training rows (null: the whole training part).</param>
    /// <param name="validationCount">At most this many validation rows (null: all).</param>
    /// <param name="testCount">At most this many test rows (null: all).</param>
    /// <param name="device">Device of the tensors.</param>
    public static BinaryTask Table(string name, Tensor features, IReadOnlyList<long> labels, DataSplit split, int seed,
        double labelNoise = 0, int? trainCount = null, int? validationCount = null, int? testCount = null, Device? device = null)
    {
        Guard.NotNull(name, nameof(name));
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(split, nameof(split));
        if (features.dim() != 2 || !features.is_floating_point())
            throw new ArgumentException($"features must be a floating-point matrix [N, D]; got {features.dtype} [{string.Join(", ", features.shape)}].", nameof(features));
        if (labels.Count != features.shape[0])
            throw new ArgumentException($"labels must hold one label per row of features ({features.shape[0]}); it holds {labels.Count}.", nameof(labels));
        if (labels.Any(l => l is not (0 or 1))) throw new ArgumentOutOfRangeException(nameof(labels), "labels must be 0 or 1.");
        if (split.Count != labels.Count || split.Train.Concat(split.Validation).Concat(split.Test).Any(i => i < 0 || i >= labels.Count))
            throw new ArgumentException($"split must cover the table's {labels.Count} rows.", nameof(split));
        CheckNoise(labelNoise);

        var train = Draw(split.Train, trainCount, seed, nameof(trainCount));
        var validation = Draw(split.Validation, validationCount, seed + 1, nameof(validationCount), atMost: true);
        var test = Draw(split.Test, testCount, seed + 2, nameof(testCount), atMost: true);

        using var scope = NewDisposeScope();
        var all = features.to(float32).to(device ?? features.device);
        if (!all.isfinite().all().item<bool>()) throw new ArgumentException("features contains NaN or infinite values.", nameof(features));
        Tensor Rows(long[] indices) => all.index_select(0, tensor(indices, device: all.device));
        var trainRows = Rows(train);
        var mean = trainRows.mean([0], keepdim: true);
        var std = trainRows.std([0], keepdim: true);
        std = where(std.gt(1e-8), std, ones_like(std));
        long[] Labels(long[] indices) => indices.Select(i => labels[(int)i]).ToArray();
        return Assemble(name, (trainRows - mean) / std, (Rows(validation) - mean) / std, (Rows(test) - mean) / std,
            Labels(train), Labels(validation), Labels(test), labelNoise, seed, device);
    }

    // Noise on train and validation labels, then the three ClassificationData, moved out of the caller's dispose scope.
    private static BinaryTask Assemble(string name, Tensor trainX, Tensor validationX, Tensor testX,
        long[] trainY, long[] validationY, long[] testY, double labelNoise, int seed, Device? device)
    {
        var noisyTrain = Data.LabelNoise.Symmetric(trainY, 2, labelNoise, seed + 101);
        var noisyValidation = Data.LabelNoise.Symmetric(validationY, 2, labelNoise, seed + 102);
        ClassificationData Part(Tensor x, long[] y) =>
            new(x.contiguous().MoveToOuterDisposeScope(), tensor(y, device: device ?? x.device).MoveToOuterDisposeScope(), 2);
        return new BinaryTask(name, Part(trainX, noisyTrain.Labels), Part(validationX, noisyValidation.Labels), Part(testX, testY),
            labelNoise, noisyTrain.Flipped, noisyValidation.Flipped);
    }

    // A seeded random subset of `count` indices of `candidates` (all, shuffled, when count is null; with atMost, a count
    // above the number of candidates takes them all).
    private static long[] Draw(long[] candidates, int? count, int seed, string name, bool atMost = false)
    {
        if (count is { } c && (c < 1 || (!atMost && c > candidates.Length)))
            throw new ArgumentOutOfRangeException(name, c, $"{name} must lie in [1, {candidates.Length}] (the examples available in that part).");
        if (candidates.Length == 0) throw new ArgumentException($"The split part behind {name} holds no examples of the task.", name);
        var shuffled = candidates.ToArray();
        new Random(seed).Shuffle(shuffled);
        return shuffled.Take(count ?? shuffled.Length).ToArray();
    }

    private static void CheckNoise(double labelNoise)
    {
        if (!(labelNoise >= 0 && labelNoise < 0.5))
            throw new ArgumentOutOfRangeException(nameof(labelNoise), labelNoise, "labelNoise must lie in [0, 0.5): the probability that a label is flipped.");
    }
}

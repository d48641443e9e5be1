namespace DebiasKit.VisionLanguage;

/// <summary>Settings of <see cref="ContrastiveTraining.Fit"/>.</summary>
public sealed record ContrastiveTrainOptions
{
    /// <summary>Passes over the (image, caption) pairs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Pairs per mini-batch (the contrastive negatives are the other pairs of the batch).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Adam weight decay (L2).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Seed of the shuffling.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Guard.Positive(Epochs, nameof(Epochs));
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2 (a contrastive batch needs negatives).");
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
    }
}

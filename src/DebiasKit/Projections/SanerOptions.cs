namespace DebiasKit.Projections;

/// <summary>Settings of <see cref="SanerLayer.Fit"/>: the layer's width, the optimiser and the weights α, β, γ of its loss.</summary>
public sealed record SanerOptions
{
    /// <summary>Hidden width of the residual MLP f.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Optimisation steps (Adam).</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>α, weight of the debiasing loss L_deb.</summary>
    public double DebiasWeight { get; init; } = 1.0;

    /// <summary>β, weight of the reconstruction loss L_recon = mean ‖t̂ − t‖² over neutral features.</summary>
    public double ReconstructionWeight { get; init; } = 1.0;

    /// <summary>γ, weight of the contrastive loss L_cont on (image, neutral caption) pairs (0 switches it off).</summary>
    public double ContrastiveWeight { get; init; } = 0.1;

    /// <summary>(image, caption) pairs per step for L_cont.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Seed of the layer's initialisation and of the pair sampling.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Guard.Positive(Hidden, nameof(Hidden));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(DebiasWeight, nameof(DebiasWeight));
        Guard.NonNegative(ReconstructionWeight, nameof(ReconstructionWeight));
        Guard.NonNegative(ContrastiveWeight, nameof(ContrastiveWeight));
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2 (a contrastive batch needs negatives).");
    }
}

using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>Which optimiser the training loop uses.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with momentum and weight decay (the default of most long-tail papers).</summary>
    Sgd,
    /// <summary>Adam (weight decay as L2 penalty).</summary>
    Adam,
}

/// <summary>Settings of <see cref="Trainer"/>.</summary>
public sealed record TrainOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Learning rate, used when <see cref="Schedule"/> is null.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Learning rate per epoch; overrides <see cref="LearningRate"/>.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; } = 2e-4;

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Seed of the shuffling (drawn on the CPU, so batches are the same on every device).</summary>
    public int Seed { get; init; }

    /// <summary>Device to train on; null means the device of the model's parameters is used as is.</summary>
    public Device? Device { get; init; }

    /// <summary>
    /// Radius ρ of sharpness-aware minimisation; 0 (the default) trains with the plain optimiser. When positive, every
    /// step is a <see cref="SharpnessAwareMinimization"/> step around the optimiser (two forward and backward passes per
    /// batch; the reported loss is the one at the unperturbed weights).
    /// </summary>
    public double SamRho { get; init; }

    internal void Validate()
    {
        Guard.Positive(Epochs, nameof(Epochs));
        Guard.Positive(BatchSize, nameof(BatchSize));
        if (Schedule is null) Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(Momentum, nameof(Momentum));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        if (!(SamRho >= 0) || double.IsInfinity(SamRho))
            throw new ArgumentOutOfRangeException(nameof(SamRho), SamRho, "SamRho must be a finite number ≥ 0 (0 turns SAM off).");
    }
}

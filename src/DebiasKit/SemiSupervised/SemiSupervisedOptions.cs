using static TorchSharp.torch;

namespace DebiasKit.SemiSupervised;

/// <summary>A label-preserving random view of a batch of inputs, drawn with <paramref name="generator"/>.</summary>
public delegate Tensor Augmentation(Tensor inputs, Generator generator);

/// <summary>How the confident pseudo-labels of a batch enter the unsupervised loss.</summary>
public enum PseudoLabelDebiasing
{
    /// <summary>Plain pseudo-labelling (FixMatch / the "PSL" baseline): every confident example of the batch is used.</summary>
    None,
    /// <summary>DebiasPL: pseudo-labels from logits adjusted by the running class marginal
    /// (<see cref="Losses.Functional.DebiasedPseudoLabels"/>); every confident example is used.</summary>
    LogitAdjusted,
    /// <summary>DeCrisisMB: confident examples go into a <see cref="ClassBalancedMemoryBank"/>; the loss uses the same
    /// number drawn from every class's queue.</summary>
    MemoryBank,
}

/// <summary>The consistency loss on pseudo-labelled examples.</summary>
public enum ConsistencyLoss
{
    /// <summary>Cross-entropy with the hard pseudo-label (FixMatch).</summary>
    CrossEntropy,
    /// <summary>Mean squared error between the softmax and the one-hot pseudo-label (the DeCrisisMB code's 'L2').</summary>
    SquaredError,
}

/// <summary>
/// Settings of <see cref="PseudoLabelTraining.Fit"/>. Defaults follow the DeCrisisMB reference runs
/// (github.com/HenryPengZou/DeCrisisMB, panel_main.py and main.py): confidence threshold 0.9, unsupervised weight 20
/// ramped up linearly, squared-error consistency, batches of 32 labelled and 32 unlabelled examples, a memory bank of
/// 200 entries per class sampled 5 per class, DebiasPL strength 0.4 with marginal momentum 0.9. The reference trains
/// BERT with AdamW at 1e-4; the default here (Adam, 1e-3) suits the small heads of the kit.
/// </summary>
public sealed record SemiSupervisedOptions
{
    /// <summary>Optimisation steps (one labelled and one unlabelled batch each).</summary>
    public int Steps { get; init; } = 500;

    /// <summary>Labelled examples per step (the last batch of a pass may be smaller).</summary>
    public int LabeledBatch { get; init; } = 32;

    /// <summary>Unlabelled examples pseudo-labelled per step.</summary>
    public int UnlabeledBatch { get; init; } = 32;

    /// <summary>Confidence threshold τ in [0, 1] of a pseudo-label.</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>Weight λ_u of the unsupervised loss; 0 trains on the labelled data alone.</summary>
    public double UnsupervisedWeight { get; init; } = 20;

    /// <summary>Steps over which λ_u grows linearly from 0 (the reference: 1000 of up to 5000); 0 for none.</summary>
    public int RampUpSteps { get; init; }

    /// <summary>The consistency loss.</summary>
    public ConsistencyLoss Loss { get; init; } = ConsistencyLoss.SquaredError;

    /// <summary>How pseudo-labels are debiased.</summary>
    public PseudoLabelDebiasing Debiasing { get; init; } = PseudoLabelDebiasing.None;

    /// <summary>DebiasPL's λ (power of the logit adjustment).</summary>
    public double DebiasStrength { get; init; } = 0.4;

    /// <summary>Momentum of DebiasPL's class-marginal estimate.</summary>
    public double MarginalMomentum { get; init; } = 0.9;

    /// <summary>Memory bank: entries kept per class.</summary>
    public int BankCapacityPerClass { get; init; } = 200;

    /// <summary>Memory bank: entries drawn per class each step.</summary>
    public int BankSamplesPerClass { get; init; } = 5;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam weight decay (L2).</summary>
    public double WeightDecay { get; init; }

    /// <summary>View of the labelled batch and of the unlabelled batch that is pseudo-labelled; null = the input itself.</summary>
    public Augmentation? WeakAugment { get; init; }

    /// <summary>View of the pseudo-labelled examples the consistency loss is computed on; null = the input itself
    /// (plain self-training, as the reference's reported runs without augmentation).</summary>
    public Augmentation? StrongAugment { get; init; }

    /// <summary>Seed of the batch order, the augmentations and the memory bank's draws.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(LabeledBatch, nameof(LabeledBatch));
        Guard.Positive(UnlabeledBatch, nameof(UnlabeledBatch));
        Guard.InRange(Threshold, 0, 1, nameof(Threshold));
        Guard.NonNegative(UnsupervisedWeight, nameof(UnsupervisedWeight));
        Guard.NonNegative(RampUpSteps, nameof(RampUpSteps));
        Guard.NonNegative(DebiasStrength, nameof(DebiasStrength));
        Guard.InRange(MarginalMomentum, 0, 1, nameof(MarginalMomentum), highOpen: true);
        Guard.Positive(BankCapacityPerClass, nameof(BankCapacityPerClass));
        Guard.Positive(BankSamplesPerClass, nameof(BankSamplesPerClass));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        if (!Enum.IsDefined(Loss)) throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "Unknown consistency loss.");
        if (!Enum.IsDefined(Debiasing)) throw new ArgumentOutOfRangeException(nameof(Debiasing), Debiasing, "Unknown debiasing.");
    }
}

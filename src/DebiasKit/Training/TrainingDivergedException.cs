namespace DebiasKit.Training;

/// <summary>
/// The loss became NaN or infinite during <see cref="Trainer"/>. A notebook may catch it to keep a diverged run
/// as a result (for example, re-weighting from the first epoch at a high imbalance) rather than stop.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <param name="epoch">The epoch (0-based) whose mean loss was not finite.</param>
    /// <param name="meanLoss">That mean loss.</param>
    public TrainingDivergedException(int epoch, double meanLoss)
        : base($"Training diverged: the mean loss of epoch {epoch + 1} is {meanLoss}. Lower the learning rate or check the loss inputs.")
    {
        Epoch = epoch;
        MeanLoss = meanLoss;
    }

    /// <summary>The epoch (0-based) whose mean loss was not finite.</summary>
    public int Epoch { get; }

    /// <summary>That mean loss (NaN or infinite).</summary>
    public double MeanLoss { get; }
}

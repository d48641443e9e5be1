namespace DebiasKit.Training;

/// <summary>What the training loop reports after each epoch.</summary>
/// <param name="Epoch">0-based epoch just finished.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="MeanLoss">Mean training loss over the epoch's examples.</param>
/// <param name="LearningRate">Learning rate used in the epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record EpochReport(int Epoch, int Epochs, double MeanLoss, double LearningRate, TimeSpan Elapsed)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"epoch {Epoch + 1}/{Epochs}  loss {MeanLoss:F4}  lr {LearningRate:G3}  {Elapsed.TotalSeconds:F1} s";
}

/// <summary>The record of a training run.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs)
{
    /// <summary>Mean loss of the last epoch.</summary>
    public double FinalLoss => Epochs[^1].MeanLoss;

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed => Epochs[^1].Elapsed;
}

/// <summary>Ready-made progress callbacks.</summary>
public static class TrainingProgress
{
    /// <summary>Writes a line every <paramref name="every"/> epochs and after the last one (for long runs).</summary>
    public static Action<EpochReport> Print(int every = 10, TextWriter? writer = null)
    {
        Guard.Positive(every, nameof(every));
        return report =>
        {
            if ((report.Epoch + 1) % every == 0 || report.Epoch + 1 == report.Epochs)
                (writer ?? Console.Out).WriteLine(report);
        };
    }
}

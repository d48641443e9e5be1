namespace DebiasKit.Training;

/// <summary>The learning rate for a 0-based epoch.</summary>
public delegate double LearningRateSchedule(int epoch);

/// <summary>Common learning-rate schedules.</summary>
public static class Schedules
{
    /// <summary>The same rate every epoch.</summary>
    public static LearningRateSchedule Constant(double rate)
    {
        Guard.Positive(rate, nameof(rate));
        return _ => rate;
    }

    /// <summary>
    /// Linear warm-up over the first <paramref name="warmupEpochs"/> epochs (rate · (e+1)/warmup), then the base rate,
    /// multiplied by <paramref name="factors"/>[k] after each milestone: the schedule of the LDAM-DRW reference code is
    /// WarmupThenStep(0.1, 5, [160, 180], [0.01, 0.0001]) for 200 epochs (after epoch 160 means from 0-based epoch 160).
    /// </summary>
    public static LearningRateSchedule WarmupThenStep(double rate, int warmupEpochs, IReadOnlyList<int> milestones, IReadOnlyList<double> factors)
    {
        Guard.Positive(rate, nameof(rate));
        Guard.NonNegative(warmupEpochs, nameof(warmupEpochs));
        Guard.NotNull(milestones, nameof(milestones));
        Guard.NotNull(factors, nameof(factors));
        if (milestones.Count != factors.Count)
            throw new ArgumentException($"milestones has {milestones.Count} entries but factors has {factors.Count}.", nameof(factors));
        for (int k = 1; k < milestones.Count; k++)
            if (milestones[k] <= milestones[k - 1]) throw new ArgumentException("milestones must increase.", nameof(milestones));
        var stones = milestones.ToArray();
        var multipliers = factors.ToArray();
        return epoch =>
        {
            int human = epoch + 1;
            if (human <= warmupEpochs) return rate * human / warmupEpochs;
            for (int k = stones.Length - 1; k >= 0; k--)
                if (human > stones[k]) return rate * multipliers[k];
            return rate;
        };
    }
}

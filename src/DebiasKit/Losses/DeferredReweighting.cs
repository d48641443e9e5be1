namespace DebiasKit.Losses;

/// <summary>
/// The deferred re-weighting (DRW) schedule of Cao et al., "Learning Imbalanced Datasets with
/// Label-Distribution-Aware Margin Loss", NeurIPS 2019: train with uniform class weights until
/// <see cref="StartEpoch"/>, then with class-balanced weights (<see cref="ClassWeights.EffectiveNumber"/>, β = 0.9999
/// in the paper). The reference code switches at epoch 160 of 200, when the learning rate is annealed.
/// </summary>
public sealed class DeferredReweighting
{
    private readonly double[] uniform;

    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="startEpoch">The first epoch (0-based) trained with the balanced weights.</param>
    /// <param name="beta">β of the effective number; the paper uses 0.9999.</param>
    public DeferredReweighting(IReadOnlyList<long> classCounts, int startEpoch, double beta = 0.9999)
    {
        Guard.NonNegative(startEpoch, nameof(startEpoch));
        BalancedWeights = ClassWeights.EffectiveNumber(classCounts, beta);
        uniform = Enumerable.Repeat(1.0, classCounts.Count).ToArray();
        StartEpoch = startEpoch;
        Beta = beta;
    }

    /// <summary>The first epoch (0-based) that uses <see cref="BalancedWeights"/>.</summary>
    public int StartEpoch { get; }

    /// <summary>β of the effective number.</summary>
    public double Beta { get; }

    /// <summary>The class-balanced weights used from <see cref="StartEpoch"/> on (they sum to the number of classes).</summary>
    public IReadOnlyList<double> BalancedWeights { get; }

    /// <summary>True from <see cref="StartEpoch"/> on.</summary>
    public bool IsReweighting(int epoch) => epoch >= StartEpoch;

    /// <summary>The class weights for a 0-based epoch: all ones before <see cref="StartEpoch"/>, balanced after.</summary>
    public IReadOnlyList<double> WeightsAt(int epoch)
    {
        Guard.NonNegative(epoch, nameof(epoch));
        return IsReweighting(epoch) ? BalancedWeights : uniform;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Module form of <see cref="Functional.DllpLoss"/> (Ardehaly and Culotta, 2017): input = one logit per instance [N]
/// laid out bag after bag, target = the bags' label proportions [B].
/// </summary>
public sealed class DllpLoss : Loss<Tensor, Tensor, Tensor>
{
    /// <param name="bagSize">Instances per bag k ≥ 1.</param>
    /// <param name="reduction">None (per bag), Mean (over bags) or Sum.</param>
    public DllpLoss(int bagSize, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
    {
        if (bagSize < 1) throw new ArgumentOutOfRangeException(nameof(bagSize), bagSize, $"{nameof(bagSize)} must be at least 1.");
        BagSize = bagSize;
    }

    /// <summary>Instances per bag k.</summary>
    public int BagSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input, Tensor target)
    {
        Functional.CheckBagInputs(input, target, BagSize, nameof(input), nameof(target));
        return Functional.DllpUnchecked(input, target, BagSize, reduction);
    }
}

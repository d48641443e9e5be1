using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// Loss functions as pure functions on tensors, in the style of torch.nn.functional: tensors in, a tensor out,
/// one <see cref="nn.Reduction"/> argument (torch's own enum), inputs never modified or disposed, intermediate
/// tensors disposed before returning. Each loss has a thin module wrapper (<see cref="LdamLoss"/>,
/// <see cref="FocalLoss"/>) for code that wants a loss object. Bad input throws an
/// <see cref="ArgumentException"/> naming the argument.
/// </summary>
public static partial class Functional
{
    private static Tensor Reduce(Tensor losses, nn.Reduction reduction) => reduction switch
    {
        nn.Reduction.None => losses.alias(),
        nn.Reduction.Mean => losses.mean(),
        nn.Reduction.Sum => losses.sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be None, Mean or Sum."),
    };
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// Cosine classifier: logits are the cosines between the L2-normalised input and each L2-normalised class weight
/// vector, so they lie in [−1, 1]. LDAM pairs it with a logit scale s (the LDAM-DRW reference code's NormedLinear,
/// used whenever the loss is LDAM).
/// </summary>
public sealed class NormedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <param name="inFeatures">Input width.</param>
    /// <param name="outFeatures">Number of classes.</param>
    public NormedLinear(int inFeatures, int outFeatures) : base(nameof(NormedLinear))
    {
        Guard.Positive(inFeatures, nameof(inFeatures));
        Guard.Positive(outFeatures, nameof(outFeatures));
        using (no_grad())
        {
            // Uniform(−1, 1) then unit-norm columns, as the reference initialises it.
            var init = empty(inFeatures, outFeatures).uniform_(-1, 1);
            weight = new Parameter(nn.functional.normalize(init, p: 2, dim: 0));
            init.Dispose();
        }
        RegisterComponents();
    }

    /// <summary>The class weight matrix, [in, out].</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        if (input.dim() != 2 || input.shape[1] != weight.shape[0])
            throw new ArgumentException($"{nameof(input)} must have shape [N, {weight.shape[0]}]; got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        var cosines = nn.functional.normalize(input, p: 2, dim: 1).mm(nn.functional.normalize(weight, p: 2, dim: 0));
        return cosines.MoveToOuterDisposeScope();
    }
}

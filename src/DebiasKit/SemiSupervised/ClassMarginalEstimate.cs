using static TorchSharp.torch;

namespace DebiasKit.SemiSupervised;

/// <summary>
/// A running estimate q̂ of a model's class marginal on unlabelled data, the quantity DebiasPL subtracts (in log form)
/// from the logits: after each batch, q̂ ← m·q̂ + (1 − m)·mean_i softmax(z_i), starting from the uniform 1/C. Variant
/// pinned from the DeCrisisMB reference code (main.py, threshold_mode 'debias'): the update uses the batch's mean
/// probability and the same momentum as its model EMA (0.9 in panel_main.py); the pseudo-labels of a batch are
/// computed with q̂ before that batch's update.
/// </summary>
public sealed class ClassMarginalEstimate
{
    private readonly double[] value;

    /// <param name="classes">Number of classes C ≥ 2.</param>
    /// <param name="momentum">m in [0, 1).</param>
    public ClassMarginalEstimate(int classes, double momentum = 0.9)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        Guard.InRange(momentum, 0, 1, nameof(momentum), highOpen: true);
        value = Enumerable.Repeat(1.0 / classes, classes).ToArray();
        Momentum = momentum;
    }

    /// <summary>The momentum m.</summary>
    public double Momentum { get; }

    /// <summary>The current estimate q̂ (sums to 1).</summary>
    public IReadOnlyList<double> Value => value;

    /// <summary>Folds in one batch of logits [n, C] (n ≥ 1).</summary>
    public void Update(Tensor logits)
    {
        Guard.NotNull(logits, nameof(logits));
        if (logits.dim() != 2 || logits.shape[1] != value.Length || logits.shape[0] == 0 || !logits.is_floating_point())
            throw new ArgumentException($"logits must be floating-point [n ≥ 1, {value.Length}]; got {logits.dtype} [{string.Join(", ", logits.shape)}].", nameof(logits));
        using var scope = NewDisposeScope();
        var mean = logits.detach().to_type(ScalarType.Float64).softmax(1).mean([0]).cpu().data<double>().ToArray();
        for (int c = 0; c < value.Length; c++) value[c] = Momentum * value[c] + (1 - Momentum) * mean[c];
    }
}

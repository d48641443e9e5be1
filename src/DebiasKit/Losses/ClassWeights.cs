using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>Per-class loss weights computed from training class counts.</summary>
public static class ClassWeights
{
    /// <summary>
    /// Class-balanced weights by the effective number of examples (Cui, Jia, Lin, Song and Belongie,
    /// "Class-Balanced Loss Based on Effective Number of Samples", CVPR 2019):
    /// E_j = (1 − β^{n_j}) / (1 − β), w_j ∝ 1 / E_j, normalised so that Σ_j w_j = C (the number of classes).
    /// This is the normalisation of the LDAM-DRW reference code; β = 0 gives all ones, β → 1 approaches
    /// inverse-frequency weights.
    /// </summary>
    /// <param name="classCounts">Training examples per class, every one positive.</param>
    /// <param name="beta">β in [0, 1); the LDAM-DRW paper uses 0.9999.</param>
    public static double[] EffectiveNumber(IReadOnlyList<long> classCounts, double beta = 0.9999)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        Guard.InRange(beta, 0, 1, nameof(beta), highOpen: true);
        var inverseEffective = classCounts.Select(n => (1 - beta) / (1 - Math.Pow(beta, n))).ToArray();
        return NormaliseToClassCount(inverseEffective);
    }

    /// <summary>Inverse-frequency weights w_j ∝ 1 / n_j, normalised so that Σ_j w_j = C.</summary>
    public static double[] InverseFrequency(IReadOnlyList<long> classCounts)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        return NormaliseToClassCount(classCounts.Select(n => 1.0 / n).ToArray());
    }

    /// <summary>The weights as a float32 tensor on <paramref name="device"/>, ready for a loss's weight argument.</summary>
    public static Tensor ToTensor(IReadOnlyList<double> weights, Device? device = null)
    {
        Guard.NotNull(weights, nameof(weights));
        Guard.Finite(weights, nameof(weights));
        return tensor(weights.Select(w => (float)w).ToArray(), device: device);
    }

    private static double[] NormaliseToClassCount(double[] raw)
    {
        double total = raw.Sum();
        return raw.Select(w => w / total * raw.Length).ToArray();
    }
}

using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>
/// RIPA, the relational inner product association (Ethayarajh, Duvenaud and Hirst, 2019): β(w; b) = ⟨w, b⟩ for the unit
/// relation vector b (here the first component of a <see cref="BiasSubspace"/>, i.e. the first principal direction of
/// the pair-centred defining vectors). The sign says which side of the relation a word leans to; |β| how much.
/// Variant pinned: word vectors are used as given (not normalised), as in the paper's definition.
/// </summary>
public static class Ripa
{
    /// <summary>β of every row of <paramref name="vectors"/> ([n, d]) on the unit <paramref name="direction"/> ([d]).</summary>
    public static double[] Compute(Tensor vectors, Tensor direction)
    {
        Guard.NotNull(direction, nameof(direction));
        if (direction.dim() != 1 || !direction.is_floating_point())
            throw new ArgumentException($"direction must be a floating-point vector [d]; got {direction.dtype} [{string.Join(", ", direction.shape)}].", nameof(direction));
        VectorChecks.Rows(vectors, nameof(vectors), direction.shape[0], minRows: 1);
        using var scope = NewDisposeScope();
        var b = direction.detach().to(ScalarType.Float64, vectors.device);
        double norm = b.norm().item<double>();
        if (!(norm > 1e-12) || !double.IsFinite(norm)) throw new ArgumentException("direction must be a finite non-zero vector.", nameof(direction));
        return vectors.detach().to(ScalarType.Float64).matmul(b / norm).cpu().data<double>().ToArray();
    }

    /// <summary>Mean |β| over the rows: the average strength of association regardless of side.</summary>
    public static double MeanAbsolute(Tensor vectors, Tensor direction) => Compute(vectors, direction).Average(Math.Abs);
}

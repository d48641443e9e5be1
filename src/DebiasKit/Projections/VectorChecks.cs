using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>Checks of the vector matrices that projections and bias metrics take: one vector per row, finite floats.</summary>
internal static class VectorChecks
{
    /// <summary>A floating-point [n, d] tensor with finite values; n ≥ <paramref name="minRows"/>, d = <paramref name="dimension"/> when given.</summary>
    public static void Rows(Tensor vectors, string name, long? dimension = null, long minRows = 0)
    {
        Guard.NotNull(vectors, name);
        if (vectors.dim() != 2 || !vectors.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor of shape [n, d] (one vector per row); got {vectors.dtype} [{string.Join(", ", vectors.shape)}].", name);
        if (dimension is long d && vectors.shape[1] != d)
            throw new ArgumentException($"{name} has vectors of dimension {vectors.shape[1]}, but {d} was expected (the dimension the transform was fitted in).", name);
        if (vectors.shape[0] < minRows)
            throw new ArgumentException($"{name} must hold at least {minRows} vector(s); it holds {vectors.shape[0]}.", name);
        if (vectors.numel() > 0)
        {
            using var scope = NewDisposeScope(); // the check's temporaries never reach the caller's scope
            // One reduction without a [n, d] temporary: a NaN or an infinity makes the sum non-finite. Only then (or when
            // huge finite values overflow the sum) is every element checked, so the answer is exact either way.
            bool finite = double.IsFinite(vectors.detach().sum().to(ScalarType.Float64).item<double>()) || vectors.isfinite().all().item<bool>();
            if (!finite) throw new ArgumentException($"{name} contains NaN or infinite values.", name);
        }
    }

    /// <summary>Rows scaled to unit length (zero rows stay zero), in float64.</summary>
    public static Tensor UnitRows(Tensor vectors)
    {
        using var scope = NewDisposeScope();
        var x = vectors.to(ScalarType.Float64);
        return (x / x.norm(1, keepdim: true).clamp_min(1e-300)).MoveToOuterDisposeScope();
    }
}

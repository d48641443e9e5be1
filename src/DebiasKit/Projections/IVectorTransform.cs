using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// A fitted map of vectors (one per row) to debiased vectors, in the scikit-learn style: fit once, then
/// <see cref="Transform"/> any [n, d] matrix of the fitted dimension.
/// </summary>
public interface IVectorTransform
{
    /// <summary>The dimension d the transform was fitted in.</summary>
    int Dimension { get; }

    /// <summary>
    /// Transforms every row of <paramref name="vectors"/> ([n, d], any floating dtype and device) and returns a new tensor
    /// of the same dtype and device; the input is left alone unless <paramref name="inPlace"/> is true, in which case it
    /// is overwritten and returned.
    /// </summary>
    Tensor Transform(Tensor vectors, bool inPlace = false);
}

/// <summary>Helpers shared by the transforms.</summary>
public static class VectorTransforms
{
    /// <summary>Transforms every vector of <paramref name="embeddings"/> and returns a new vocabulary (the input is unchanged).</summary>
    public static Data.WordEmbeddings Transform(this IVectorTransform transform, Data.WordEmbeddings embeddings)
    {
        Guard.NotNull(transform, nameof(transform));
        Guard.NotNull(embeddings, nameof(embeddings));
        using var scope = NewDisposeScope();
        return embeddings.WithVectors(transform.Transform(embeddings.ToTensor()));
    }

    /// <summary>Writes <paramref name="result"/> into <paramref name="vectors"/> when in place, else returns it cast to the input's dtype.</summary>
    internal static Tensor Finish(Tensor vectors, Tensor result, bool inPlace)
    {
        if (inPlace)
        {
            using (no_grad()) vectors.copy_(result);
            result.Dispose();
            return vectors;
        }
        if (result.dtype == vectors.dtype) return result;
        var cast = result.to(vectors.dtype);
        result.Dispose();
        return cast;
    }
}

using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>
/// Direct bias (Bolukbasi et al., 2016): DirectBias_c = (1/|N|) Σ_{w∈N} |cos(w, g)|^c over bias-neutral words N and
/// the bias direction g. For a k-dimensional subspace the cosine is replaced by the length of the vector of cosines
/// with the k components (Manzini et al., 2019, <c>calculateDirectBias</c>), which is the same for k = 1.
/// Variant pinned: c = 1 by default, vectors scaled to unit length (so cos(w, b_j) = w·b_j).
/// </summary>
public static class DirectBias
{
    /// <summary>Direct bias of the rows of <paramref name="neutralVectors"/> ([n, d], n ≥ 1) with respect to <paramref name="subspace"/>.</summary>
    public static double Compute(Tensor neutralVectors, BiasSubspace subspace, double c = 1)
    {
        Guard.NotNull(subspace, nameof(subspace));
        VectorChecks.Rows(neutralVectors, nameof(neutralVectors), subspace.Dimension, minRows: 1);
        Guard.Positive(c, nameof(c));
        using var scope = NewDisposeScope();
        var cosines = subspace.Coordinates(VectorChecks.UnitRows(neutralVectors));
        return cosines.norm(1).pow(c).mean().item<double>();
    }
}

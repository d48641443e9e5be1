using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Projections;

/// <summary>
/// Orthogonal projection onto the complement of the span of some directions (for example a bias subspace):
/// P₀ = I − A (AᵀA)⁻¹ Aᵀ, where the columns of A are the directions. Transforming a vector removes its component in
/// span(A) and keeps everything orthogonal to it. P₀ is symmetric and idempotent.
/// Used by "Debiasing vision-language models via biased prompts" (Chuang et al., 2023) as its baseline and as
/// the building block of iterative nullspace projection (Ravfogel et al., 2020).
/// <para>scikit-learn style: <see cref="Fit"/> learns the matrix (and returns this), <see cref="Transform"/>
/// applies it to rows of a matrix, never changing its input.</para>
/// </summary>
public sealed class NullspaceProjection
{
    private Matrix<double>? projection;

    /// <summary>The fitted projection matrix P₀ (d × d).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public Matrix<double> Matrix => projection ?? throw new InvalidOperationException("Call Fit before using the projection.");

    /// <summary>True once <see cref="Fit"/> has run.</summary>
    public bool IsFitted => projection is not null;

    /// <summary>Learns P₀ from directions given as the columns of <paramref name="directions"/> (d × k, k ≥ 1).</summary>
    /// <exception cref="ArgumentException">Empty, non-finite or linearly dependent directions.</exception>
    public NullspaceProjection Fit(Matrix<double> directions)
    {
        Guard.NotNull(directions, nameof(directions));
        if (directions.ColumnCount == 0 || directions.RowCount == 0)
            throw new ArgumentException("directions must hold at least one direction (a d × k matrix with k ≥ 1).", nameof(directions));
        if (directions.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArgumentException("directions must be finite.", nameof(directions));
        if (directions.ColumnCount > directions.RowCount || directions.Rank() < directions.ColumnCount)
            throw new ArgumentException(
                $"directions must be linearly independent; the {directions.ColumnCount} columns span only rank {directions.Rank()} (AᵀA is singular).",
                nameof(directions));
        var gram = directions.TransposeThisAndMultiply(directions);
        var spanProjection = directions * gram.Inverse() * directions.Transpose();
        projection = Matrix<double>.Build.DenseIdentity(directions.RowCount) - spanProjection;
        return this;
    }

    /// <summary>Projects every row of <paramref name="vectors"/> (n × d); returns a new matrix.</summary>
    public Matrix<double> Transform(Matrix<double> vectors)
    {
        Guard.NotNull(vectors, nameof(vectors));
        var p = Matrix;
        if (vectors.ColumnCount != p.RowCount)
            throw new ArgumentException($"vectors have {vectors.ColumnCount} columns but the projection was fitted in dimension {p.RowCount}.", nameof(vectors));
        return vectors * p; // P is symmetric, so rows transform as x ↦ x P = (P x)ᵀ.
    }
}

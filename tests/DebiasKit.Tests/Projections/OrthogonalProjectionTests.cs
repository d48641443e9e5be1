using DebiasKit.Projections;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// P₀ = I − A(AᵀA)⁻¹Aᵀ against two independent references: the closed form evaluated with MathNet (an explicit inverse
/// of AᵀA), and removal along a classical Gram–Schmidt basis written out in loops; plus the algebraic properties.
/// </summary>
public class OrthogonalProjectionTests
{
    private const int Dimension = 6;

    /// <summary>P₀ = I − A (AᵀA)⁻¹ Aᵀ with the directions as the columns of A, evaluated by MathNet.</summary>
    private static double[][] ClosedForm(double[][] directionRows)
    {
        var a = Matrix<double>.Build.DenseOfRowArrays(directionRows).Transpose();
        var p = Matrix<double>.Build.DenseIdentity(a.RowCount) - a * (a.Transpose() * a).Inverse() * a.Transpose();
        return p.ToRowArrays();
    }

    [Fact]
    public void Matrix_is_symmetric_idempotent_with_trace_d_minus_k_and_equals_the_closed_form()
    {
        using var scope = NewDisposeScope();
        var directions = Naive.Gaussian(2, Dimension, seed: 1);
        var p = ToRows(new OrthogonalProjection().Fit(ToTensor(directions)).Matrix);
        Assert.Equal(Dimension - 2, Naive.AssertSymmetricIdempotent(p, 1e-12), 10);
        Assert.True(Naive.MaxAbsDifference(ClosedForm(directions), p) < 1e-10);
    }

    [Fact]
    public void One_direction_hand_computed()
    {
        using var scope = NewDisposeScope();
        // A = (2, 0, 0): the span is the first axis, so P₀ = diag(0, 1, 1).
        AllClose([0, 0, 0, 0, 1, 0, 0, 0, 1], ToDoubles(new OrthogonalProjection().Fit(tensor(new double[] { 2, 0, 0 }, [1, 3])).Matrix), 1e-15);
        // A = (1, 1, 0): A(AᵀA)⁻¹Aᵀ = ½ [[1, 1, 0], [1, 1, 0], [0, 0, 0]], so P₀ = [[½, −½, 0], [−½, ½, 0], [0, 0, 1]];
        // x = (3, 1, 5) maps to (3 − 2, 1 − 2, 5) = (1, −1, 5) (x·a/‖a‖² = 4/2 = 2 times a removed).
        var projection = new OrthogonalProjection().Fit(tensor(new double[] { 1, 1, 0 }, [1, 3]));
        AllClose([0.5, -0.5, 0, -0.5, 0.5, 0, 0, 0, 1], ToDoubles(projection.Matrix), 1e-15);
        AllClose([1, -1, 5], ToDoubles(projection.Transform(tensor(new double[] { 3, 1, 5 }, [1, 3]))), 1e-14);
    }

    [Fact]
    public void Transform_matches_gram_schmidt_removal_and_leaves_its_input_alone()
    {
        using var scope = NewDisposeScope();
        var directions = Naive.Gaussian(3, Dimension, seed: 4);
        var basis = Naive.GramSchmidt(directions);
        var rows = Naive.Gaussian(7, Dimension, seed: 5);
        var vectors = ToTensor(rows);
        var transformed = new OrthogonalProjection().Fit(ToTensor(directions)).Transform(vectors);
        Assert.NotSame(vectors, transformed);
        Assert.Equal(ScalarType.Float64, transformed.dtype);
        Assert.True(Naive.MaxAbsDifference(rows.Select(r => Naive.RemoveSpan(r, basis)).ToArray(), ToRows(transformed)) < 1e-12);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(vectors), 0);
    }

    [Fact]
    public void Directions_are_removed_and_orthogonal_vectors_kept()
    {
        using var scope = NewDisposeScope();
        var directions = Naive.Gaussian(2, Dimension, seed: 3);
        var projection = new OrthogonalProjection().Fit(ToTensor(directions));
        Assert.True(ToDoubles(projection.Transform(ToTensor(directions))).Max(Math.Abs) < 1e-12);
        var basis = Naive.GramSchmidt(directions);
        var orthogonal = Naive.Gaussian(4, Dimension, seed: 10).Select(r => Naive.RemoveSpan(r, basis)).ToArray();
        Assert.True(Naive.MaxAbsDifference(orthogonal, ToRows(projection.Transform(ToTensor(orthogonal)))) < 1e-12);
        // The basis is orthonormal and spans the directions.
        var q = ToRows(projection.Basis);
        Assert.True(Naive.MaxAbsDifference(Naive.Identity(2), Naive.Multiply(q, Naive.Transpose(q))) < 1e-12);
        Assert.Equal(Dimension, projection.Dimension);
    }

    [Fact]
    public void Float32_input_gives_float32_output_close_to_the_float64_result()
    {
        using var scope = NewDisposeScope();
        var directions = ToTensor(Naive.Gaussian(2, Dimension, seed: 11));
        var rows = Naive.Gaussian(5, Dimension, seed: 12);
        var projection = new OrthogonalProjection().Fit(directions);
        var single = projection.Transform(ToTensor(rows, ScalarType.Float32));
        Assert.Equal(ScalarType.Float32, single.dtype);
        AllClose(ToDoubles(projection.Transform(ToTensor(rows))), ToDoubles(single), 1e-5);
    }

    [Fact]
    public void In_place_returns_the_same_tensor_overwritten()
    {
        using var scope = NewDisposeScope();
        var projection = new OrthogonalProjection().Fit(ToTensor(Naive.Gaussian(2, Dimension, seed: 13)));
        var rows = Naive.Gaussian(4, Dimension, seed: 14);
        var expected = ToDoubles(projection.Transform(ToTensor(rows)));
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
        {
            var vectors = ToTensor(rows, dtype);
            var result = projection.Transform(vectors, inPlace: true);
            Assert.Same(vectors, result);
            AllClose(expected, ToDoubles(vectors), dtype == ScalarType.Float32 ? 1e-5 : 1e-12);
        }
    }

    [Fact]
    public void Refitting_replaces_the_projection()
    {
        using var scope = NewDisposeScope();
        var projection = new OrthogonalProjection().Fit(tensor(new double[] { 1, 0, 0 }, [1, 3]));
        projection.Fit(tensor(new double[] { 0, 0, 5 }, [1, 3]));
        AllClose([1, 0, 0, 0, 1, 0, 0, 0, 0], ToDoubles(projection.Matrix), 1e-15);
    }

    [Fact]
    public void Rejects_bad_directions_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var projection = new OrthogonalProjection();
        var dependent = ToTensor([[1, 1, 0], [2, 2, 0]]);
        var tooMany = ToTensor(Naive.Gaussian(4, 3, seed: 6));
        var withNaN = ToTensor([[1, double.NaN, 0]]);
        var zero = zeros(1, 3, dtype: float64);
        var empty = zeros(0, 3, dtype: float64);
        var integers = tensor(new long[] { 1, 2, 3 }, [1, 3]);
        var oneDimensional = tensor(new double[] { 1, 2, 3 });
        foreach (var bad in new[] { dependent, tooMany, withNaN, zero, empty, integers, oneDimensional })
            Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(bad)).ParamName);
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(null!)).ParamName);
        Assert.False(projection.IsFitted);
    }

    [Fact]
    public void Rejects_use_before_fit_and_vectors_of_another_dimension()
    {
        using var scope = NewDisposeScope();
        var projection = new OrthogonalProjection();
        Assert.Throws<InvalidOperationException>(() => projection.Matrix);
        Assert.Throws<InvalidOperationException>(() => projection.Basis);
        Assert.Throws<InvalidOperationException>(() => projection.Dimension);
        Assert.Throws<InvalidOperationException>(() => projection.Transform(ToTensor(Naive.Gaussian(2, Dimension, seed: 8))));
        Assert.Same(projection, projection.Fit(ToTensor(Naive.Gaussian(1, Dimension, seed: 9))));
        Assert.True(projection.IsFitted);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => projection.Transform(ToTensor(Naive.Gaussian(2, Dimension + 1, seed: 10)))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => projection.Transform(ToTensor([[1, 2, 3, 4, 5, double.NaN]]))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => projection.Transform(null!)).ParamName);
    }

    [Fact]
    public void Transform_and_matrix_leave_only_their_result()
    {
        using var scope = NewDisposeScope();
        var projection = new OrthogonalProjection().Fit(ToTensor(Naive.Gaussian(2, Dimension, seed: 15)));
        var vectors = ToTensor(Naive.Gaussian(5, Dimension, seed: 16));
        var single = ToTensor(Naive.Gaussian(5, Dimension, seed: 16), ScalarType.Float32);
        AssertLeavesOnlyItsResult(() => projection.Transform(vectors));
        AssertLeavesOnlyItsResult(() => projection.Transform(single));
        AssertLeavesOnlyItsResult(() => projection.Matrix);
        long before = LiveTensors();
        projection.Transform(vectors, inPlace: true);
        Assert.Equal(before, LiveTensors());
    }
}

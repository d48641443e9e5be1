using DebiasKit.Projections;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Projections;

public class NullspaceProjectionTests
{
    private const int Dimension = 6;

    private static Matrix<double> RandomMatrix(int rows, int columns, int seed) =>
        Matrix<double>.Build.Random(rows, columns, new Normal(0, 1, new Random(seed)));

    /// <summary>Orthonormal basis of the columns by classical Gram–Schmidt, written out.</summary>
    private static double[][] OrthonormalBasis(Matrix<double> directions)
    {
        var basis = new List<double[]>();
        for (int j = 0; j < directions.ColumnCount; j++)
        {
            var v = directions.Column(j).ToArray();
            foreach (var q in basis)
            {
                double dot = v.Zip(q, (a, b) => a * b).Sum();
                for (int i = 0; i < v.Length; i++) v[i] -= dot * q[i];
            }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            basis.Add(v.Select(x => x / norm).ToArray());
        }
        return basis.ToArray();
    }

    /// <summary>x minus its components along an orthonormal basis of span(A).</summary>
    private static double[] RemoveSpan(double[] x, double[][] basis)
    {
        var result = (double[])x.Clone();
        foreach (var q in basis)
        {
            double dot = x.Zip(q, (a, b) => a * b).Sum();
            for (int i = 0; i < result.Length; i++) result[i] -= dot * q[i];
        }
        return result;
    }

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual, double tolerance)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        double gap = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(gap <= tolerance, $"largest difference {gap}");
    }

    [Fact]
    public void Projection_is_symmetric_and_idempotent_with_rank_d_minus_k()
    {
        var p = new NullspaceProjection().Fit(RandomMatrix(Dimension, 2, seed: 1)).Matrix;
        AssertClose(p, p.Transpose(), 1e-10);
        AssertClose(p, p * p, 1e-10);
        Assert.Equal(Dimension - 2, p.Trace(), 10);   // the trace of a projection is its rank
    }

    [Fact]
    public void Directions_are_removed()
    {
        var directions = RandomMatrix(Dimension, 3, seed: 2);
        var projection = new NullspaceProjection().Fit(directions);
        var projected = projection.Matrix * directions;
        Assert.True(projected.Enumerate().Max(Math.Abs) < 1e-10);
        // As rows through Transform too.
        Assert.True(projection.Transform(directions.Transpose()).Enumerate().Max(Math.Abs) < 1e-10);
    }

    [Fact]
    public void Vectors_orthogonal_to_the_directions_are_unchanged()
    {
        var directions = RandomMatrix(Dimension, 2, seed: 3);
        var basis = OrthonormalBasis(directions);
        var orthogonal = Enumerable.Range(0, 4).Select(s => RemoveSpan(RandomMatrix(1, Dimension, 10 + s).Row(0).ToArray(), basis)).ToArray();
        var rows = Matrix<double>.Build.DenseOfRowArrays(orthogonal);
        AssertClose(rows, new NullspaceProjection().Fit(directions).Transform(rows), 1e-10);
    }

    [Fact]
    public void Transform_matches_gram_schmidt_removal_and_leaves_its_input_alone()
    {
        var directions = RandomMatrix(Dimension, 2, seed: 4);
        var basis = OrthonormalBasis(directions);
        var vectors = RandomMatrix(5, Dimension, seed: 5);
        var copy = vectors.Clone();
        var transformed = new NullspaceProjection().Fit(directions).Transform(vectors);
        var expected = Matrix<double>.Build.DenseOfRowArrays(Enumerable.Range(0, 5).Select(i => RemoveSpan(vectors.Row(i).ToArray(), basis)));
        AssertClose(expected, transformed, 1e-10);
        Assert.Equal(copy, vectors);
        Assert.NotSame(vectors, transformed);
    }

    [Fact]
    public void One_direction_hand_computed()
    {
        // A = e_1 in 3-D: P = diag(0, 1, 1).
        var p = new NullspaceProjection().Fit(Matrix<double>.Build.DenseOfArray(new double[,] { { 2 }, { 0 }, { 0 } })).Matrix;
        AssertClose(Matrix<double>.Build.DenseDiagonal(3, 3, 1) - Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } }), p, 1e-15);
    }

    [Fact]
    public void Rejects_bad_directions()
    {
        var projection = new NullspaceProjection();
        var dependent = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 1, 2 }, { 0, 0 } });
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(dependent)).ParamName);
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(RandomMatrix(2, 3, seed: 6))).ParamName);
        var withNaN = RandomMatrix(3, 1, seed: 7);
        withNaN[1, 0] = double.NaN;
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(withNaN)).ParamName);
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(Matrix<double>.Build.Dense(3, 1))).ParamName);   // a zero direction
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => projection.Fit(null!)).ParamName);
        Assert.False(projection.IsFitted);
    }

    [Fact]
    public void Rejects_vectors_of_another_dimension_and_use_before_fit()
    {
        var projection = new NullspaceProjection();
        Assert.Throws<InvalidOperationException>(() => projection.Matrix);
        Assert.Throws<InvalidOperationException>(() => projection.Transform(RandomMatrix(2, Dimension, seed: 8)));
        Assert.Same(projection, projection.Fit(RandomMatrix(Dimension, 1, seed: 9)));
        Assert.True(projection.IsFitted);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => projection.Transform(RandomMatrix(2, Dimension + 1, seed: 10))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => projection.Transform(null!)).ParamName);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>Row selection for MathNet matrices, which the cross-fitted estimators need for every fold.</summary>
public static class MatrixRows
{
    /// <summary>A new matrix holding the given rows of <paramref name="matrix"/>, in the given order.</summary>
    public static Matrix<double> SubRows(this Matrix<double> matrix, IReadOnlyList<int> rows)
    {
        Guard.NotNull(matrix, nameof(matrix));
        Guard.NotNull(rows, nameof(rows));
        foreach (int r in rows)
            if (r < 0 || r >= matrix.RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"row {r} is outside the matrix's {matrix.RowCount} rows.");
        return Matrix<double>.Build.Dense(rows.Count, matrix.ColumnCount, (i, j) => matrix[rows[i], j]);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>Checks the regression-based estimators share on their design matrices.</summary>
internal static class DesignChecks
{
    /// <summary>
    /// Throws when the columns of <paramref name="x"/> are linearly dependent (a diagonal entry of R in x = QR below 1e-12
    /// of the largest). Without it a rank-deficient design — for example every labelled unit in one arm — yields
    /// coefficients around 1e13 and no error.
    /// </summary>
    public static void FullColumnRank(Matrix<double> x, string name, string remedy = "drop collinear columns or label more varied units")
    {
        if (x.ColumnCount == 0) return;
        var r = x.QR().R;
        double largest = 0;
        for (int j = 0; j < x.ColumnCount; j++) largest = Math.Max(largest, Math.Abs(r[j, j]));
        for (int j = 0; j < x.ColumnCount; j++)
            if (Math.Abs(r[j, j]) <= 1e-12 * Math.Max(largest, 1e-300))
                throw new ArgumentException($"{name} is rank deficient (column {j} depends on the others), so the regression has no unique solution; {remedy}.", name);
    }
}

using System.Numerics;

namespace DebiasKit.Stats;

/// <summary>
/// Sums for a mean and a variance in one vectorised pass over memory. Values are shifted by the first one before squaring
/// (the shifted-data algorithm), so a large common offset does not cancel the variance's digits.
/// </summary>
internal static class VectorMoments
{
    /// <summary>K = values[0], Σ (v − K) and Σ (v − K)².</summary>
    public static (double Shift, double Sum, double Squares) ShiftedSums(ReadOnlySpan<double> values)
    {
        double shift = values[0];
        int width = Vector<double>.Count, i = 0;
        var sum = Vector<double>.Zero;
        var squares = Vector<double>.Zero;
        var shiftVector = new Vector<double>(shift);
        for (; i <= values.Length - width; i += width)
        {
            var v = new Vector<double>(values.Slice(i, width)) - shiftVector;
            sum += v;
            squares += v * v;
        }
        double s = Vector.Sum(sum), q = Vector.Sum(squares);
        for (; i < values.Length; i++)
        {
            double v = values[i] - shift;
            s += v;
            q += v * v;
        }
        return (shift, s, q);
    }

    /// <summary>Mean and population (ddof = 0) variance from shifted sums over <paramref name="count"/> values.</summary>
    public static (double Mean, double Variance) FromShiftedSums(double shift, double sum, double squares, int count)
    {
        double meanShifted = sum / count;
        return (shift + meanShifted, Math.Max(0, squares / count - meanShifted * meanShifted));
    }

    /// <summary>Mean and population variance of the values.</summary>
    public static (double Mean, double Variance) Moments(ReadOnlySpan<double> values)
    {
        var (shift, sum, squares) = ShiftedSums(values);
        return FromShiftedSums(shift, sum, squares, values.Length);
    }

    /// <summary>True when every value lies in (0, 1] (NaN does not), checked a vector at a time.</summary>
    public static bool AllProbabilities(ReadOnlySpan<double> values)
    {
        int width = Vector<double>.Count, i = 0;
        var outside = Vector<long>.Zero;
        for (; i <= values.Length - width; i += width)
        {
            var v = new Vector<double>(values.Slice(i, width));
            outside |= ~(Vector.GreaterThan(v, Vector<double>.Zero) & Vector.LessThanOrEqual(v, Vector<double>.One));
        }
        if (outside != Vector<long>.Zero) return false;
        for (; i < values.Length; i++)
            if (!(values[i] > 0 && values[i] <= 1)) return false;
        return true;
    }
}

using System.Globalization;

namespace DebiasKit.Causal;

/// <summary>
/// What an estimator returns: the point estimate, its standard error, a confidence interval at
/// <see cref="Level"/>, and the number of observations used.
/// </summary>
public sealed record EstimateResult(double Estimate, double StandardError, double Lower, double Upper, double Level, int N)
{
    /// <summary>True when the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => Lower <= value && value <= Upper;

    /// <summary>Interval width.</summary>
    public double Width => Upper - Lower;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Estimate:G4} (SE {StandardError:G3}; {Level:P0} CI [{Lower:G4}, {Upper:G4}]; n = {N})");
}

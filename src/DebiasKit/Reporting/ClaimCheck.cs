using System.Globalization;

namespace DebiasKit.Reporting;

/// <summary>How an observed value is compared with a claim's threshold.</summary>
public enum Comparison
{
    /// <summary>The claim holds when observed ≥ threshold.</summary>
    AtLeast,
    /// <summary>The claim holds when observed ≤ threshold.</summary>
    AtMost,
}

/// <summary>
/// One of a paper's claims in measurable form, for example "the mean over seeds of (LDAM-DRW − ERM) balanced
/// accuracy at ratio 100 is at least 0.02". The threshold is fixed from the paper's numbers before running.
/// </summary>
/// <param name="Id">A short stable identifier (used in snapshots).</param>
/// <param name="Statement">The claim in words, with its threshold and where the threshold comes from.</param>
/// <param name="Observed">The measured value (usually a mean over seeds of a difference).</param>
/// <param name="Comparison">At least or at most.</param>
/// <param name="Threshold">The bound the observed value must meet.</param>
/// <param name="Spread">Spread of the observed value over seeds (sample standard deviation), when there is one.</param>
/// <param name="Precision">Absolute tolerance for comparing <paramref name="Observed"/> across runs.</param>
public sealed record ClaimCheck(string Id, string Statement, double Observed, Comparison Comparison, double Threshold,
    double? Spread, double Precision)
{
    /// <summary>True when the observed value meets the threshold.</summary>
    public bool Passed => Comparison == Comparison.AtLeast ? Observed >= Threshold : Observed <= Threshold;

    /// <summary>"≥" or "≤".</summary>
    public string Operator => Comparison == Comparison.AtLeast ? ">=" : "<=";

    /// <summary>The statement with the observed value and the threshold.</summary>
    public string Describe()
    {
        int digits = Precisions.Decimals(Precision);
        string spread = Spread is double s ? " ± " + s.ToString("F" + digits, CultureInfo.InvariantCulture) : "";
        return $"{Statement}: observed {Observed.ToString("F" + digits, CultureInfo.InvariantCulture)}{spread} {Operator} {Threshold.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>One line: outcome, statement, observed value and threshold.</summary>
    public override string ToString() => $"[{(Passed ? "pass" : "fail")}] {Describe()}";
}

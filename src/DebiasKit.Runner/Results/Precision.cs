namespace DebiasKit.Runner.Results;

/// <summary>
/// Decimals for a declared precision (0.001 → 3). The kit has the same rule (DebiasKit.Reporting.Precisions); the
/// runner keeps its own copy because the results file, not a shared assembly, is the contract between them.
/// </summary>
public static class Precision
{
    public static int Decimals(double precision) =>
        precision > 0 && double.IsFinite(precision) ? Math.Clamp((int)Math.Ceiling(-Math.Log10(precision) - 1e-9), 0, 12) : 4;
}

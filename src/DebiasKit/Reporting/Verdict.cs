namespace DebiasKit.Reporting;

/// <summary>
/// Whether a paper's claims reproduced. Computed from the claim checks, never typed in:
/// all pass = reproduced, some = partly reproduced, none = not reproduced.
/// </summary>
public enum Verdict
{
    /// <summary>The notebook has recorded no claim check yet.</summary>
    NoClaims,
    /// <summary>Every claim check passed.</summary>
    Reproduced,
    /// <summary>Some claim checks passed, some did not.</summary>
    PartlyReproduced,
    /// <summary>No claim check passed.</summary>
    NotReproduced,
}

/// <summary>Computing and naming verdicts.</summary>
public static class Verdicts
{
    /// <summary>The verdict of a set of claim checks.</summary>
    public static Verdict From(IEnumerable<ClaimCheck> claims)
    {
        Guard.NotNull(claims, nameof(claims));
        int passed = 0, total = 0;
        foreach (var claim in claims)
        {
            total++;
            if (claim.Passed) passed++;
        }
        if (total == 0) return Verdict.NoClaims;
        return passed == total ? Verdict.Reproduced : passed == 0 ? Verdict.NotReproduced : Verdict.PartlyReproduced;
    }

    /// <summary>The verdict as written in results files and the catalog.</summary>
    public static string Text(this Verdict verdict) => verdict switch
    {
        Verdict.Reproduced => "reproduced",
        Verdict.PartlyReproduced => "partly reproduced",
        Verdict.NotReproduced => "not reproduced",
        _ => "no claims",
    };
}

using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// Project STAR, the Tennessee class-size experiment (Word et al. 1990; R package AER): 11,598 pupils randomised
/// to small, regular or regular-with-aide classes, with test scores and school facts per grade (k, 1, 2, 3).
/// Wide format, one row per pupil; NA where a pupil was not in the study that year. See data/star/NOTICE.md.
/// </summary>
public static class TennesseeStar
{
    /// <summary>The 11,598 × 47 table as AER ships it (factors as text, NA as null).</summary>
    public static DataFrame Load(string? dataDirectory = null) =>
        CsvTableReader.Read(ShippedFiles.StarStar, dataDirectory);
}

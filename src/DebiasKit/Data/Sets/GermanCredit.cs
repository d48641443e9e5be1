using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// Statlog German credit (Hofmann 1994; UCI) as Weka ships it, credit-g.arff: 1,000 applicants, 20 attributes
/// (7 numeric, 13 nominal, among them personal_status, which mixes sex and marital status, age and foreign_worker)
/// and class good (700) / bad (300). See data/german-credit/NOTICE.md.
/// </summary>
public static class GermanCredit
{
    /// <summary>The 1,000 × 21 table: numeric attributes as double, nominal ones as text.</summary>
    public static DataFrame Load(string? dataDirectory = null) =>
        ArffReader.Read(ShippedFiles.GermanCreditCreditG, dataDirectory);

    /// <summary>The kit's split: 60 % train, 20 % validation, 20 % test, stratified by class, seeded with <see cref="Splits.StandardSeed"/>.</summary>
    public static DataSplit StandardSplit(DataFrame table) =>
        Splits.Stratified(Frames.Labels(table, "class"), validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);
}

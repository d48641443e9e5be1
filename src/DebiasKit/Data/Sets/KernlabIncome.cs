using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// The marketing survey of household income in R package kernlab ("income", from the ESL book's data):
/// 8,993 respondents, 14 categorical columns (INCOME in nine bands, SEX, MARITAL.STATUS, AGE, EDUCATION, OCCUPATION,
/// …, ETHNIC.CLASS, LANGUAGE), NA as null. The kit's nearest stand-in for UCI Adult, which no registry here carries.
/// See data/income/NOTICE.md.
/// </summary>
public static class KernlabIncome
{
    /// <summary>The 8,993 × 14 table.</summary>
    public static DataFrame Load(string? dataDirectory = null) =>
        CsvTableReader.Read(ShippedFiles.IncomeKernlabIncome, dataDirectory);

    /// <summary>The kit's split: 60 % train, 20 % validation, 20 % test, stratified by INCOME, seeded with <see cref="Splits.StandardSeed"/>.</summary>
    public static DataSplit StandardSplit(DataFrame table) =>
        Splits.Stratified(Frames.Labels(table, "INCOME"), validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);
}

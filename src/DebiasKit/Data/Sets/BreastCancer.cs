using System.Globalization;
using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// The Wisconsin diagnostic breast-cancer table as scikit-learn ships it (Street, Wolberg and Mangasarian 1993):
/// 569 tumours, 30 real-valued features, target 0 = malignant (212), 1 = benign (357). See data/sklearn/NOTICE.md.
/// </summary>
public static class BreastCancer
{
    /// <summary>Names of the 30 features, in column order (scikit-learn's names).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = BuildFeatureNames();

    /// <summary>Target names: 0 malignant, 1 benign.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["malignant", "benign"];

    /// <summary>The table: the 30 feature columns (double) and "target" (int).</summary>
    public static DataFrame Load(string? dataDirectory = null)
    {
        var file = ShippedFiles.SklearnBreastCancer;
        using var reader = new StreamReader(file.OpenContent(dataDirectory));
        _ = reader.ReadLine(); // "569,30,malignant,benign": counts and class names, not column names
        var columns = FeatureNames.Select(_ => new List<double>()).ToArray();
        var target = new List<int>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var values = line.Split(',');
            if (values.Length != 31) throw new InvalidDataException($"'{file.Name}' row {target.Count + 2} has {values.Length} values; 31 expected.");
            for (int c = 0; c < 30; c++) columns[c].Add(double.Parse(values[c], CultureInfo.InvariantCulture));
            target.Add(int.Parse(values[30], CultureInfo.InvariantCulture));
        }
        var frameColumns = FeatureNames.Select((name, c) => (DataFrameColumn)new DoubleDataFrameColumn(name, columns[c])).ToList();
        frameColumns.Add(new Int32DataFrameColumn("target", target));
        return new DataFrame(frameColumns);
    }

    /// <summary>The kit's split: 60 % train, 20 % validation, 20 % test, stratified by target, seeded with <see cref="Splits.StandardSeed"/>.</summary>
    public static DataSplit StandardSplit(DataFrame table) =>
        Splits.Stratified(Frames.Labels(table, "target"), validationFraction: 0.2, testFraction: 0.2, Splits.StandardSeed);

    private static string[] BuildFeatureNames()
    {
        string[] measures = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];
        return [.. measures.Select(m => "mean " + m), .. measures.Select(m => m + " error"), .. measures.Select(m => "worst " + m)];
    }
}

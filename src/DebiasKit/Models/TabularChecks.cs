namespace DebiasKit.Models;

/// <summary>Input checks shared by the tabular learners (rows of doubles, integer labels).</summary>
internal static class TabularChecks
{
    /// <summary>Non-empty, rectangular, finite; returns the width.</summary>
    public static int Rows(double[][] features, string name)
    {
        Guard.NotNull(features, name);
        if (features.Length == 0) throw new ArgumentException($"{name} must hold at least one row; it is empty.", name);
        int d = features[0]?.Length ?? throw new ArgumentException($"{name}[0] is null.", name);
        if (d == 0) throw new ArgumentException($"{name} rows must have at least one column.", name);
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i] is null || features[i].Length != d)
                throw new ArgumentException($"{name} rows must all have {d} columns; row {i} has {features[i]?.Length.ToString() ?? "null"}.", name);
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(features[i][j]))
                    throw new ArgumentException($"{name} must be finite; {name}[{i}][{j}] is {features[i][j]}.", name);
        }
        return d;
    }

    /// <summary>One label per row, each in 0 … classes − 1, classes ≥ 2.</summary>
    public static void Labels(IReadOnlyList<long> labels, int rows, int classes, string name)
    {
        Guard.NotNull(labels, name);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        if (labels.Count != rows) throw new ArgumentException($"{name} has {labels.Count} entries but there are {rows} rows; they must match.", name);
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(name, labels[i], $"{name} must be in 0 … {classes - 1}; element {i} is {labels[i]}.");
    }
}

namespace DebiasKit.Data;

/// <summary>Indices of a data set's train, validation and test parts; each sorted, the three disjoint.</summary>
/// <param name="Train">Indices to fit on.</param>
/// <param name="Validation">Indices to choose hyper-parameters and stop on; never used for fitting.</param>
/// <param name="Test">Indices to report on, and only that.</param>
public sealed record DataSplit(long[] Train, long[] Validation, long[] Test)
{
    /// <summary>Number of examples in the three parts together.</summary>
    public long Count => Train.LongLength + Validation.LongLength + Test.LongLength;

    /// <inheritdoc />
    public override string ToString() => $"train {Train.Length:N0} · validation {Validation.Length:N0} · test {Test.Length:N0}";
}

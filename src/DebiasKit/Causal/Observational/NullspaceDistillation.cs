using DebiasKit.Projections;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace DebiasKit.Causal;

/// <summary>The result of <see cref="NullspaceDistillation.Apply"/>: the projected features and the fitted INLP projection.</summary>
public sealed record NullspaceRemoval(Matrix<double> Distilled, Inlp Projection);

/// <summary>
/// Distillation by iterative nullspace projection, one of the four text distillations of "Detecting and mitigating
/// treatment leakage in text-based causal inference": the document features are projected, round by round, onto the
/// nullspace of a linear treatment classifier (<see cref="Inlp"/>, Ravfogel et al., 2020), so that after r rounds no linear
/// classifier of the r removed directions can see the treatment in them.
/// <para>Variant pinned: the columns are standardised first (centred, unit population sd; constant columns kept at 0)
/// because INLP's directions depend on the scale; the INLP probe is the kit's softmax probe with its defaults, trained
/// and "evaluated" on the same documents (the dev accuracy is only a diagnostic here); the distilled features are the
/// projected standardised features, n × V.</para>
/// </summary>
public static class NullspaceDistillation
{
    /// <param name="x">n × V features, finite.</param>
    /// <param name="treated">Tᵢ, both arms present.</param>
    /// <param name="iterations">INLP rounds r, 1 ≤ r ≤ V (each removes one direction).</param>
    /// <param name="seed">Seeds the probes.</param>
    public static NullspaceRemoval Apply(Matrix<double> x, IReadOnlyList<bool> treated, int iterations, int seed = 0)
    {
        SalientFeatureRemoval.Check(x, treated);
        if (iterations < 1 || iterations > x.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"iterations must lie in [1, {x.ColumnCount}].");
        int n = x.RowCount, v = x.ColumnCount;
        var (standard, varying) = SalientFeatureRemoval.Standardise(x);
        var full = new double[n * v];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < varying.Length; j++) full[i * v + varying[j]] = standard[i, j];
        var labels = treated.Select(t => t ? 1L : 0L).ToArray();
        using var scope = NewDisposeScope();
        var features = tensor(full, new long[] { n, v }, ScalarType.Float64);
        var inlp = new Inlp().Fit(features, labels, features, labels, classes: 2, iterations, seed);
        var projected = inlp.Transform(features).to(ScalarType.Float64).contiguous();
        var values = projected.data<double>().ToArray();
        return new NullspaceRemoval(Matrix<double>.Build.Dense(n, v, (i, j) => values[i * v + j]), inlp);
    }
}

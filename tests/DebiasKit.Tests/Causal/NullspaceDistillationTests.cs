using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class NullspaceDistillationTests
{
    [Fact]
    public void Projects_the_standardised_features_onto_the_nullspace_of_the_removed_directions()
    {
        var d = TextLeakage.Sample(300, seed: 4);
        var x = d.Features();
        var result = NullspaceDistillation.Apply(x, d.Treated, iterations: 3, seed: 1);
        Assert.Equal(3, result.Projection.RemovedDirections);
        var basis = TestHelpers.ToRows(result.Projection.Projection.Basis);   // orthonormal rows [3, V]

        // Reference: standardise by hand, then x − (x Bᵀ) B with loops.
        int n = x.RowCount, v = x.ColumnCount;
        for (int j = 0; j < v; j++)
        {
            double mean = x.Column(j).Average();
            double sd = Math.Sqrt(x.Column(j).Sum(e => (e - mean) * (e - mean)) / n);
            for (int i = 0; i < n; i++) x[i, j] = sd > 1e-12 ? (x[i, j] - mean) / sd : 0;
        }
        for (int i = 0; i < n; i++)
        {
            var expected = x.Row(i).ToArray();
            foreach (var b in basis)
            {
                double dot = 0;
                for (int j = 0; j < v; j++) dot += x[i, j] * b[j];
                for (int j = 0; j < v; j++) expected[j] -= dot * b[j];
            }
            for (int j = 0; j < v; j++) Assert.Equal(expected[j], result.Distilled[i, j], 9);
            foreach (var b in basis)
                Assert.True(Math.Abs(Enumerable.Range(0, v).Sum(j => result.Distilled[i, j] * b[j])) < 1e-9);
        }
    }

    [Fact]
    public void More_rounds_hide_the_treatment_from_a_linear_classifier()
    {
        var d = TextLeakage.Sample(600, seed: 6);
        var labels = d.Treated.Select(t => t ? 1.0 : 0.0).ToArray();
        double Accuracy(Matrix<double> features)
        {
            var p = LogisticRegression.Fit(features, labels, ridge: 1).PredictProbability(features);
            return p.Select((v, i) => (v > 0.5) == d.Treated[i] ? 1.0 : 0.0).Average();
        }
        double full = Accuracy(d.Features());
        double many = Accuracy(NullspaceDistillation.Apply(d.Features(), d.Treated, iterations: 12).Distilled);
        Assert.True(full > 0.75, $"full-text accuracy {full}");
        Assert.True(many < full - 0.1, $"accuracy after 12 rounds {many} vs {full}");
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var d = TextLeakage.Sample(40, seed: 1);
        var x = d.Features();
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => NullspaceDistillation.Apply(x, d.Treated, 0)).ParamName);
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => NullspaceDistillation.Apply(x, d.Treated, x.ColumnCount + 1)).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => NullspaceDistillation.Apply(x, d.Treated.Take(3).ToArray(), 1)).ParamName);
    }
}

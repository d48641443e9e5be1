using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class SalientFeatureRemovalTests
{
    [Fact]
    public void Removes_exactly_the_top_k_columns_by_absolute_coefficient()
    {
        var d = TextLeakage.Sample(400, seed: 2);
        var x = d.Features();
        var result = SalientFeatureRemoval.Remove(x, d.Treated, k: 7);

        // Plain reference: standardise each column by hand, fit the same ridge logistic, sort |coefficient| with a loop.
        int n = x.RowCount, v = x.ColumnCount;
        var standard = Matrix<double>.Build.Dense(n, v);
        for (int j = 0; j < v; j++)
        {
            double mean = 0, sq = 0;
            for (int i = 0; i < n; i++) mean += x[i, j] / n;
            for (int i = 0; i < n; i++) sq += (x[i, j] - mean) * (x[i, j] - mean) / n;
            for (int i = 0; i < n; i++) standard[i, j] = (x[i, j] - mean) / Math.Sqrt(sq);
        }
        var model = LogisticRegression.Fit(standard, d.Treated.Select(t => t ? 1.0 : 0.0).ToArray(), ridge: 1.0);
        var order = Enumerable.Range(0, v).ToList();
        order.Sort((a, b) => Math.Abs(model.Slopes[b]).CompareTo(Math.Abs(model.Slopes[a])) is var c && c != 0 ? c : a.CompareTo(b));
        Assert.Equal(order.Take(7).ToArray(), result.Removed);
        TestHelpers.AllClose(model.Slopes.ToArray(), result.Coefficients, 1e-10);

        // The kept columns are the others, in their original order, with their values untouched.
        Assert.Equal(Enumerable.Range(0, v).Except(result.Removed).ToArray(), result.Kept);
        Assert.Equal(v - 7, result.Distilled.ColumnCount);
        for (int j = 0; j < result.Kept.Length; j++)
            Assert.Equal(x.Column(result.Kept[j]).ToArray(), result.Distilled.Column(j).ToArray());
        // In a larger sample the five leak words are the most salient: the detection the method relies on.
        var big = TextLeakage.Sample(2_000, seed: 12);
        var top = SalientFeatureRemoval.Remove(big.Features(), big.Treated, 5).Removed;
        Assert.All(top, j => Assert.Equal(LeakageWordKind.Leak, big.Vocabulary[j]));
        // k = 0 keeps everything.
        Assert.Equal(x, SalientFeatureRemoval.Remove(x, d.Treated, 0).Distilled);
    }

    [Fact]
    public void Constant_columns_get_coefficient_zero_and_rank_last()
    {
        var d = TextLeakage.Sample(200, seed: 3, leakage: 0);
        var x = d.Features().Append(Matrix<double>.Build.Dense(200, 1, 4.0));
        var coefficients = SalientFeatureRemoval.Coefficients(x, d.Treated);
        Assert.Equal(0.0, coefficients[^1]);
        Assert.Equal(x.ColumnCount - 1, SalientFeatureRemoval.Rank(coefficients)[^1]);
        Assert.Equal(new[] { 1, 2, 0 }, SalientFeatureRemoval.Rank(new[] { 0.5, -2.0, 2.0 }) is var r ? new[] { r[0], r[1], r[2] } : null);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var d = TextLeakage.Sample(50, seed: 1);
        var x = d.Features();
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Remove(x, d.Treated, x.ColumnCount)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Remove(x, d.Treated, -1)).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Remove(x, d.Treated.Take(10).ToArray(), 1)).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Remove(x, new bool[50], 1)).ParamName);
        Assert.Equal("ridge", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Coefficients(x, d.Treated, -1)).ParamName);
        var nan = x.Clone();
        nan[0, 0] = double.NaN;
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Remove(nan, d.Treated, 1)).ParamName);
        Assert.Equal("coefficients", Assert.ThrowsAny<ArgumentException>(() => SalientFeatureRemoval.Rank(new[] { double.NaN })).ParamName);
    }
}

using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class KernelRidgeTests
{
    private static (Matrix<double> X, double[] Y) Data(int n, int seed)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(n, 2, (_, _) => 2 * random.NextDouble() - 1);
        var y = Enumerable.Range(0, n).Select(i => 3 + Math.Sin(3 * x[i, 0]) + x[i, 1] * x[i, 1] + 0.3 * (random.NextDouble() - 0.5)).ToArray();
        return (x, y);
    }

    [Fact]
    public void Equals_the_closed_form_written_out()
    {
        var (x, y) = Data(60, 1);
        var (xNew, _) = Data(15, 2);
        double lambda = 0.01, ell = 0.7;
        var model = KernelRidge.Fit(x, y, lambda, ell);

        // α = (K + nλI)⁻¹(y − ȳ), K by loops, solved by LU (the library uses Cholesky); f(x) = ȳ + Σⱼ αⱼ k(x, xⱼ).
        int n = 60;
        double Kernel(Vector<double> a, Vector<double> b) => Math.Exp(-(a - b).DotProduct(a - b) / (2 * ell * ell));
        var system = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                system[i, j] = Kernel(x.Row(i), x.Row(j)) + (i == j ? n * lambda : 0);
        double mean = y.Average();
        var alpha = system.LU().Solve(Vector<double>.Build.Dense(n, i => y[i] - mean));
        var predicted = model.Predict(xNew);
        for (int r = 0; r < 15; r++)
        {
            double expected = mean;
            for (int j = 0; j < n; j++) expected += alpha[j] * Kernel(xNew.Row(r), x.Row(j));
            Assert.Equal(expected, predicted[r], 10);
        }
        Assert.Equal(mean, model.Offset, 12);
    }

    [Fact]
    public void One_factorisation_serves_several_targets_and_the_penalty_interpolates_between_data_and_mean()
    {
        var (x, y) = Data(80, 3);
        var prepared = KernelRidge.Prepare(x, 0.05);
        var y2 = y.Select(v => -2 * v + 1).ToArray();
        TestHelpers.AllClose(KernelRidge.Fit(x, y2, 0.05).Predict(x), prepared.Fit(y2).Predict(x), 1e-10);
        // Linear in the target: f(−2y + 1) = −2 f(y) + 1.
        TestHelpers.AllClose(prepared.Fit(y).Predict(x).Select(v => -2 * v + 1).ToArray(), prepared.Fit(y2).Predict(x), 1e-9);
        // A huge penalty returns the mean; a tiny one nearly interpolates the training targets.
        Assert.All(KernelRidge.Fit(x, y, 1e8).Predict(x), v => Assert.Equal(y.Average(), v, 5));
        var close = KernelRidge.Fit(x, y, 1e-9, bandwidth: 0.2).Predict(x);
        Assert.True(close.Select((v, i) => Math.Abs(v - y[i])).Max() < 1e-3);
    }

    [Fact]
    public void Median_heuristic_is_the_median_pairwise_distance()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 3, 4 }, { 0, 1 }, { 6, 8 } });
        // Distances: 5, 1, 10, √(9+9)=4.2426, 5, √(36+49)=9.2195 → sorted 1, 4.24, 5, 5, 9.22, 10 → median 5.
        Assert.Equal(5, KernelRidge.MedianBandwidth(x), 12);
        Assert.Equal(5, KernelRidge.Prepare(x, 0.1).Bandwidth, 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var (x, y) = Data(20, 4);
        Assert.Equal("penalty", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Fit(x, y, 0)).ParamName);
        Assert.Equal("bandwidth", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Fit(x, y, 0.1, -1)).ParamName);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Fit(x, y.Take(19).ToArray(), 0.1)).ParamName);
        var nan = (double[])y.Clone();
        nan[2] = double.NaN;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Fit(x, nan, 0.1)).ParamName);
        var xNan = x.Clone();
        xNan[0, 0] = double.PositiveInfinity;
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Prepare(xNan, 0.1)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => KernelRidge.Prepare(x.SubMatrix(0, 1, 0, 2), 0.1)).ParamName);
        var model = KernelRidge.Fit(x, y, 0.1);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(3, 3))).ParamName);
    }
}

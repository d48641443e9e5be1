using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

/// <summary>The linear probe: separable data learnt, chance on noise, determinism, shapes, bad input.</summary>
public class LinearProbeTests
{
    /// <summary>Points on either side of a fixed hyperplane through the origin, with a margin; label = side.</summary>
    private static (double[][] X, long[] Y) Separable(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n][];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, 5).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            y[i] = i % 2;
            row[0] = (y[i] == 1 ? 1 : -1) * (0.2 + random.NextDouble());   // the label sits in coordinate 0
            x[i] = row;
        }
        return (x, y);
    }

    [Fact]
    public void Learns_separable_data_and_is_deterministic_for_a_seed()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Separable(200, seed: 1);
        var (testX, testY) = Separable(100, seed: 2);
        var a = LinearProbe.Fit(ToTensor(trainX), trainY, ToTensor(testX), testY, classes: 2, seed: 3);
        var b = LinearProbe.Fit(ToTensor(trainX), trainY, ToTensor(testX), testY, classes: 2, seed: 3);
        Assert.Equal(1, a.TrainAccuracy);
        Assert.Equal(1, a.TestAccuracy);
        Assert.Equal([2L, 5L], a.Weight.shape);
        Assert.Equal([2L], a.Bias.shape);
        Assert.Equal(ScalarType.Float32, a.Weight.dtype);
        AllClose(ToDoubles(a.Weight), ToDoubles(b.Weight), 0);
        // The decision uses coordinate 0: w₁ − w₀ is largest there.
        var w = ToRows(a.Weight);
        var difference = w[1].Zip(w[0], (p, q) => p - q).ToArray();
        Assert.True(difference[0] > 0 && difference.Skip(1).All(v => Math.Abs(v) < difference[0]), string.Join(", ", difference));
    }

    [Fact]
    public void Pure_noise_gives_chance_on_held_out_data()
    {
        using var scope = NewDisposeScope();
        var trainX = Naive(400, 1);
        var testX = Naive(2000, 2);
        var trainY = Labels(400, 2, seed: 3);
        var testY = Labels(2000, 2, seed: 4);
        var probe = LinearProbe.Fit(ToTensor(trainX), trainY, ToTensor(testX), testY, classes: 2, seed: 5);
        Assert.True(Math.Abs(probe.TestAccuracy - 0.5) < 0.05, $"test accuracy {probe.TestAccuracy}");
    }

    private static double[][] Naive(int n, int seed) => DebiasKit.Tests.Projections.Naive.Gaussian(n, 6, seed);

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var x = ToTensor([[1, 2], [3, 4]]);
        long[] y = [0, 1];
        Assert.Equal("trainX", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(zeros(0, 2), [], x, y, 2, 0)).ParamName);
        Assert.Equal("testX", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, y, ToTensor([[1, 2, 3]]), [0], 2, 0)).ParamName);
        Assert.Equal("trainY", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, [0], x, y, 2, 0)).ParamName);
        Assert.Equal("trainY", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, [0, 2], x, y, 2, 0)).ParamName);
        Assert.Equal("testY", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, y, x, [0, -1], 2, 0)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, [0, 0], x, [0, 0], 1, 0)).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, y, x, y, 2, 0, steps: 0)).ParamName);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, y, x, y, 2, 0, learningRate: 0)).ParamName);
        Assert.Equal("l2", Assert.ThrowsAny<ArgumentException>(() => LinearProbe.Fit(x, y, x, y, 2, 0, l2: -1)).ParamName);
    }
}

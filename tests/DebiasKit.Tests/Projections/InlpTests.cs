using DebiasKit.Projections;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// INLP on seeded synthetic data where the protected label is linearly encoded in a few directions with unequal noise
/// (so one round is not enough): after the rounds a fresh linear probe is at the majority rate on held-out data, and the
/// projection is symmetric, idempotent and removes every direction it collected.
/// </summary>
public class InlpTests
{
    private const int Dimension = 20;

    /// <summary>
    /// n rows: label y ∈ [0, classes) (class 0 with probability <paramref name="majority"/> when binary), features
    /// z·scale + mean_y, with the class means in 4 coordinates of unequal noise, then a fixed random rotation.
    /// </summary>
    private static (double[][] X, long[] Y) Data(int n, int seed, int classes = 2, double majority = 0.6)
    {
        var random = new Random(seed);
        var noise = Naive.Gaussian(n, Dimension, seed + 1);
        var rotation = Naive.GramSchmidt(Naive.Gaussian(Dimension, Dimension, seed: 999));   // the same rotation for every split
        double[] scales = [0.5, 1, 2, 3];
        var means = Naive.Gaussian(classes, 4, seed: 998).Select(m => m.Select(v => 1.2 * v).ToArray()).ToArray();
        var y = new long[n];
        var x = new double[n][];
        for (int i = 0; i < n; i++)
        {
            y[i] = classes == 2 ? (random.NextDouble() < majority ? 0 : 1) : random.Next(classes);
            var raw = noise[i].ToArray();
            for (int j = 0; j < 4; j++) raw[j] = raw[j] * scales[j] + means[y[i]][j];
            x[i] = Enumerable.Range(0, Dimension).Select(r => Naive.Dot(rotation[r], raw)).ToArray();
        }
        return (x, y);
    }

    private static double MajorityRate(long[] y) => y.GroupBy(v => v).Max(g => g.Count()) / (double)y.Length;

    [Fact]
    public void After_the_rounds_a_fresh_probe_is_at_the_majority_rate_on_held_out_data()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Data(2000, seed: 1);
        var (devX, devY) = Data(1000, seed: 2);
        var (testX, testY) = Data(1000, seed: 3);
        var inlp = new Inlp().Fit(ToTensor(trainX), trainY, ToTensor(devX), devY, classes: 2, iterations: 10);
        Assert.Equal(10, inlp.DevAccuracy.Count);
        Assert.Equal(10, inlp.RemovedDirections);
        Assert.True(inlp.DevAccuracy[0] > 0.85, $"first round dev accuracy {inlp.DevAccuracy[0]}");

        var before = LinearProbe.Fit(ToTensor(trainX), trainY, ToTensor(testX), testY, classes: 2, seed: 7);
        var after = LinearProbe.Fit(inlp.Transform(ToTensor(trainX)), trainY, inlp.Transform(ToTensor(testX)), testY, classes: 2, seed: 7);
        double majority = MajorityRate(testY);
        Assert.True(before.TestAccuracy > majority + 0.25, $"before: {before.TestAccuracy} (majority {majority})");
        Assert.True(Math.Abs(after.TestAccuracy - majority) < 0.04, $"after: {after.TestAccuracy} (majority {majority})");
        Assert.True(inlp.DevAccuracy[^1] < majority + 0.04, $"last round dev accuracy {inlp.DevAccuracy[^1]}");
    }

    [Fact]
    public void One_round_is_not_enough_on_this_data()
    {
        // The control that makes the test above meaningful: the label lives in several directions.
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Data(2000, seed: 1);
        var (devX, devY) = Data(1000, seed: 2);
        var (testX, testY) = Data(1000, seed: 3);
        var inlp = new Inlp().Fit(ToTensor(trainX), trainY, ToTensor(devX), devY, classes: 2, iterations: 1);
        var after = LinearProbe.Fit(inlp.Transform(ToTensor(trainX)), trainY, inlp.Transform(ToTensor(testX)), testY, classes: 2, seed: 7);
        Assert.True(after.TestAccuracy > MajorityRate(testY) + 0.1, $"after one round: {after.TestAccuracy}");
    }

    [Fact]
    public void Projection_is_symmetric_idempotent_and_removes_its_directions()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Data(600, seed: 4, classes: 3);
        var (devX, devY) = Data(300, seed: 5, classes: 3);
        var inlp = new Inlp().Fit(ToTensor(trainX), trainY, ToTensor(devX), devY, classes: 3, iterations: 3, probeSteps: 200);
        Assert.Equal(6, inlp.RemovedDirections);   // C − 1 = 2 per round
        Assert.Equal(Dimension, inlp.Dimension);
        var p = ToRows(inlp.Projection.Matrix);
        Assert.Equal(Dimension - 6, Naive.AssertSymmetricIdempotent(p, 1e-10), 8);
        var x = ToTensor(Naive.Gaussian(10, Dimension, seed: 6));
        var projected = inlp.Transform(x);
        Assert.True(ToDoubles(projected.matmul(inlp.Projection.Basis.T)).Max(Math.Abs) < 1e-10);
        // Transform is x·P₀ with the matrix above.
        Assert.True(Naive.MaxAbsDifference(Naive.Multiply(ToRows(x), p), ToRows(projected)) < 1e-10);
        Assert.Same(x, inlp.Transform(x, inPlace: true));
        Assert.True(Naive.MaxAbsDifference(ToRows(projected), ToRows(x)) < 1e-12);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Data(40, seed: 8);
        var (devX, devY) = Data(20, seed: 9);
        var x = ToTensor(trainX);
        var dev = ToTensor(devX);
        var inlp = new Inlp();
        Assert.Throws<InvalidOperationException>(() => inlp.Projection);
        Assert.Throws<InvalidOperationException>(() => inlp.Transform(x));
        Assert.Equal(0, inlp.RemovedDirections);
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY, 2, iterations: 0)).ParamName);
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY, 2, iterations: Dimension + 1)).ParamName);
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY, 3, iterations: 11)).ParamName);
        Assert.Equal("trainX", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(ToTensor([trainX[0]]), [0], dev, devY, 2)).ParamName);
        Assert.Equal("devX", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, ToTensor(Naive.Gaussian(3, Dimension - 1, 10)), [0, 1, 0], 2)).ParamName);
        Assert.Equal("trainY", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY.Skip(1).ToArray(), dev, devY, 2)).ParamName);
        Assert.Equal("trainY", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY.Select(v => v + 1).ToArray(), dev, devY, 2)).ParamName);
        Assert.Equal("devY", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY.Skip(1).ToArray(), 2)).ParamName);
        Assert.Equal("devY", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY.Select(v => 2 * v).ToArray(), 2)).ParamName);
        Assert.Equal("devY", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, null!, 2)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => inlp.Fit(x, trainY, dev, devY, 1)).ParamName);
        inlp.Fit(x, trainY, dev, devY, 2, iterations: 2, probeSteps: 20);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => inlp.Transform(ToTensor(Naive.Gaussian(2, Dimension + 1, 11)))).ParamName);
    }
}

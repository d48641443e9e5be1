using DebiasKit.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>DeepSoftDebias on a small seeded problem: identity at λ = 0, falling loss and shrinking bias at λ &gt; 0, determinism, bad input.</summary>
public class DeepSoftDebiasTests
{
    private const int Dimension = 8;

    private static double MeanAbsCosine(double[][] rows, double[] direction) => rows.Average(x => Math.Abs(Naive.Cosine(x, direction)));

    [Fact]
    public void Lambda_positive_lowers_the_loss_and_the_neutral_words_bias()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = SoftDebiasTests.Problem(seed: 11, words: 256, dimension: Dimension);
        var deep = new DeepSoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 1, hidden: 32, steps: 300, batchSize: 128, learningRate: 5e-3, seed: 1);
        Assert.True(deep.FitTime > TimeSpan.Zero);
        Assert.Equal(Dimension, deep.Dimension);
        var history = deep.LossHistory;
        Assert.Equal(7, history.Count);   // steps 0, 50, …, 250 and the last
        Assert.Equal(1, history[0], 4);    // f starts as the identity: distortion 0, relative bias 1 (all 80 neutral words in each batch), times λ = 1
        Assert.True(history[^1] < 0.5 * history[0], $"loss {history[0]} → {history[^1]}");

        // The bias term: the mapped neutral words against the fixed bias direction b, before and after.
        var direction = ToDoubles(subspace.Components);
        var before = MeanAbsCosine(neutral, direction);
        var mappedNeutral = ToRows(deep.Transform(ToTensor(neutral)));
        var after = MeanAbsCosine(mappedNeutral, direction);
        Assert.True(after < 0.8 * before, $"mean |cos| to the bias direction {before} → {after}");
        // The term the objective weighs, Σ cos², falls by more.
        double squaredBefore = neutral.Sum(x => Math.Pow(Naive.Cosine(x, direction), 2));
        double squaredAfter = mappedNeutral.Sum(x => Math.Pow(Naive.Cosine(x, direction), 2));
        Assert.True(squaredAfter < 0.6 * squaredBefore, $"Σ cos² {squaredBefore} → {squaredAfter}");
        Assert.All(mappedNeutral, row => Assert.Equal(1, Naive.Norm(row), 5));
    }

    [Fact]
    public void Lambda_zero_keeps_the_identity_and_inner_products()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = SoftDebiasTests.Problem(seed: 12, words: 128, dimension: Dimension);
        var deep = new DeepSoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 0, hidden: 16, steps: 60, batchSize: 32, learningRate: 1e-2);
        Assert.True(deep.FitTime > TimeSpan.Zero);
        Assert.All(deep.LossHistory, loss => Assert.True(Math.Abs(loss) < 1e-6, $"loss {loss}"));
        var rows = vocabulary.Take(20).ToArray();
        var after = ToRows(deep.Transform(ToTensor(rows)));
        for (int i = 0; i < rows.Length; i++)
        {
            TestHelpers.AllClose(Naive.Unit(rows[i]), after[i], 1e-5);
            for (int j = 0; j < rows.Length; j++)
                Assert.Equal(Naive.Cosine(rows[i], rows[j]), Naive.Dot(after[i], after[j]), 5);
        }
    }

    [Fact]
    public void Same_seed_same_map_and_input_left_alone_unless_in_place()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = SoftDebiasTests.Problem(seed: 13, words: 100, dimension: Dimension);
        DeepSoftDebias Fit() => new DeepSoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 0.5, hidden: 16, steps: 40, batchSize: 32, learningRate: 1e-2, seed: 3);
        var rows = vocabulary.Take(5).ToArray();
        var vectors = ToTensor(rows);
        var first = Fit();
        var a = first.Transform(vectors);
        var b = Fit().Transform(vectors);
        Assert.Equal(ScalarType.Float64, a.dtype);
        AllClose(ToDoubles(a), ToDoubles(b), 0);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(vectors), 0);
        Assert.Same(vectors, first.Transform(vectors, inPlace: true));
        AllClose(ToDoubles(a), ToDoubles(vectors), 0);
        AssertLeavesOnlyItsResult(() => first.Transform(vectors));
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = SoftDebiasTests.Problem(seed: 14, words: 90, dimension: Dimension);
        var w = ToTensor(vocabulary);
        var n = ToTensor(neutral);
        var deep = new DeepSoftDebias();
        Assert.Throws<InvalidOperationException>(() => deep.Transform(w));
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, subspace, lambda: -0.1)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, subspace, hidden: 0)).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, subspace, steps: 0)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, subspace, batchSize: 0)).ParamName);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, subspace, learningRate: -1)).ParamName);
        Assert.Equal("subspace", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, n, null!)).ParamName);
        Assert.Equal("vocabulary", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(ToTensor([vocabulary[0]]), n, subspace)).ParamName);
        Assert.Equal("neutral", Assert.ThrowsAny<ArgumentException>(() => deep.Fit(w, ToTensor(Naive.Gaussian(3, Dimension + 2, 5)), subspace)).ParamName);
        deep.Fit(w, n, subspace, hidden: 8, steps: 2, batchSize: 16);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => deep.Transform(ToTensor(Naive.Gaussian(2, Dimension - 1, 6)))).ParamName);
    }
}

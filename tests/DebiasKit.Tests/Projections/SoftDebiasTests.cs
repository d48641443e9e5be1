using DebiasKit.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// Soft debias on a small seeded problem: the SVD-reduced objective against the full n × n objective evaluated with
/// loops, identity at λ = 0, falling loss and shrinking bias at λ &gt; 0, and bad input.
/// </summary>
public class SoftDebiasTests
{
    private const int Dimension = 10;

    /// <summary>A vocabulary of Gaussian words, the first 80 of them (the neutral words) tilted along a bias direction, and a subspace fitted to pairs along it.</summary>
    internal static (double[][] Vocabulary, double[][] Neutral, BiasSubspace Subspace) Problem(int seed, int words = 300, int dimension = Dimension)
    {
        var vocabulary = Naive.Gaussian(words, dimension, seed);
        var direction = Naive.Unit(Naive.Gaussian(1, dimension, seed + 1)[0]);
        var tilt = Naive.Gaussian(words, 1, seed + 2);
        for (int i = 0; i < 80; i++) vocabulary[i] = Naive.Add(vocabulary[i], Naive.Scale(direction, 1.5 * tilt[i][0]));
        var pairs = Enumerable.Range(0, 5).Select(p =>
        {
            var rows = Naive.Gaussian(2, dimension, seed + 10 + p, scale: 0.1);
            return ToTensor([Naive.Add(rows[0], direction), Naive.Subtract(rows[1], direction)]);
        }).ToList();
        var subspace = BiasSubspace.Fit(pairs);
        foreach (var pair in pairs) pair.Dispose();
        return (vocabulary, vocabulary.Take(80).ToArray(), subspace);
    }

    /// <summary>The two terms of the objective in their full form, with loops: ‖(TW)ᵀ(TW) − WᵀW‖²_F / ‖WᵀW‖²_F and ‖(TN)ᵀ(TB)‖²_F / ‖NᵀB‖²_F (unit W and N).</summary>
    private static (double Distortion, double Bias) FullObjective(double[][] t, double[][] vocabulary, double[][] neutral, double[][] basis)
    {
        double[] Map(double[] x) => t.Select(row => Naive.Dot(row, x)).ToArray();
        var w = vocabulary.Select(Naive.Unit).ToArray();
        var tw = w.Select(Map).ToArray();
        double distortion = 0, gram = 0;
        for (int i = 0; i < w.Length; i++)
            for (int j = 0; j < w.Length; j++)
            {
                double original = Naive.Dot(w[i], w[j]);
                double difference = Naive.Dot(tw[i], tw[j]) - original;
                distortion += difference * difference;
                gram += original * original;
            }
        var n = neutral.Select(Naive.Unit).ToArray();
        double bias = 0, biasAtIdentity = 0;
        foreach (var x in n)
            foreach (var b in basis)
            {
                bias += Math.Pow(Naive.Dot(Map(x), Map(b)), 2);
                biasAtIdentity += Math.Pow(Naive.Dot(x, b), 2);
            }
        return (distortion / gram, bias / biasAtIdentity);
    }

    /// <summary>Mean |cos(T n, T b)| over the neutral words: what the bias term shrinks.</summary>
    private static double MeanBias(IVectorTransform transform, double[][] neutral, BiasSubspace subspace)
    {
        using var scope = NewDisposeScope();
        var n = ToRows(transform.Transform(ToTensor(neutral)));
        var b = ToRows(transform.Transform(subspace.Components));
        return n.Average(x => Math.Abs(Naive.Cosine(x, b[0])));
    }

    private static double MeanBiasBefore(double[][] neutral, BiasSubspace subspace)
    {
        var b = ToDoubles(subspace.Components);
        return neutral.Average(x => Math.Abs(Naive.Cosine(x, b)));
    }

    [Fact]
    public void Reduced_objective_equals_the_full_objective_and_bias_shrinks_with_a_falling_loss()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = Problem(seed: 1);
        var soft = new SoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 1, steps: 400, learningRate: 0.01);
        var history = soft.LossHistory;
        Assert.Equal(9, history.Count);                      // steps 0, 50, …, 400
        Assert.Equal(1, history[0], 10);                     // at T = I: distortion 0, relative bias 1, times λ = 1
        Assert.True(history[^1] < 0.5 * history[0], $"loss {history[0]} → {history[^1]}");
        Assert.True(history.Skip(history.Count / 2).Average() < history.Take(history.Count / 2).Average());

        var (distortion, bias) = FullObjective(ToRows(soft.Matrix), vocabulary, neutral, ToRows(subspace.Components));
        Assert.Equal(distortion, soft.Distortion, 1e-9);
        Assert.Equal(bias, soft.RemainingBias, 1e-9);
        Assert.Equal(history[^1], soft.Distortion + soft.RemainingBias, 1e-9);
        Assert.True(soft.RemainingBias < 0.1, $"remaining bias {soft.RemainingBias}");
        Assert.True(MeanBias(soft, neutral, subspace) < 0.7 * MeanBiasBefore(neutral, subspace));
    }

    [Fact]
    public void Lambda_zero_keeps_t_orthogonal_and_inner_products()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = Problem(seed: 2);
        var soft = new SoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 0, steps: 100);
        var t = ToRows(soft.Matrix);
        Assert.True(Naive.MaxAbsDifference(Naive.Identity(Dimension), Naive.Multiply(Naive.Transpose(t), t)) < 1e-6);
        Assert.True(soft.Distortion < 1e-10);
        Assert.All(soft.LossHistory, loss => Assert.True(loss < 1e-10));
        var rows = vocabulary.Take(20).ToArray();
        var after = ToRows(soft.Transform(ToTensor(rows)));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(1, Naive.Norm(after[i]), 10);
            for (int j = 0; j < rows.Length; j++)
                Assert.Equal(Naive.Cosine(rows[i], rows[j]), Naive.Dot(after[i], after[j]), 6);
        }
    }

    [Fact]
    public void Transform_gives_unit_rows_and_leaves_its_input_alone_unless_in_place()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = Problem(seed: 3, words: 100);
        var soft = new SoftDebias().Fit(ToTensor(vocabulary), ToTensor(neutral), subspace, lambda: 0.5, steps: 50);
        Assert.Equal(Dimension, soft.Dimension);
        var rows = vocabulary.Take(6).ToArray();
        var t = ToRows(soft.Matrix);
        var expected = rows.Select(x => Naive.Unit(t.Select(row => Naive.Dot(row, x)).ToArray())).ToArray();
        var vectors = ToTensor(rows, ScalarType.Float32);
        var result = soft.Transform(vectors);
        Assert.Equal(ScalarType.Float32, result.dtype);
        Assert.True(Naive.MaxAbsDifference(expected, ToRows(result)) < 1e-5);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(vectors), 1e-6);
        Assert.Same(vectors, soft.Transform(vectors, inPlace: true));
        AllClose(ToDoubles(result), ToDoubles(vectors), 0);
        AssertLeavesOnlyItsResult(() => soft.Transform(vectors));
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var (vocabulary, neutral, subspace) = Problem(seed: 4, words: 90);
        var w = ToTensor(vocabulary);
        var n = ToTensor(neutral);
        var soft = new SoftDebias();
        Assert.Throws<InvalidOperationException>(() => soft.Matrix);
        Assert.Throws<InvalidOperationException>(() => soft.Transform(w));
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, n, subspace, lambda: -1)).ParamName);
        Assert.Equal("lambda", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, n, subspace, lambda: double.NaN)).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, n, subspace, steps: 0)).ParamName);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, n, subspace, learningRate: 0)).ParamName);
        Assert.Equal("subspace", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, n, null!)).ParamName);
        Assert.Equal("vocabulary", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(zeros(0, Dimension, dtype: float64), n, subspace)).ParamName);
        Assert.Equal("vocabulary", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(ToTensor(Naive.Gaussian(5, Dimension + 1, 5)), n, subspace)).ParamName);
        Assert.Equal("neutral", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, ToTensor(Naive.Gaussian(5, Dimension - 1, 6)), subspace)).ParamName);
        var nan = n.clone();
        nan[0, 0] = tensor(double.NaN);
        Assert.Equal("neutral", Assert.ThrowsAny<ArgumentException>(() => soft.Fit(w, nan, subspace)).ParamName);
        soft.Fit(w, n, subspace, steps: 5);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => soft.Transform(ToTensor(Naive.Gaussian(2, Dimension + 1, 7)))).ParamName);
    }
}

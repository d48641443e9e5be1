using DebiasKit.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// SentenceDebias: the same as removing a <see cref="BiasSubspace"/> fitted to the counterfactual pairs, and it removes
/// the first principal direction of the pair differences found by an independent power iteration.
/// </summary>
public class SentenceDebiasTests
{
    private const int Dimension = 12;

    /// <summary>Seeded encodings of sentence pairs that differ along a fixed direction (with noise).</summary>
    private static (double[][] First, double[][] Second) Encodings(int sentences, int seed)
    {
        var sentence = Naive.Gaussian(sentences, Dimension, seed);
        var noise = Naive.Gaussian(2 * sentences, Dimension, seed + 1, scale: 0.2);
        var direction = Naive.Gaussian(1, Dimension, seed + 2)[0];
        var first = sentence.Select((s, i) => Naive.Add(Naive.Add(s, direction), noise[2 * i])).ToArray();
        var second = sentence.Select((s, i) => Naive.Add(Naive.Subtract(s, direction), noise[2 * i + 1])).ToArray();
        return (first, second);
    }

    [Fact]
    public void Equals_bias_subspace_removal_of_the_pairs()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Encodings(15, seed: 1);
        var debias = new SentenceDebias().Fit(ToTensor(first), ToTensor(second), k: 2);
        var pairs = first.Select((f, i) => ToTensor([f, second[i]])).ToList();
        var subspace = BiasSubspace.Fit(pairs, k: 2);
        AllClose(ToDoubles(subspace.Components), ToDoubles(debias.Subspace.Components), 1e-12);
        var x = ToTensor(Naive.Gaussian(6, Dimension, seed: 4));
        AllClose(ToDoubles(subspace.Transform(x)), ToDoubles(debias.Transform(x)), 1e-12);
        Assert.Equal(Dimension, debias.Dimension);
    }

    [Fact]
    public void Removes_the_first_principal_direction_of_the_pair_differences()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Encodings(20, seed: 5);
        var differences = first.Select((f, i) => Naive.Subtract(f, second[i])).ToArray();
        var v = Naive.LeadingEigenvector(Naive.Scatter(differences));
        var debias = new SentenceDebias().Fit(ToTensor(first), ToTensor(second));
        Naive.AssertEqualUpToSign(v, ToDoubles(debias.Subspace.Direction()), 1e-6);

        // h′ = h − ⟨h, v⟩ v, and no renormalisation.
        var h = Naive.Gaussian(5, Dimension, seed: 6);
        var expected = h.Select(row => Naive.Subtract(row, Naive.Scale(v, Naive.Dot(row, v)))).ToArray();
        Assert.True(Naive.MaxAbsDifference(expected, ToRows(debias.Transform(ToTensor(h)))) < 1e-6);

        // After debiasing both versions, their differences have no component along v.
        var a = ToRows(debias.Transform(ToTensor(first)));
        var b = ToRows(debias.Transform(ToTensor(second)));
        Assert.All(a.Zip(b, Naive.Subtract), d => Assert.True(Math.Abs(Naive.Dot(d, v)) < 1e-6));
        // Before, they mostly lay along v.
        Assert.True(differences.Average(d => Math.Abs(Naive.Cosine(d, v))) > 0.9);
    }

    [Fact]
    public void Counterfactual_sets_of_three_versions_are_centred_per_sentence()
    {
        using var scope = NewDisposeScope();
        var sets = Enumerable.Range(0, 6).Select(s => Naive.Gaussian(3, Dimension, seed: 10 + s)).ToArray();
        var debias = new SentenceDebias().Fit(sets.Select(s => ToTensor(s)).ToList());
        Naive.AssertEqualUpToSign(Naive.FirstPrincipalDirection(sets), ToDoubles(debias.Subspace.Direction()), 1e-5);
    }

    [Fact]
    public void Transform_leaves_its_input_alone_unless_in_place()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Encodings(8, seed: 20);
        var debias = new SentenceDebias().Fit(ToTensor(first), ToTensor(second));
        var vectors = ToTensor(first, ScalarType.Float32);
        var result = debias.Transform(vectors);
        AllClose(first.SelectMany(r => r).ToArray(), ToDoubles(vectors), 1e-6);
        Assert.Same(vectors, debias.Transform(vectors, inPlace: true));
        AllClose(ToDoubles(result), ToDoubles(vectors), 0);
        AssertLeavesOnlyItsResult(() => debias.Transform(vectors));
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Encodings(5, seed: 30);
        var debias = new SentenceDebias();
        Assert.Throws<InvalidOperationException>(() => debias.Subspace);
        Assert.Throws<InvalidOperationException>(() => debias.Dimension);
        Assert.Throws<InvalidOperationException>(() => debias.Transform(ToTensor(first)));
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor(first), ToTensor(second.Take(4).ToArray()))).ParamName);
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor(first), ToTensor(Naive.Gaussian(5, Dimension - 1, 31)))).ParamName);
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor(first), null!)).ParamName);
        Assert.Equal("first", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(zeros(0, Dimension, dtype: float64), zeros(0, Dimension, dtype: float64))).ParamName);
        Assert.Equal("first", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor([[1, double.NaN]]), ToTensor([[1, 2]]))).ParamName);
        // Identical versions: nothing to find.
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor(first), ToTensor(first))).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => debias.Fit(ToTensor(first), ToTensor(second), k: 6)).ParamName);   // 5 pairs: rank ≤ 5
        Assert.Equal("definingSets[1]", Assert.ThrowsAny<ArgumentException>(() => debias.Fit([ToTensor(first), ToTensor([[1, 2]])])).ParamName);
    }
}

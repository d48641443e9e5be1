using DebiasKit.Data;
using DebiasKit.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// Hard debias: a hand-computed 3-D example, the neutralise and equalise properties on random vocabularies (binary and
/// multiclass), Bolukbasi et al.'s ±√(1 − ‖ν‖²)·g form of binary equalise written out as in debiaswe, and bad input.
/// </summary>
public class HardDebiasTests
{
    private static readonly double Root11Over6 = Math.Sqrt(11) / 6;

    /// <summary>The hand-built vocabulary of <see cref="Hand_computed_three_dimensional_example"/>.</summary>
    private static WordEmbeddings HandVocabulary() => Naive.Vocabulary(
        ["she", "he", "doctor", "nurse", "grandmother", "grandfather"],
        [[0.6, 0.8, 0], [-0.6, 0.8, 0], [3, 0, 4], [1, 2, 2], [2, 1, 2], [-1, 2, 2]]);

    [Fact]
    public void Hand_computed_three_dimensional_example()
    {
        // Defining pair she = (0.6, 0.8, 0), he = (−0.6, 0.8, 0), both unit: centred ±(0.6, 0, 0), so g = e₁, and
        // she − he = (1.2, 0, 0) pins the sign to +e₁.
        // doctor (3, 0, 4) → unit (0.6, 0, 0.8) → drop e₁ → (0, 0, 0.8) → normalise → (0, 0, 1).
        // nurse (1, 2, 2) → unit (1/3, 2/3, 2/3) → drop e₁ → (0, 2/3, 2/3) → normalise → (0, 1/√2, 1/√2).
        // Equality pair grandmother (2, 1, 2) → (2/3, 1/3, 2/3), grandfather (−1, 2, 2) → (−1/3, 2/3, 2/3):
        // μ = (1/6, 1/2, 2/3), μ_B = (1/6, 0, 0), ν = (0, 1/2, 2/3), ‖ν‖² = 1/4 + 4/9 = 25/36, √(1 − 25/36) = √11/6;
        // grandmother's w_B − μ_B = (2/3 − 1/6) e₁ = +½ e₁, grandfather's −½ e₁, so
        // grandmother′ = (√11/6, 1/2, 2/3), grandfather′ = (−√11/6, 1/2, 2/3) (length² = 11/36 + 9/36 + 16/36 = 1).
        // she and he are kept: only scaled to unit length (they are already).
        var embeddings = HandVocabulary();
        var debias = new HardDebias().Fit(embeddings, [["she", "he"]], [["grandmother", "grandfather"]]);
        using (var direction = debias.Subspace.Direction())
            AllClose([1, 0, 0], ToDoubles(direction), 1e-7);
        var result = debias.Transform(embeddings, keep: ["she", "he"]);
        double r = 1 / Math.Sqrt(2);
        double[][] expected = [[0.6, 0.8, 0], [-0.6, 0.8, 0], [0, 0, 1], [0, r, r], [Root11Over6, 0.5, 2.0 / 3], [-Root11Over6, 0.5, 2.0 / 3]];
        Assert.True(Naive.MaxAbsDifference(expected, Naive.Rows(result)) < 1e-6, "debiased vectors differ from the hand-computed ones");
        // Both members of the pair are at the same cosine from doctor: 2/3, and from nurse: (1/2 + 2/3)/√2.
        Assert.Equal(2.0 / 3, Naive.Dot(Naive.Row(result, "doctor"), Naive.Row(result, "grandmother")), 6);
        Assert.Equal(2.0 / 3, Naive.Dot(Naive.Row(result, "doctor"), Naive.Row(result, "grandfather")), 6);
        // The input vocabulary is unchanged.
        Assert.Equal([3f, 0f, 4f], embeddings.Vector("doctor"));
    }

    [Fact]
    public void Neutralize_hand_computed_in_float32_and_float64()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit([ToTensor([[0.6, 0.8, 0], [-0.6, 0.8, 0]])]);
        double r = 1 / Math.Sqrt(2);
        // (0.6, 0, 0.8) → (0, 0, 1); (1, 2, 2) (not unit) → (0, 2, 2)/(2√2) = (0, 1/√2, 1/√2).
        double[][] rows = [[0.6, 0, 0.8], [1, 2, 2]];
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
        {
            var result = HardDebias.Neutralize(ToTensor(rows, dtype), subspace);
            Assert.Equal(dtype, result.dtype);
            AllClose([0, 0, 1, 0, r, r], ToDoubles(result), dtype == ScalarType.Float32 ? 1e-6 : 1e-12);
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void Neutralize_removes_the_subspace_and_gives_unit_rows_like_a_loop(int k, int setSize)
    {
        using var scope = NewDisposeScope();
        var sets = Enumerable.Range(0, 4).Select(s => Naive.Gaussian(setSize, 7, seed: 20 + s)).ToArray();
        var subspace = BiasSubspace.Fit(sets.Select(s => ToTensor(s)).ToList(), k);
        var basis = ToRows(subspace.Components);
        var rows = Naive.Gaussian(30, 7, seed: 30);
        var expected = rows.Select(w => Naive.Unit(Naive.RemoveSpan(w, basis))).ToArray();
        var result = HardDebias.Neutralize(ToTensor(rows), subspace);
        Assert.True(Naive.MaxAbsDifference(expected, ToRows(result)) < 1e-12);
        Assert.True(ToDoubles(subspace.Coordinates(result)).Max(Math.Abs) < 1e-12);
        Assert.All(ToRows(result), row => Assert.Equal(1, Naive.Norm(row), 12));
    }

    /// <summary>Binary equalise as debiaswe's <c>equalize</c> writes it: y = drop((a + b)/2, g), z = ±√(1 − ‖y‖²), a′ = z g + y, b′ = −z g + y.</summary>
    private static (double[] A, double[] B) BolukbasiEqualize(double[] a, double[] b, double[] g)
    {
        var mean = Naive.Scale(Naive.Add(a, b), 0.5);
        var y = Naive.Subtract(mean, Naive.Scale(g, Naive.Dot(mean, g)));
        double z = Math.Sqrt(1 - Naive.Dot(y, y));
        if (Naive.Dot(Naive.Subtract(a, b), g) < 0) z = -z;
        return (Naive.Add(Naive.Scale(g, z), y), Naive.Add(Naive.Scale(g, -z), y));
    }

    [Fact]
    public void Binary_equalize_is_bolukbasis_plus_minus_root_form()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit(Enumerable.Range(0, 4).Select(s => ToTensor(Naive.Gaussian(2, 6, seed: 40 + s))).ToList());
        var g = ToDoubles(subspace.Direction());
        for (int seed = 50; seed < 55; seed++)
        {
            var pair = Naive.Gaussian(2, 6, seed).Select(Naive.Unit).ToArray();
            var (a, b) = BolukbasiEqualize(pair[0], pair[1], g);
            var result = HardDebias.Equalize(ToTensor(pair), subspace);
            Assert.Equal(ScalarType.Float64, result.dtype);
            Assert.True(Naive.MaxAbsDifference([a, b], ToRows(result)) < 1e-12);
        }
    }

    /// <summary>A random vocabulary "w0" … with defining sets on the first words and equality sets after them.</summary>
    private static (WordEmbeddings Embeddings, List<IReadOnlyList<string>> Defining, List<IReadOnlyList<string>> Equality) RandomVocabulary(int setSize, int seed)
    {
        var rows = Naive.Gaussian(60, 8, seed);
        var bias = Naive.Gaussian(setSize, 8, seed + 1);
        // Defining and equality sets: a shared word plus a per-member bias offset, so they differ mainly in the bias.
        int next = 0;
        IReadOnlyList<string> Set()
        {
            var words = Enumerable.Range(next, setSize).Select(i => $"w{i}").ToArray();
            for (int m = 0; m < setSize; m++) rows[next + m] = Naive.Add(Naive.Scale(rows[next + m], 0.2), Naive.Add(rows[next + setSize], bias[m]));
            next += setSize + 1;
            return words;
        }
        var defining = Enumerable.Range(0, 4).Select(_ => Set()).ToList();
        var equality = Enumerable.Range(0, 3).Select(_ => Set()).ToList();
        return (Naive.Vocabulary(Enumerable.Range(0, rows.Length).Select(i => $"w{i}").ToArray(), rows), defining, equality);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Transform_neutralises_neutral_words_and_equalises_sets(int setSize, int k)
    {
        using var scope = NewDisposeScope();
        var (embeddings, defining, equality) = RandomVocabulary(setSize, seed: 60 + setSize);
        var debias = new HardDebias().Fit(embeddings, defining, equality, k);
        Assert.Equal(k, debias.Subspace.K);
        var keep = defining.SelectMany(s => s).ToHashSet();
        var equal = equality.SelectMany(s => s).ToHashSet();
        var result = debias.Transform(embeddings, keep: keep);
        var basis = ToRows(debias.Subspace.Components);
        var neutral = embeddings.Words.Where(w => !keep.Contains(w) && !equal.Contains(w)).ToList();
        Assert.True(neutral.Count > 20);

        foreach (var word in neutral)
        {
            var v = Naive.Row(result, word);
            Assert.Equal(1, Naive.Norm(v), 6);
            foreach (var b in basis) Assert.True(Math.Abs(Naive.Dot(v, b)) < 1e-6, $"{word} keeps {Naive.Dot(v, b)} on the subspace");
            // Neutralised = the loop's (w − w_B)/‖w − w_B‖ of the unit input.
            TestHelpers.AllClose(Naive.Unit(Naive.RemoveSpan(Naive.Unit(Naive.Row(embeddings, word)), basis)), v, 1e-6);
        }
        foreach (var word in keep)
            TestHelpers.AllClose(Naive.Unit(Naive.Row(embeddings, word)), Naive.Row(result, word), 1e-6);
        foreach (var set in equality)
        {
            var members = set.Select(w => Naive.Row(result, w)).ToArray();
            Assert.All(members, m => Assert.Equal(1, Naive.Norm(m), 6));
            foreach (var word in neutral)
            {
                var n = Naive.Row(result, word);
                var cosines = members.Select(m => Naive.Dot(n, m)).ToArray();
                var distances = members.Select(m => Naive.Norm(Naive.Subtract(n, m))).ToArray();
                Assert.True(cosines.Max() - cosines.Min() < 1e-6, $"{word}: cosines {string.Join(", ", cosines)} to {string.Join(" ", set)}");
                Assert.True(distances.Max() - distances.Min() < 1e-6, $"{word}: distances {string.Join(", ", distances)}");
            }
        }
    }

    [Fact]
    public void Transform_equalises_binary_pairs_in_bolukbasis_form()
    {
        using var scope = NewDisposeScope();
        var (embeddings, defining, equality) = RandomVocabulary(2, seed: 70);
        var debias = new HardDebias().Fit(embeddings, defining, equality);
        var result = debias.Transform(embeddings);
        var g = ToDoubles(debias.Subspace.Direction());
        foreach (var set in equality)
        {
            var (a, b) = BolukbasiEqualize(Naive.Unit(Naive.Row(embeddings, set[0])), Naive.Unit(Naive.Row(embeddings, set[1])), g);
            TestHelpers.AllClose(a, Naive.Row(result, set[0]), 1e-6);
            TestHelpers.AllClose(b, Naive.Row(result, set[1]), 1e-6);
        }
        // With neutralWords = null and no keep list, the defining words are neutralised too (they are in no equality set).
        using var coordinates = debias.Subspace.Coordinates(result.Matrix(defining.SelectMany(s => s).ToList()));
        Assert.True(ToDoubles(coordinates).Max(Math.Abs) < 1e-6);
    }

    [Fact]
    public void An_explicit_neutral_list_neutralises_only_those_words_and_keep_wins()
    {
        var embeddings = HandVocabulary();
        var debias = new HardDebias().Fit(embeddings, [["she", "he"]], []);
        var result = debias.Transform(embeddings, neutralWords: ["doctor", "nurse"], keep: ["nurse"]);
        AllClose([0, 0, 1], Naive.Row(result, "doctor"), 1e-6);
        AllClose([1.0 / 3, 2.0 / 3, 2.0 / 3], Naive.Row(result, "nurse"), 1e-6);        // kept: only scaled to unit length
        AllClose([2.0 / 3, 1.0 / 3, 2.0 / 3], Naive.Row(result, "grandmother"), 1e-6);  // not listed: only scaled
        Assert.Empty(debias.EqualitySets);
    }

    [Fact]
    public void Missing_words_are_named()
    {
        var embeddings = HandVocabulary();
        var error = Assert.Throws<MissingWordsException>(() => new HardDebias().Fit(embeddings, [["she", "he"], ["her", "him"]], []));
        Assert.Equal(["her", "him"], error.Words);
        error = Assert.Throws<MissingWordsException>(() => new HardDebias().Fit(embeddings, [["she", "he"]], [["grandmother", "granddad"]]));
        Assert.Equal(["granddad"], error.Words);
        var debias = new HardDebias().Fit(embeddings, [["she", "he"]], [["grandmother", "grandfather"]]);
        error = Assert.Throws<MissingWordsException>(() => debias.Transform(embeddings, neutralWords: ["doctor", "surgeon"]));
        Assert.Equal(["surgeon"], error.Words);
        error = Assert.Throws<MissingWordsException>(() => debias.Transform(embeddings.Take(5)));
        Assert.Equal(["grandfather"], error.Words);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var embeddings = HandVocabulary();
        Assert.Throws<InvalidOperationException>(() => new HardDebias().Transform(embeddings));
        Assert.Throws<InvalidOperationException>(() => new HardDebias().Subspace);
        Assert.Equal("equalitySets", Assert.ThrowsAny<ArgumentException>(() => new HardDebias().Fit(embeddings, [["she", "he"]], [["grandmother"]])).ParamName);
        Assert.Equal("equalitySets", Assert.ThrowsAny<ArgumentException>(() => new HardDebias().Fit(embeddings, [["she", "he"]], null!)).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => new HardDebias().Fit(null!, [["she", "he"]], [])).ParamName);
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => new HardDebias().Fit(embeddings, [["she", "she"]], [])).ParamName);
        var debias = new HardDebias().Fit(embeddings, [["she", "he"]], []);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => debias.Transform(Naive.Vocabulary(["a"], [[1, 2, 3, 4]]))).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => debias.Transform(null!)).ParamName);

        var subspace = debias.Subspace;
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Neutralize(ToTensor([[2, 0, 0]]), subspace)).ParamName);   // inside the subspace
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Neutralize(ToTensor([[1, 2]]), subspace)).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Neutralize(ToTensor([[1, double.NaN, 2]]), subspace)).ParamName);
        Assert.Equal("subspace", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Neutralize(ToTensor([[1, 2, 3]]), null!)).ParamName);
        Assert.Equal("set", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Equalize(ToTensor([[0, 1, 0]]), subspace)).ParamName);            // one member
        Assert.Equal("set", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Equalize(ToTensor([[1, 3, 0], [-1, 3, 0]]), subspace)).ParamName); // not unit
        Assert.Equal("set", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Equalize(ToTensor([[0, 1, 0], [0, 1, 0]]), subspace)).ParamName);  // no side
        Assert.Equal("set", Assert.ThrowsAny<ArgumentException>(() => HardDebias.Equalize(ToTensor([[1, 0], [0, 1]]), subspace)).ParamName);
    }

    [Fact]
    public void Neutralize_and_equalize_leave_only_their_result_and_their_input_alone()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit([ToTensor([[0.6, 0.8, 0], [-0.6, 0.8, 0]])]);
        double[][] rows = [[0.6, 0, 0.8], [1, 2, 2]];
        double[][] pair = [[2.0 / 3, 1.0 / 3, 2.0 / 3], [-1.0 / 3, 2.0 / 3, 2.0 / 3]];
        var vectors = ToTensor(rows, ScalarType.Float32);
        var set = ToTensor(pair, ScalarType.Float32);
        AssertLeavesOnlyItsResult(() => HardDebias.Neutralize(vectors, subspace));
        AssertLeavesOnlyItsResult(() => HardDebias.Equalize(set, subspace));
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(vectors), 1e-7);
        AllClose(pair.SelectMany(r => r).ToArray(), ToDoubles(set), 1e-7);
    }
}

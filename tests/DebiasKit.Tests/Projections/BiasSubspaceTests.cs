using DebiasKit.Data;
using DebiasKit.Projections;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// The bias subspace against a naive PCA of the set-centred defining vectors (power iteration on the scatter matrix for
/// the first direction, MathNet's symmetric eigendecomposition for k = 2 and the variance ratios), the pinned sign rule,
/// the removal as a projection matrix, and bad input.
/// </summary>
public class BiasSubspaceTests
{
    private const int Dimension = 8;

    /// <summary>Seeded defining pairs: a shared word vector plus and minus a noisy offset along a fixed direction.</summary>
    private static double[][][] Pairs(int count, int seed, int setSize = 2)
    {
        var rows = Naive.Gaussian(count * (setSize + 1) + 1, Dimension, seed);
        var direction = rows[^1];
        return Enumerable.Range(0, count).Select(p =>
        {
            var baseWord = rows[p * (setSize + 1)];
            return Enumerable.Range(0, setSize).Select(m =>
            {
                var noise = Naive.Scale(rows[p * (setSize + 1) + 1 + m], 0.3);
                return Naive.Add(Naive.Add(baseWord, Naive.Scale(direction, 2 * m - (setSize - 1))), noise);
            }).ToArray();
        }).ToArray();
    }

    private static List<Tensor> Tensors(IEnumerable<double[][]> sets) => sets.Select(s => ToTensor(s)).ToList();

    [Fact]
    public void First_component_is_the_first_principal_direction_of_the_pair_centred_vectors()
    {
        using var scope = NewDisposeScope();
        var pairs = Pairs(6, seed: 1);
        var subspace = BiasSubspace.Fit(Tensors(pairs));
        Assert.Equal(1, subspace.K);
        Assert.Equal(Dimension, subspace.Dimension);
        Naive.AssertEqualUpToSign(Naive.FirstPrincipalDirection(pairs), ToDoubles(subspace.Direction()), 1e-5);
        Assert.Equal(1, Naive.Norm(ToDoubles(subspace.Direction())), 12);
    }

    [Fact]
    public void Multiclass_sets_are_centred_on_their_own_mean()
    {
        using var scope = NewDisposeScope();
        var sets = Pairs(5, seed: 2, setSize: 3);
        var subspace = BiasSubspace.Fit(Tensors(sets));
        Naive.AssertEqualUpToSign(Naive.FirstPrincipalDirection(sets), ToDoubles(subspace.Direction()), 1e-5);
    }

    [Fact]
    public void Sign_is_pinned_so_that_first_word_minus_second_has_a_non_negative_coordinate()
    {
        using var scope = NewDisposeScope();
        var pairs = Pairs(6, seed: 3);
        var subspace = BiasSubspace.Fit(Tensors(pairs), k: 2);
        var reference = Naive.Subtract(pairs[0][0], pairs[0][1]);
        foreach (var component in ToRows(subspace.Components))
            Assert.True(Naive.Dot(component, reference) >= 0, "a component points against first − second of the first set");

        // Swapping the words of the first pair flips every component, and nothing else changes.
        var swapped = pairs.Select(p => p.ToArray()).ToArray();
        (swapped[0][0], swapped[0][1]) = (swapped[0][1], swapped[0][0]);
        var flipped = BiasSubspace.Fit(Tensors(swapped), k: 2);
        AllClose(ToDoubles(subspace.Components).Select(v => -v).ToArray(), ToDoubles(flipped.Components), 1e-12);
    }

    [Fact]
    public void Two_components_and_variance_ratios_match_an_eigendecomposition_of_the_scatter_matrix()
    {
        using var scope = NewDisposeScope();
        var sets = Pairs(7, seed: 4, setSize: 3);
        var subspace = BiasSubspace.Fit(Tensors(sets), k: 2);
        var evd = Matrix<double>.Build.DenseOfArray(Naive.Scatter(Naive.SetCentred(sets))).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, Dimension).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var components = ToRows(subspace.Components);
        for (int j = 0; j < 2; j++)
            Naive.AssertEqualUpToSign(evd.EigenVectors.Column(order[j]).ToArray(), components[j], 1e-6);
        double total = evd.EigenValues.Sum(v => v.Real);
        AllClose(order.Select(i => evd.EigenValues[i].Real / total).ToArray(), subspace.AllVarianceRatios.ToArray(), 1e-10);
        AllClose(subspace.AllVarianceRatios.Take(2).ToArray(), subspace.ExplainedVarianceRatio.ToArray(), 0);
        Assert.Equal(1, subspace.AllVarianceRatios.Sum(), 10);
        Assert.True(Naive.MaxAbsDifference(Naive.Identity(2), Naive.Multiply(components, Naive.Transpose(components))) < 1e-12);
    }

    [Fact]
    public void Removal_is_a_symmetric_idempotent_projection_of_rank_d_minus_k()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit(Tensors(Pairs(6, seed: 5, setSize: 3)), k: 2);
        // Transforming the identity gives the implied matrix row by row: e_i (I − BᵀB).
        var p = ToRows(subspace.Transform(eye(Dimension, dtype: float64)));
        Assert.Equal(Dimension - 2, Naive.AssertSymmetricIdempotent(p, 1e-12), 10);
    }

    [Fact]
    public void Coordinates_project_and_transform_match_loops()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit(Tensors(Pairs(6, seed: 6, setSize: 3)), k: 2);
        var b = ToRows(subspace.Components);
        var rows = Naive.Gaussian(5, Dimension, seed: 7);
        var x = ToTensor(rows);
        var coordinates = rows.Select(r => b.Select(component => Naive.Dot(r, component)).ToArray()).ToArray();
        var inside = rows.Select((r, i) => Naive.Add(Naive.Scale(b[0], coordinates[i][0]), Naive.Scale(b[1], coordinates[i][1]))).ToArray();
        Assert.True(Naive.MaxAbsDifference(coordinates, ToRows(subspace.Coordinates(x))) < 1e-12);
        Assert.True(Naive.MaxAbsDifference(inside, ToRows(subspace.Project(x))) < 1e-12);
        Assert.True(Naive.MaxAbsDifference(rows.Select((r, i) => Naive.Subtract(r, inside[i])).ToArray(), ToRows(subspace.Transform(x))) < 1e-12);
        Assert.True(ToDoubles(subspace.Coordinates(subspace.Transform(x))).Max(Math.Abs) < 1e-12);
        // Float32 in, float32 out.
        var single = subspace.Coordinates(ToTensor(rows, ScalarType.Float32));
        Assert.Equal(ScalarType.Float32, single.dtype);
        AllClose(coordinates.SelectMany(c => c).ToArray(), ToDoubles(single), 1e-5);
    }

    [Fact]
    public void Transform_leaves_its_input_alone_unless_in_place()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit(Tensors(Pairs(4, seed: 8)));
        var rows = Naive.Gaussian(3, Dimension, seed: 9);
        var vectors = ToTensor(rows, ScalarType.Float32);
        var result = subspace.Transform(vectors);
        Assert.NotSame(vectors, result);
        AllClose(rows.SelectMany(r => r).ToArray(), ToDoubles(vectors), 1e-6);
        var inPlace = subspace.Transform(vectors, inPlace: true);
        Assert.Same(vectors, inPlace);
        AllClose(ToDoubles(result), ToDoubles(vectors), 0);
    }

    [Fact]
    public void Fitting_from_words_scales_to_unit_length_unless_told_not_to()
    {
        using var scope = NewDisposeScope();
        var pairs = Pairs(4, seed: 10);
        var words = Enumerable.Range(0, 4).SelectMany(p => new[] { $"f{p}", $"m{p}" }).ToArray();
        var embeddings = Naive.Vocabulary(words, pairs.SelectMany(p => p).ToArray());
        var sets = Enumerable.Range(0, 4).Select(p => (IReadOnlyList<string>)[$"f{p}", $"m{p}"]).ToList();
        var stored = pairs.Select(p => p.Select(w => w.Select(v => (double)(float)v).ToArray()).ToArray()).ToArray();
        var unit = stored.Select(p => p.Select(Naive.Unit).ToArray()).ToArray();
        var normalised = BiasSubspace.Fit(embeddings, sets);
        Naive.AssertEqualUpToSign(Naive.FirstPrincipalDirection(unit), ToDoubles(normalised.Direction()), 1e-5);
        Assert.True(Naive.Dot(ToDoubles(normalised.Direction()), Naive.Subtract(unit[0][0], unit[0][1])) >= 0);
        var raw = BiasSubspace.Fit(embeddings, sets, normalize: false);
        Naive.AssertEqualUpToSign(Naive.FirstPrincipalDirection(stored), ToDoubles(raw.Direction()), 1e-5);
        Assert.True(Naive.Dot(ToDoubles(raw.Direction()), Naive.Subtract(stored[0][0], stored[0][1])) >= 0);
    }

    [Fact]
    public void From_directions_orthonormalises_keeping_the_first_direction_and_its_sign()
    {
        using var scope = NewDisposeScope();
        // (0, 3, 0) and (1, 1, 0): Gram–Schmidt gives e₂ then e₁, each oriented like its direction.
        var subspace = BiasSubspace.FromDirections(ToTensor([[0, 3, 0], [1, 1, 0]]));
        AllClose([0, 1, 0, 1, 0, 0], ToDoubles(subspace.Components), 1e-12);
        var flipped = BiasSubspace.FromDirections(ToTensor([[0, -3, 0], [-1, 1, 0]]));
        AllClose([0, -1, 0, -1, 0, 0], ToDoubles(flipped.Components), 1e-12);
        var directions = Naive.Gaussian(3, Dimension, seed: 17);
        var random = BiasSubspace.FromDirections(ToTensor(directions));
        Assert.True(Naive.MaxAbsDifference(Naive.GramSchmidt(directions), ToRows(random.Components)) < 1e-10);
        Assert.All(random.ExplainedVarianceRatio, r => Assert.True(double.IsNaN(r)));
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.FromDirections(ToTensor([[1, 1, 0], [2, 2, 0]]))).ParamName);
        Assert.Equal("directions", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.FromDirections(null!)).ParamName);
    }

    [Fact]
    public void Missing_words_are_named()
    {
        var embeddings = Naive.Vocabulary(["she", "he"], Naive.Gaussian(2, 3, seed: 11));
        var error = Assert.Throws<MissingWordsException>(() => BiasSubspace.Fit(embeddings, [["she", "he"], ["her", "him"]]));
        Assert.Equal(["her", "him"], error.Words);
        Assert.Contains("'her'", error.Message);
    }

    [Fact]
    public void Rejects_bad_defining_sets_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var good = ToTensor(Naive.Gaussian(2, 3, seed: 12));
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit((IReadOnlyList<Tensor>)null!)).ParamName);
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit(new List<Tensor>())).ParamName);
        // A set with one word has no direction.
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([good, ToTensor([[1, 2, 3]])])).ParamName);
        // Singular: every set's words are equal.
        Assert.Equal("definingSets", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([ToTensor([[1, 2, 3], [1, 2, 3]]), ToTensor([[0, 1, 0], [0, 1, 0]])])).ParamName);
        // Mismatched dimensions, NaN, wrong dtype, wrong rank: the offending set is named.
        Assert.Equal("definingSets[1]", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([good, ToTensor([[1, 2], [3, 4]])])).ParamName);
        Assert.Equal("definingSets[1]", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([good, ToTensor([[1, double.NaN, 3], [3, 4, 5]])])).ParamName);
        Assert.Equal("definingSets[0]", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [2, 3])])).ParamName);
        Assert.Equal("definingSets[0]", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit([tensor(new double[] { 1, 2, 3 })])).ParamName);
        // k outside [1, rank]: two pairs give a set-centred stack of rank 2.
        var twoPairs = new[] { ToTensor([[1, 0, 0], [0, 1, 0]]), ToTensor([[0, 0, 1], [0, 0, -1]]) };
        Assert.Equal(2, BiasSubspace.Fit(twoPairs, k: 2).K);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit(twoPairs, k: 3)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit(twoPairs, k: 0)).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => BiasSubspace.Fit((WordEmbeddings)null!, [["a", "b"]])).ParamName);
    }

    [Fact]
    public void Rejects_vectors_of_another_dimension()
    {
        using var scope = NewDisposeScope();
        var subspace = BiasSubspace.Fit(Tensors(Pairs(3, seed: 13)));
        var wrong = ToTensor(Naive.Gaussian(2, Dimension - 1, seed: 14));
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => subspace.Coordinates(wrong)).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => subspace.Project(wrong)).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => subspace.Transform(wrong)).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => subspace.Transform(null!)).ParamName);
    }

    [Fact]
    public void Leaves_only_its_result()
    {
        using var scope = NewDisposeScope();
        var sets = Tensors(Pairs(4, seed: 15));
        var subspace = BiasSubspace.Fit(sets);
        var vectors = ToTensor(Naive.Gaussian(5, Dimension, seed: 16), ScalarType.Float32);
        AssertLeavesOnlyItsResult(() => subspace.Transform(vectors));
        AssertLeavesOnlyItsResult(() => subspace.Project(vectors));
        AssertLeavesOnlyItsResult(() => subspace.Coordinates(vectors));
        AssertLeavesOnlyItsResult(() => subspace.Direction());
        // Fitting keeps one tensor alive: the components.
        long before = LiveTensors();
        var fitted = BiasSubspace.Fit(sets, k: 1);
        Assert.Equal(before + 1, LiveTensors());
        fitted.Components.Dispose();
    }
}

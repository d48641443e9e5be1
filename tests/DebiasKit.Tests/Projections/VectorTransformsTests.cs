using DebiasKit.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

/// <summary>The <see cref="VectorTransforms.Transform"/> extension on a vocabulary, and <see cref="global::DebiasKit.Data.WordEmbeddings.WithVectors"/> under it.</summary>
public class VectorTransformsTests
{
    [Fact]
    public void Transforming_a_vocabulary_gives_a_new_one_with_the_transformed_rows()
    {
        using var scope = NewDisposeScope();
        var rows = Naive.Gaussian(5, 4, seed: 1);
        var embeddings = Naive.Vocabulary(["a", "b", "c", "d", "e"], rows);
        var projection = new OrthogonalProjection().Fit(tensor(new double[] { 0, 1, 0, 0 }, [1, 4]));
        long before = LiveTensors();
        var result = projection.Transform(embeddings);
        Assert.Equal(before, LiveTensors());
        Assert.Equal(embeddings.Words, result.Words);
        Assert.Equal(4, result.Dimension);
        var stored = Naive.Rows(embeddings);
        Assert.True(Naive.MaxAbsDifference(stored.Select(r => new[] { r[0], 0, r[2], r[3] }).ToArray(), Naive.Rows(result)) < 1e-7);
        Assert.True(Naive.MaxAbsDifference(rows, stored) < 1e-6);   // the input is unchanged
        Assert.Equal("transform", Assert.ThrowsAny<ArgumentException>(() => ((IVectorTransform)null!).Transform(embeddings)).ParamName);
        Assert.Equal("embeddings", Assert.ThrowsAny<ArgumentException>(() => projection.Transform((global::DebiasKit.Data.WordEmbeddings)null!)).ParamName);
    }

    [Fact]
    public void With_vectors_copies_any_floating_tensor_of_the_right_shape()
    {
        using var scope = NewDisposeScope();
        var embeddings = Naive.Vocabulary(["a", "b"], [[1, 2, 3], [4, 5, 6]]);
        var doubles = ToTensor([[0.5, 0, -1], [2, 3, 4]]);
        var copy = embeddings.WithVectors(doubles);
        Assert.Equal([0.5f, 0f, -1f], copy.Vector("a"));
        Assert.Equal([1f, 2f, 3f], embeddings.Vector("a"));
        doubles[0, 0] = tensor(9.0);
        Assert.Equal(0.5f, copy.Vector("a")[0]);   // a copy, not a view
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => embeddings.WithVectors(ToTensor([[1, 2, 3]]))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => embeddings.WithVectors(ToTensor([[1, 2], [3, 4]]))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => embeddings.WithVectors(tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [2, 3]))).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => embeddings.WithVectors(null!)).ParamName);
    }
}

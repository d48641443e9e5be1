using DebiasKit.Data.Synthetic;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class GaussianClassWorldTests
{
    [Fact]
    public void Sample_has_the_requested_shapes_dtypes_and_class_counts()
    {
        var world = GaussianClassWorld.Create(classes: 3, dimensions: 5, clustersPerClass: 2, separation: 3, seed: 1);
        using var data = world.Sample([7, 0, 4], seed: 2);
        Assert.Equal(new long[] { 11, 5 }, data.Features.shape);
        Assert.Equal(new long[] { 11 }, data.Labels.shape);
        Assert.Equal(ScalarType.Float32, data.Features.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(3, data.Classes);
        Assert.Equal(new long[] { 7, 0, 4 }, data.ClassCounts());
        // Examples come in class order.
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2 }, data.LabelArray());
        Assert.Equal(3, world.Classes);
        Assert.Equal(5, world.Dimensions);
        Assert.Equal(2, world.ClustersPerClass);
        Assert.Equal(3, world.Separation);
    }

    [Fact]
    public void Balanced_sample_has_equal_counts()
    {
        var world = GaussianClassWorld.Create(4, 2, 1, 2, seed: 3);
        using var data = world.SampleBalanced(9, seed: 4);
        Assert.Equal(new long[] { 9, 9, 9, 9 }, data.ClassCounts());
    }

    [Fact]
    public void Same_seeds_give_identical_tensors()
    {
        using var a = GaussianClassWorld.Create(3, 4, 2, 2.5, seed: 10).Sample([20, 10, 5], seed: 11);
        using var b = GaussianClassWorld.Create(3, 4, 2, 2.5, seed: 10).Sample([20, 10, 5], seed: 11);
        Assert.Equal(ToDoubles(a.Features), ToDoubles(b.Features));
        Assert.Equal(a.LabelArray(), b.LabelArray());
    }

    [Fact]
    public void Different_seeds_give_different_samples()
    {
        var world = GaussianClassWorld.Create(3, 4, 2, 2.5, seed: 10);
        using var first = world.Sample([20, 10, 5], seed: 11);
        using var otherSample = world.Sample([20, 10, 5], seed: 12);
        using var otherWorld = GaussianClassWorld.Create(3, 4, 2, 2.5, seed: 99).Sample([20, 10, 5], seed: 11);
        Assert.NotEqual(ToDoubles(first.Features), ToDoubles(otherSample.Features));
        Assert.NotEqual(ToDoubles(first.Features), ToDoubles(otherWorld.Features));
    }

    [Fact]
    public void Class_means_lie_at_the_separation_radius_with_unit_noise()
    {
        // One cluster per class: each class mean estimates its centre, which lies at distance `separation` from the
        // origin; the spread around it is standard normal in every dimension.
        const int perClass = 20_000, dims = 3;
        const double separation = 2.5;
        var world = GaussianClassWorld.Create(classes: 2, dimensions: dims, clustersPerClass: 1, separation, seed: 5);
        using var data = world.SampleBalanced(perClass, seed: 6);
        var x = ToDoubles(data.Features);
        var labels = data.LabelArray();
        for (int c = 0; c < 2; c++)
        {
            var mean = new double[dims];
            int n = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != c) continue;
                n++;
                for (int d = 0; d < dims; d++) mean[d] += x[i * dims + d];
            }
            for (int d = 0; d < dims; d++) mean[d] /= n;
            double variance = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != c) continue;
                for (int d = 0; d < dims; d++) variance += Math.Pow(x[i * dims + d] - mean[d], 2);
            }
            variance /= (double)n * dims - 1;
            // The mean's error has sd 1/√20000 ≈ 0.007 per dimension; the variance's about 0.01.
            Assert.Equal(separation, Math.Sqrt(mean.Sum(v => v * v)), 0.05);
            Assert.Equal(1.0, variance, 0.05);
        }
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => GaussianClassWorld.Create(1, 2, 1, 1, 0)).ParamName);
        Assert.Equal("dimensions", Assert.ThrowsAny<ArgumentException>(() => GaussianClassWorld.Create(2, 0, 1, 1, 0)).ParamName);
        Assert.Equal("clustersPerClass", Assert.ThrowsAny<ArgumentException>(() => GaussianClassWorld.Create(2, 2, 0, 1, 0)).ParamName);
        Assert.Equal("separation", Assert.ThrowsAny<ArgumentException>(() => GaussianClassWorld.Create(2, 2, 1, 0, 0)).ParamName);
        Assert.Equal("separation", Assert.ThrowsAny<ArgumentException>(() => GaussianClassWorld.Create(2, 2, 1, double.NaN, 0)).ParamName);
        var world = GaussianClassWorld.Create(2, 2, 1, 1, 0);
        Assert.Equal("countsPerClass", Assert.ThrowsAny<ArgumentException>(() => world.Sample([1, 2, 3], 0)).ParamName);
        Assert.Equal("countsPerClass", Assert.ThrowsAny<ArgumentException>(() => world.Sample([1, -2], 0)).ParamName);
        Assert.Equal("countsPerClass", Assert.ThrowsAny<ArgumentException>(() => world.Sample(null!, 0)).ParamName);
    }
}

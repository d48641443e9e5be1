using DebiasKit.Data;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Data;

public class ClassificationDataTests
{
    private static ClassificationData Example() => new(
        tensor(Enumerable.Range(0, 12).Select(v => (float)v).ToArray(), [6, 2]),
        tensor(new long[] { 0, 2, 1, 2, 2, 0 }),
        classes: 4);

    [Fact]
    public void Exposes_count_classes_labels_and_class_counts()
    {
        using var data = Example();
        Assert.Equal(6, data.Count);
        Assert.Equal(4, data.Classes);
        Assert.Equal(new long[] { 0, 2, 1, 2, 2, 0 }, data.LabelArray());
        Assert.Equal(new long[] { 2, 1, 3, 0 }, data.ClassCounts());
    }

    [Fact]
    public void Subset_takes_the_examples_in_the_given_order()
    {
        using var scope = NewDisposeScope();
        var data = Example();
        var subset = data.Subset([4, 0, 4]);
        Assert.Equal(3, subset.Count);
        Assert.Equal(new long[] { 2, 0, 2 }, subset.LabelArray());
        AllClose([8, 9, 0, 1, 8, 9], ToDoubles(subset.Features), 0);
        Assert.Equal(4, subset.Classes);
        // The source is untouched.
        Assert.Equal(6, data.Count);
        AllClose(Enumerable.Range(0, 12).Select(v => (double)v).ToArray(), ToDoubles(data.Features), 0);
    }

    [Fact]
    public void Subset_rejects_indices_out_of_range()
    {
        using var data = Example();
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => data.Subset([0, 6])).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => data.Subset([-1])).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => data.Subset(null!)).ParamName);
    }

    [Fact]
    public void To_cpu_keeps_the_values()
    {
        using var scope = NewDisposeScope();
        var data = Example();
        var moved = data.To(CPU);
        Assert.Equal(DeviceType.CPU, moved.Features.device_type);
        Assert.Equal(DeviceType.CPU, moved.Labels.device_type);
        Assert.Equal(data.LabelArray(), moved.LabelArray());
        AllClose(ToDoubles(data.Features), ToDoubles(moved.Features), 0);
        Assert.Equal(data.Classes, moved.Classes);
        Assert.Equal("device", Assert.ThrowsAny<ArgumentException>(() => data.To(null!)).ParamName);
    }

    [Fact]
    public void Image_shaped_features_are_accepted()
    {
        using var data = new ClassificationData(zeros(3, 1, 4, 4), tensor(new long[] { 0, 1, 1 }), 2);
        using var subset = data.Subset([2]);
        Assert.Equal(new long[] { 1, 1, 4, 4 }, subset.Features.shape);
    }

    [Fact]
    public void Construction_leaves_no_stray_tensors_alive()
    {
        long before = LiveTensors();
        using (var data = Example())
        {
            Assert.Equal(before + 2, LiveTensors());   // the features and the labels, nothing else
        }
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Rejects_bad_labels_and_arguments()
    {
        using var scope = NewDisposeScope();
        var features = zeros(3, 2);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, tensor(new long[] { 0, 1 }), 2)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, zeros(3, 1, dtype: int64), 2)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, tensor(new int[] { 0, 1, 1 }), 2)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, tensor(new long[] { 0, 2, 1 }), 2)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, tensor(new long[] { 0, -1, 1 }), 2)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, tensor(new long[] { 0, 0, 0 }), 0)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(tensor(1f), tensor(new long[] { 0 }), 2)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(null!, tensor(new long[] { 0 }), 2)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new ClassificationData(features, null!, 2)).ParamName);
    }
}

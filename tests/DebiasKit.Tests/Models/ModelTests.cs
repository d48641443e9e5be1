using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Models;

public class ModelTests
{
    [Fact]
    public void Mlp_outputs_one_row_of_logits_per_example()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(1);
        using var model = new Mlp(inputs: 6, hidden: [16, 8], classes: 4);
        var output = model.forward(randn(5, 6));
        Assert.Equal(new long[] { 5, 4 }, output.shape);
        Assert.Equal(8, model.FeatureWidth);
        Assert.Equal(new long[] { 5, 8 }, model.Features(randn(5, 6)).shape);
    }

    [Fact]
    public void Mlp_without_hidden_layers_is_an_affine_map()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(2);
        using var model = new Mlp(inputs: 3, hidden: [], classes: 2);
        Assert.Equal(3, model.FeatureWidth);
        var parameters = model.parameters().ToList();
        Assert.Equal(2, parameters.Count);   // the head's weight [2, 3] and bias [2]
        var w = ToRows(parameters.Single(p => p.dim() == 2));
        var b = ToDoubles(parameters.Single(p => p.dim() == 1));
        double[][] x = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]];
        var output = ToRows(model.forward(tensor(x.SelectMany(r => r).ToArray(), [2, 3], dtype: float32)));
        for (int i = 0; i < 2; i++)
            for (int c = 0; c < 2; c++)
            {
                double expected = b[c];
                for (int k = 0; k < 3; k++) expected += w[c][k] * x[i][k];
                Assert.Equal(expected, output[i][c], Tolerance);
            }
    }

    [Fact]
    public void Mlp_with_a_cosine_head_outputs_cosines()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(3);
        using var model = new Mlp(inputs: 4, hidden: [12], classes: 5, cosineHead: true);
        var output = ToDoubles(model.forward(randn(50, 4) * 100));
        Assert.Equal(250, output.Length);
        Assert.All(output, v => Assert.InRange(v, -1 - 1e-6, 1 + 1e-6));
        Assert.Contains(output, v => Math.Abs(v) > 0.05);   // not all zero
    }

    [Fact]
    public void Normed_linear_equals_cosine_similarity_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(4);
        using var layer = new NormedLinear(inFeatures: 3, outFeatures: 4);
        Assert.Equal(new long[] { 3, 4 }, layer.Weight.shape);
        var w = ToRows(layer.Weight);   // [in][out]
        // The initial columns have unit norm.
        for (int c = 0; c < 4; c++) Assert.Equal(1.0, Math.Sqrt(Enumerable.Range(0, 3).Sum(k => w[k][c] * w[k][c])), 1e-6);

        double[][] x = [[1, 2, 3], [-0.5, 0.1, 4], [10, -10, 0.5]];
        var output = ToRows(layer.forward(tensor(x.SelectMany(r => r).ToArray(), [3, 3], dtype: float32)));
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 4; c++)
            {
                double dot = 0, xx = 0, ww = 0;
                for (int k = 0; k < 3; k++)
                {
                    dot += x[i][k] * w[k][c];
                    xx += x[i][k] * x[i][k];
                    ww += w[k][c] * w[k][c];
                }
                Assert.Equal(dot / Math.Sqrt(xx * ww), output[i][c], Tolerance);
            }
    }

    [Fact]
    public void Normed_linear_stays_a_cosine_after_its_weight_changes()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(5);
        using var layer = new NormedLinear(2, 2);
        using (no_grad()) layer.Weight.mul_(7.5);   // scaling a class vector must not change the cosines
        var output = ToRows(layer.forward(tensor(new float[] { 3, 4 }, [1, 2])));
        var w = ToRows(layer.Weight);
        for (int c = 0; c < 2; c++)
        {
            double expected = (3 * w[0][c] + 4 * w[1][c]) / (5 * Math.Sqrt(w[0][c] * w[0][c] + w[1][c] * w[1][c]));
            Assert.Equal(expected, output[0][c], Tolerance);
        }
    }

    [Fact]
    public void Small_cnn_maps_28_by_28_images_to_logits()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(6);
        using var model = new SmallCnn(channels: 1, height: 28, width: 28, classes: 10);
        Assert.Equal(new long[] { 3, 10 }, model.forward(randn(3, 1, 28, 28)).shape);
        using var cosine = new SmallCnn(channels: 3, height: 8, width: 12, classes: 2, hidden: 5, cosineHead: true);
        var output = cosine.forward(randn(4, 3, 8, 12));
        Assert.Equal(new long[] { 4, 2 }, output.shape);
        Assert.All(ToDoubles(output), v => Assert.InRange(v, -1 - 1e-6, 1 + 1e-6));
    }

    [Fact]
    public void Constructors_reject_bad_sizes()
    {
        Assert.Equal("inputs", Assert.ThrowsAny<ArgumentException>(() => new Mlp(0, [4], 2)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => new Mlp(3, [4], 0)).ParamName);
        Assert.Equal("hidden[1]", Assert.ThrowsAny<ArgumentException>(() => new Mlp(3, [4, 0], 2)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => new Mlp(3, null!, 2)).ParamName);
        Assert.Equal("inFeatures", Assert.ThrowsAny<ArgumentException>(() => new NormedLinear(0, 2)).ParamName);
        Assert.Equal("outFeatures", Assert.ThrowsAny<ArgumentException>(() => new NormedLinear(2, -1)).ParamName);
        Assert.Equal("height", Assert.ThrowsAny<ArgumentException>(() => new SmallCnn(1, 30, 28, 10)).ParamName);
        Assert.Equal("width", Assert.ThrowsAny<ArgumentException>(() => new SmallCnn(1, 28, 0, 10)).ParamName);
        Assert.Equal("channels", Assert.ThrowsAny<ArgumentException>(() => new SmallCnn(0, 28, 28, 10)).ParamName);
        Assert.Equal("classes", Assert.ThrowsAny<ArgumentException>(() => new SmallCnn(1, 28, 28, 0)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => new SmallCnn(1, 28, 28, 10, hidden: 0)).ParamName);
    }

    [Fact]
    public void Forward_rejects_inputs_of_the_wrong_shape()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(4, [8], 3);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => mlp.forward(zeros(2, 5))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => mlp.forward(tensor(1f))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => mlp.Features(zeros(3, 3))).ParamName);
        using var cosine = new NormedLinear(4, 2);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => cosine.forward(zeros(3, 5))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => cosine.forward(zeros(4))).ParamName);
        using var cnn = new SmallCnn(1, 28, 28, 10);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => cnn.forward(zeros(2, 28, 28))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => cnn.forward(zeros(2, 3, 28, 28))).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => cnn.forward(zeros(2, 1, 32, 32))).ParamName);
    }

    [Fact]
    public void Forward_leaves_no_tensor_alive_but_its_result()
    {
        Seeds.Apply(7);
        using var model = new Mlp(4, [8, 8], 3, cosineHead: true);
        using var x = randn(6, 4);
        AssertLeavesOnlyItsResult(() => model.forward(x));
    }
}

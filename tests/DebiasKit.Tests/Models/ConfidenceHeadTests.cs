using DebiasKit.Models;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Models;

public class ConfidenceHeadTests
{
    [Fact]
    public void Linear_head_is_a_hard_sigmoid_of_an_affine_map()
    {
        using var scope = NewDisposeScope();
        using var head = new ConfidenceHead(2, []);
        var parameters = head.parameters().Select(ToDoubles).ToArray();   // weight [1, 2], bias [1]
        double[] w = parameters[0], b = parameters[1];
        double[][] rows = [[0.3, -0.2], [40, 40], [-40, -40], [1, 2]];
        var expected = rows.Select(r => Math.Clamp((w[0] * r[0] + w[1] * r[1] + b[0]) / 6 + 0.5, 0, 1)).ToArray();
        var output = head.forward(ToTensor(rows, ScalarType.Float32));
        Assert.Equal(new long[] { 4 }, output.shape);
        AllClose(expected, ToDoubles(output), 1e-6);
    }

    [Fact]
    public void Output_lies_in_the_unit_interval()
    {
        using var scope = NewDisposeScope();
        using var head = new ConfidenceHead(5, [8, 8]);
        var output = ToDoubles(head.forward(randn(200, 5) * 50));
        Assert.All(output, c => Assert.InRange(c, 0, 1));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        using var head = new ConfidenceHead(3, [4]);
        Assert.Throws<ArgumentException>("features", () => head.forward(zeros(2, 4)));
        Assert.Throws<ArgumentException>("features", () => head.forward(zeros(3)));
        Assert.Throws<ArgumentOutOfRangeException>("inputs", () => new ConfidenceHead(0, []));
        Assert.Throws<ArgumentOutOfRangeException>("hidden[1]", () => new ConfidenceHead(3, [4, 0]));
    }
}

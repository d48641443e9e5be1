using DebiasKit.Training;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class SeedsTests
{
    [Fact]
    public void Seeds_make_torch_draws_repeatable()
    {
        using var scope = NewDisposeScope();
        Seeds.Apply(123);
        var a = ToDoubles(rand(5));
        Seeds.Apply(123);
        var b = ToDoubles(rand(5));
        Seeds.Apply(124);
        var c = ToDoubles(rand(5));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}

using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests;

public class SmokeTests
{
    [Fact]
    public void Native_libtorch_loads_and_computes()
    {
        using var x = ones(3);
        Assert.Equal(3f, x.sum().item<float>());
    }
}

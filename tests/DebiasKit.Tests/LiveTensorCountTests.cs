using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests;

/// <summary>
/// Checks the measurement the memory tests rely on (<see cref="TestHelpers.LiveTensors"/>) against TorchSharp's
/// bookkeeping in the version this project uses: creating counts, disposing uncounts, and detaching a tensor from its
/// scope keeps it counted as alive until it is disposed.
/// </summary>
public class LiveTensorCountTests
{
    [Fact]
    public void Counts_tensors_created_and_disposed_inside_and_outside_scopes()
    {
        long start = LiveTensors();
        var outside = zeros(2);
        Assert.Equal(start + 1, LiveTensors());
        Tensor kept;
        using (NewDisposeScope())
        {
            _ = ones(3);
            kept = ones(4).DetachFromDisposeScope();
            Assert.Equal(start + 3, LiveTensors());
        }
        Assert.Equal(start + 2, LiveTensors());   // the scope disposed ones(3); the detached tensor lives on
        kept.Dispose();
        outside.Dispose();
        Assert.Equal(start, LiveTensors());
    }
}

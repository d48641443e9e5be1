using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests;

public class DevicesTests
{
    [Fact]
    public void Devices_compare_by_type_and_index()
    {
        // Device objects built directly, so that no CUDA runtime is needed to compare them.
        Assert.True(Devices.Same(CPU, device("cpu")));
        Assert.True(Devices.Same(new Device(DeviceType.CUDA, -1), new Device(DeviceType.CUDA, 0)));   // "cuda" is "cuda:0"
        Assert.False(Devices.Same(new Device(DeviceType.CUDA, 0), new Device(DeviceType.CUDA, 1)));
        Assert.False(Devices.Same(CPU, new Device(DeviceType.CUDA, 0)));
        Assert.Equal("a", Assert.ThrowsAny<ArgumentException>(() => Devices.Same(null!, CPU)).ParamName);
    }
}

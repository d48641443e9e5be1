using DebiasKit.Reporting;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests;

public class KitTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_resolves_to_the_cpu(string name)
    {
        Assert.Equal(DeviceType.CPU, Kit.ResolveDevice(name).type);
    }

    [Fact]
    public void Auto_picks_cuda_only_when_it_is_available()
    {
        var expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, Kit.ResolveDevice("auto").type);
        Assert.Equal(expected, Kit.ResolveDevice().type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Cuda_is_refused_when_it_is_missing(string name)
    {
        if (cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, Kit.ResolveDevice(name).type);
            return;
        }
        var e = Assert.Throws<ArgumentException>(() => Kit.ResolveDevice(name));
        Assert.Equal("device", e.ParamName);
        Assert.Contains("CUDA is not available", e.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("mps")]
    public void Unknown_devices_are_refused(string name)
    {
        Assert.Equal("device", Assert.Throws<ArgumentException>(() => Kit.ResolveDevice(name)).ParamName);
    }

    [Fact]
    public void Null_device_is_refused()
    {
        Assert.Equal("device", Assert.ThrowsAny<ArgumentException>(() => Kit.ResolveDevice(null!)).ParamName);
    }

    [Fact]
    public void Setup_sets_the_torch_thread_count()
    {
        try
        {
            var info = Kit.Setup(2);
            Assert.Equal(2, get_num_threads());
            Assert.Equal(2, info.Threads);
            Assert.Equal(PlotlyJs.Version, info.PlotlyJsVersion);
            Assert.Equal(Kit.Version, info.KitVersion);
            Assert.Contains("2 torch threads", info.ToString());
        }
        finally
        {
            set_num_threads(1);
        }
        Assert.Equal(1, get_num_threads());
    }

    [Fact]
    public void Setup_reads_the_thread_count_from_the_environment()
    {
        try
        {
            WithEnvironment(Kit.ThreadsVariable, "2", () =>
            {
                Assert.Equal(2, Kit.Setup().Threads);
                Assert.Equal(2, get_num_threads());
                // An explicit argument wins over the variable.
                Assert.Equal(1, Kit.Setup(1).Threads);
            });
            // Unset, the default is one thread, whatever torch had before.
            set_num_threads(2);
            WithEnvironment(Kit.ThreadsVariable, null, () => Assert.Equal(1, Kit.Setup().Threads));
            WithEnvironment(Kit.ThreadsVariable, "many", () =>
                Assert.Equal(Kit.ThreadsVariable, Assert.ThrowsAny<ArgumentException>(() => Kit.Setup()).ParamName));
            WithEnvironment(Kit.ThreadsVariable, "0", () =>
                Assert.Equal(Kit.ThreadsVariable, Assert.ThrowsAny<ArgumentException>(() => Kit.Setup()).ParamName));
        }
        finally
        {
            set_num_threads(1);
        }
    }

    [Fact]
    public void Setup_rejects_a_non_positive_thread_count()
    {
        Assert.Equal("threads", Assert.ThrowsAny<ArgumentException>(() => Kit.Setup(0)).ParamName);
        Assert.Equal("threads", Assert.ThrowsAny<ArgumentException>(() => Kit.Setup(-2)).ParamName);
        Assert.Equal(1, get_num_threads());
    }

    [Fact]
    public void Version_has_three_parts()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", Kit.Version);
    }
}

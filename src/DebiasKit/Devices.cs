using static TorchSharp.torch;

namespace DebiasKit;

/// <summary>Device helpers (TorchSharp's Device objects compare by reference, not by value).</summary>
public static class Devices
{
    /// <summary>True when both name the same device type and index.</summary>
    public static bool Same(Device a, Device b)
    {
        Guard.NotNull(a, nameof(a));
        Guard.NotNull(b, nameof(b));
        return a.type == b.type && NormalisedIndex(a) == NormalisedIndex(b);
    }

    // "cuda" and "cuda:0" are the same device when there is one GPU; the CPU has no index.
    private static long NormalisedIndex(Device d) => d.type == TorchSharp.DeviceType.CPU ? 0 : Math.Max(d.index, 0);
}

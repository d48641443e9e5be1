using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit;

/// <summary>
/// The kit's entry point for notebooks. The kit-loading cell of every notebook is
/// <code>
/// #r "../../artifacts/kit/DebiasKit.dll"
/// DebiasKit.Kit.Setup()
/// </code>
/// which sets the torch (and MathNet) thread count and puts plotly.js on the page so that charts draw offline.
/// </summary>
public static class Kit
{
    /// <summary>The environment variable the notebook runner sets to the number of torch threads.</summary>
    public const string ThreadsVariable = "DEBIASKIT_THREADS";

    /// <summary>The kit's version.</summary>
    public static string Version => typeof(Kit).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Prepares a notebook session: sets torch's thread count (from <paramref name="threads"/>, else from
    /// DEBIASKIT_THREADS, else one thread) and returns a banner whose HTML display also loads plotly.js.
    /// One thread by default makes a notebook give in an editor the same numbers as in CI (reductions over several
    /// threads may round differently) and keeps it steady on a busy machine; pass more for speed on a quiet one.
    /// Safe to call more than once.
    /// </summary>
    /// <param name="threads">Torch intra-op threads; null means DEBIASKIT_THREADS, or 1 when that is unset.</param>
    public static KitInfo Setup(int? threads = null)
    {
        int n = threads ?? ThreadsFromEnvironment() ?? 1;
        Guard.Positive(n, nameof(threads));
        torch.set_num_threads(n);
        // MathNet's managed provider otherwise spreads even a 6,000 × 4 matrix–vector product over every core, which on a
        // busy two-core machine made the estimators' small products 50 times slower; the same thread budget as torch.
        MathNet.Numerics.Control.MaxDegreeOfParallelism = n;
        return KitInfo.Describe();
    }

    /// <summary>
    /// The device to compute on: "auto" picks CUDA when torch.cuda.is_available() and the CPU otherwise;
    /// "cpu", "cuda" or "cuda:N" force one (forcing CUDA where it is missing is an error).
    /// </summary>
    public static Device ResolveDevice(string device = "auto")
    {
        Guard.NotNull(device, nameof(device));
        string choice = device.Trim().ToLowerInvariant();
        if (choice == "auto") return cuda.is_available() ? CUDA : CPU;
        if (choice == "cpu") return CPU;
        if (choice.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new ArgumentException(
                    $"device '{device}' was requested but CUDA is not available here (this build uses libtorch for the " +
                    "'cpu' backend, or no NVIDIA driver was found). Use \"auto\" or \"cpu\", or build with -p:TorchBackend=cuda.",
                    nameof(device));
            return torch.device(choice);
        }
        throw new ArgumentException($"device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\"; got '{device}'.", nameof(device));
    }

    private static int? ThreadsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, out int n) && n > 0) return n;
        throw new ArgumentException($"{ThreadsVariable} must be a positive integer; got '{text}'.", ThreadsVariable);
    }

    internal static string PackageVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is not null) return informational.Split('+')[0];
        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}

using System.Runtime.CompilerServices;
using Xunit;

// Torch's global generator and thread pool are process-wide: tests run one at a time, with one torch thread,
// so that seeded results are the same on every run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DebiasKit.Tests;

internal static class TestSetup
{
    [ModuleInitializer]
    internal static void OneTorchThread()
    {
        TorchSharp.torch.set_num_threads(1);
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
    }
}

using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests;

/// <summary>Small utilities shared by the tests: tensor read-out, tolerances, live-tensor counts and the repository root.</summary>
internal static class TestHelpers
{
    /// <summary>The tolerance the project uses for float32 tensor code.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>The values of a tensor of any floating dtype, flattened, as doubles on the host.</summary>
    public static double[] ToDoubles(Tensor t)
    {
        using var host = t.detach().to(float64).cpu().contiguous();
        return host.data<double>().ToArray();
    }

    /// <summary>A [rows, cols] float64 matrix of a tensor, as nested arrays.</summary>
    public static double[][] ToRows(Tensor t)
    {
        var flat = ToDoubles(t);
        long rows = t.shape[0], cols = t.shape[1];
        return Enumerable.Range(0, (int)rows).Select(r => flat.Skip((int)(r * cols)).Take((int)cols).ToArray()).ToArray();
    }

    public static void AllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance})");
    }

    /// <summary>Seeded uniform values in [low, high).</summary>
    public static double[] Uniform(int count, int seed, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    /// <summary>Seeded class labels in [0, classes).</summary>
    public static long[] Labels(int count, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (long)random.Next(classes)).ToArray();
    }

    /// <summary>
    /// Tensors alive on this thread, by TorchSharp's own bookkeeping: (created − disposed) inside and outside dispose
    /// scopes. A tensor detached from a scope is still alive, so detaching does not lower the count.
    /// </summary>
    public static long LiveTensors() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    /// <summary>Asserts that <paramref name="compute"/> leaves exactly one new tensor alive, its result, and nothing once that is disposed.</summary>
    public static void AssertLeavesOnlyItsResult(Func<Tensor> compute)
    {
        long before = LiveTensors();
        var result = compute();
        Assert.Equal(before + 1, LiveTensors());
        result.Dispose();
        Assert.Equal(before, LiveTensors());
    }

    /// <summary>Central finite differences of <paramref name="f"/> with respect to every entry of <paramref name="rows"/>, row-major.</summary>
    public static double[] NumericGradient(double[][] rows, Func<double[][], double> f, double h = 1e-6)
    {
        var gradient = new List<double>();
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++)
            {
                var plus = rows.Select(r => r.ToArray()).ToArray(); plus[i][j] += h;
                var minus = rows.Select(r => r.ToArray()).ToArray(); minus[i][j] -= h;
                gradient.Add((f(plus) - f(minus)) / (2 * h));
            }
        return gradient.ToArray();
    }

    /// <summary>What a loss with <paramref name="reduction"/> returns, from reference per-example losses: all of them (None), their mean, or their sum.</summary>
    public static double[] Reduced(double[] perExample, TorchSharp.torch.nn.Reduction reduction) => reduction switch
    {
        TorchSharp.torch.nn.Reduction.None => perExample,
        TorchSharp.torch.nn.Reduction.Mean => [perExample.Average()],
        _ => [perExample.Sum()],
    };

    /// <summary>A seeded batch: logits [n, classes] uniform in [low, high), as rows of doubles, and class targets.</summary>
    public static (double[][] Rows, long[] Targets) Batch(int n, int classes, int seed, double low = -1, double high = 1)
    {
        var flat = Uniform(n * classes, seed, low, high);
        var rows = Enumerable.Range(0, n).Select(i => flat.Skip(i * classes).Take(classes).ToArray()).ToArray();
        return (rows, Labels(n, classes, seed + 1));
    }

    /// <summary>Rows of doubles as a [rows, columns] tensor.</summary>
    public static Tensor ToTensor(double[][] rows, ScalarType dtype = ScalarType.Float64, bool requiresGrad = false) =>
        tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length], dtype: dtype, requires_grad: requiresGrad);

    /// <summary>
    /// Central differences of <paramref name="objective"/> with respect to every entry of <paramref name="rows"/>, in row
    /// order: the numerical gradient that gradient checks compare autograd with. The rows are not modified (the same as NumericGradient, as a list).
    /// </summary>
    public static List<double> CentralDifferences(double[][] rows, Func<double[][], double> objective, double h = 1e-6)
        => NumericGradient(rows, objective, h).ToList();

    /// <summary>The folder that holds Notebooks.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Notebooks.sln")))
            folder = folder.Parent;
        Assert.True(folder is not null, "Notebooks.sln not found above the test binaries.");
        return folder!.FullName;
    }

    /// <summary>Runs <paramref name="body"/> with an environment variable set, restoring its earlier value afterwards.</summary>
    public static void WithEnvironment(string name, string? value, Action body)
    {
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try { body(); }
        finally { Environment.SetEnvironmentVariable(name, previous); }
    }

    /// <summary>A fresh temporary folder, deleted with its contents when disposed.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "debiaskit-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The gradient of <paramref name="loss"/> with respect to <paramref name="parameters"/>, flattened in order.</summary>
    public static double[] Gradient(Func<Tensor> loss, Tensor[] parameters)
    {
        using var scope = NewDisposeScope();
        return autograd.grad([loss()], parameters).SelectMany(ToDoubles).ToArray();
    }

    /// <summary>
    /// The Hessian of <paramref name="loss"/> over all entries of <paramref name="parameters"/>, column j by central
    /// differences of the gradient: (∇L(w + h·e_j) − ∇L(w − h·e_j)) / 2h. The parameters are restored afterwards.
    /// </summary>
    public static Matrix<double> FiniteDifferenceHessian(Func<Tensor> loss, Tensor[] parameters, double h = 1e-5)
    {
        var flat = parameters.SelectMany(p => Enumerable.Range(0, (int)p.numel()).Select(i => (p, i))).ToArray();
        int n = flat.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
        {
            var (p, i) = flat[j];
            using (no_grad()) using (var view = p.view(-1)) view[i].add_(h);
            var up = Gradient(loss, parameters);
            using (no_grad()) using (var view = p.view(-1)) view[i].add_(-2 * h);
            var down = Gradient(loss, parameters);
            using (no_grad()) using (var view = p.view(-1)) view[i].add_(h);
            for (int r = 0; r < n; r++) hessian[r, j] = (up[r] - down[r]) / (2 * h);
        }
        return hessian;
    }
}

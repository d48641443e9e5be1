using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DebiasKit.Benchmarks;

// Benchmarks of the kit. See DebiasKit.Benchmarks.csproj for the commands and README.md for the targets.
string what = args.FirstOrDefault() ?? "help";
switch (what)
{
    case "training":
        // In-process: the benchmark uses the TorchSharp natives already patched in this output folder.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3).WithIterationCount(15).WithId("in-process"))
            .WithArtifactsPath(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "benchmarks", "BenchmarkDotNet"));
        BenchmarkRunner.Run<TrainingLoopBenchmark>(config, args.Skip(1).ToArray());
        return 0;
    case "data":
        // Each loader's time; a first (cold) call also hashes the file, later calls only read and parse it.
        DataLoaderBenchmark.PrintFirstCalls();
        var dataConfig = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(1).WithIterationCount(5).WithId("in-process"))
            .WithArtifactsPath(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "benchmarks", "BenchmarkDotNet"));
        BenchmarkRunner.Run<DataLoaderBenchmark>(dataConfig, args.Skip(1).ToArray());
        return 0;
    case "projections":
        // The closed-form projections on the 50k × 100 GloVe matrix, in-process (target: each at most 20 ms).
        var projectionsConfig = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(10).WithIterationCount(20).WithId("in-process"))
            .WithArtifactsPath(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "benchmarks", "BenchmarkDotNet"));
        BenchmarkRunner.Run<ProjectionsBenchmark>(projectionsConfig, args.Skip(1).ToArray());
        return 0;
    case "estimators":
        // PPI and DSL for a mean on 10^7 rows, in-process (target: each at most 0.05 s).
        var estimatorsConfig = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5).WithIterationCount(15).WithId("in-process"))
            .WithArtifactsPath(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "benchmarks", "BenchmarkDotNet"));
        BenchmarkRunner.Run<EstimatorsBenchmark>(estimatorsConfig, args.Skip(1).ToArray());
        return 0;
    case "runner":
        return await RunnerBenchmark.RunAsync(args.Skip(1).ToArray());
    case "suite":
        return await SuiteBenchmark.RunAsync(args.Skip(1).ToArray());
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/DebiasKit.Benchmarks -- training | data | projections | estimators | runner [repeats] | suite");
        return what == "help" ? 0 : 2;
}

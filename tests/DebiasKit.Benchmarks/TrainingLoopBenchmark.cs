using BenchmarkDotNet.Attributes;
using DebiasKit.Data;
using DebiasKit.Data.Synthetic;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Benchmarks;

/// <summary>
/// The kit's training loop (<see cref="Trainer.Fit"/>) against the loop a TorchSharp user would write by hand, on the
/// same model, data, optimiser, batches and seed (the workload of notebook 034's ci profile: a 32-64-64-10 MLP on 2,466
/// long-tailed examples, batch 128, 5 epochs). Target: the kit's loop takes at most 1.05 times the hand-written one.
/// </summary>
[MemoryDiagnoser]
public class TrainingLoopBenchmark
{
    private const int Epochs = 5, BatchSize = 128, Seed = 0;
    private ClassificationData data = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var world = GaussianClassWorld.Create(10, 32, 2, 4.0, seed: 1234);
        data = world.Sample(LongTail.ExponentialCounts(10, 1000, 100), seed: 1);
    }

    [GlobalCleanup]
    public void Cleanup() => data.Dispose();

    private static Mlp NewModel()
    {
        Seeds.Apply(Seed);
        return new Mlp(32, [64, 64], 10);
    }

    [Benchmark(Baseline = true, Description = "hand-written TorchSharp loop")]
    public void HandWritten()
    {
        using var model = NewModel();
        using var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9, weight_decay: 2e-4);
        using var shuffle = new Generator(Seed);
        long n = data.Count;
        model.train();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(n, generator: shuffle);
            for (long start = 0; start < n; start += BatchSize)
            {
                using var step = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(BatchSize, n - start));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(data.Features.index_select(0, index)), data.Labels.index_select(0, index));
                loss.backward();
                optimizer.step();
            }
        }
    }

    [Benchmark(Description = "DebiasKit Trainer.Fit")]
    public void Kit()
    {
        using var model = NewModel();
        Trainer.Fit(model, data, (logits, y, _) => nn.functional.cross_entropy(logits, y),
            new TrainOptions { Epochs = Epochs, BatchSize = BatchSize, LearningRate = 0.1, Momentum = 0.9, WeightDecay = 2e-4, Seed = Seed });
    }
}

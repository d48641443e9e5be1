using DebiasKit.Data;
using DebiasKit.Data.Synthetic;
using DebiasKit.Metrics;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class TrainerTests
{
    private static readonly GaussianClassWorld World = GaussianClassWorld.Create(classes: 3, dimensions: 4, clustersPerClass: 1, separation: 8, seed: 1);

    private static Tensor CrossEntropy(Tensor logits, Tensor targets, int epoch) => nn.functional.cross_entropy(logits, targets);

    private static (Mlp Model, TrainingHistory History) TrainSmallModel(ClassificationData train, int seed, int epochs = 10,
        Action<EpochReport>? progress = null, LossFunction? loss = null)
    {
        Seeds.Apply(seed);
        var model = new Mlp(4, [16], 3);
        var history = Trainer.Fit(model, train, loss ?? CrossEntropy,
            new TrainOptions { Epochs = epochs, BatchSize = 32, LearningRate = 0.05, Seed = seed }, progress);
        return (model, history);
    }

    [Fact]
    public void Fit_lowers_the_loss_and_separates_separable_classes()
    {
        using var train = World.SampleBalanced(100, seed: 2);
        using var test = World.SampleBalanced(200, seed: 3);
        var (model, history) = TrainSmallModel(train, seed: 4, epochs: 15);
        using (model)
        {
            Assert.Equal(15, history.Epochs.Count);
            Assert.True(history.FinalLoss < 0.25 * history.Epochs[0].MeanLoss,
                $"loss went from {history.Epochs[0].MeanLoss} to {history.FinalLoss}");
            double accuracy = ClassificationMetrics.Accuracy(Trainer.Predict(model, test.Features), test.LabelArray());
            Assert.True(accuracy > 0.95, $"test accuracy {accuracy}");
            Assert.False(model.training);   // left in evaluation mode
            Assert.Equal(Enumerable.Range(0, 15), history.Epochs.Select(e => e.Epoch));
            Assert.All(history.Epochs, e => Assert.Equal(15, e.Epochs));
        }
    }

    [Fact]
    public void Same_seed_gives_bit_identical_predictions()
    {
        using var train = World.SampleBalanced(60, seed: 5);
        using var test = World.SampleBalanced(30, seed: 6);
        float[] Run()
        {
            var (model, _) = TrainSmallModel(train, seed: 7, epochs: 5);
            using (model)
            using (var p = Trainer.PredictProbabilities(model, test.Features))
                return p.data<float>().ToArray();
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first, second);   // exact equality of every float

        var (other, _) = TrainSmallModel(train, seed: 8, epochs: 5);
        using (other)
        using (var p = Trainer.PredictProbabilities(other, test.Features))
            Assert.NotEqual(first, p.data<float>().ToArray());   // the seed matters
    }

    [Fact]
    public void Live_tensor_count_stays_flat_over_epochs()
    {
        using var train = World.SampleBalanced(50, seed: 9);
        var live = new Dictionary<int, long>();
        var (model, _) = TrainSmallModel(train, seed: 10, epochs: 20, progress: r => live[r.Epoch] = LiveTensors());
        model.Dispose();
        Assert.Equal(20, live.Count);
        Assert.Equal(live[1], live[19]);   // after epoch 2 and after epoch 20
    }

    [Fact]
    public void Live_tensor_count_detects_a_leaking_loss()
    {
        // Control for the test above: a loss that keeps one tensor per step makes the count grow.
        using var train = World.SampleBalanced(50, seed: 9);
        var leaked = new List<Tensor>();
        Tensor LeakingLoss(Tensor logits, Tensor targets, int epoch)
        {
            var loss = nn.functional.cross_entropy(logits, targets);
            leaked.Add(loss.detach().DetachFromDisposeScope());
            return loss;
        }
        var live = new Dictionary<int, long>();
        var (model, _) = TrainSmallModel(train, seed: 10, epochs: 5, progress: r => live[r.Epoch] = LiveTensors(), loss: LeakingLoss);
        model.Dispose();
        Assert.True(live[4] > live[1], $"live tensors after epoch 2: {live[1]}, after epoch 5: {live[4]}");
        Assert.Equal(leaked.Count / 5 * 3, live[4] - live[1]);   // exactly the kept tensors
        foreach (var t in leaked) t.Dispose();
    }

    [Fact]
    public void Reports_the_scheduled_learning_rate_and_calls_progress_each_epoch()
    {
        using var train = World.SampleBalanced(20, seed: 11);
        Seeds.Apply(12);
        using var model = new Mlp(4, [], 3);
        var schedule = Schedules.WarmupThenStep(0.1, 2, [3], [0.1]);
        var reports = new List<EpochReport>();
        var history = Trainer.Fit(model, train, CrossEntropy, new TrainOptions { Epochs = 5, BatchSize = 16, Schedule = schedule }, reports.Add);
        Assert.Equal(history.Epochs, reports);
        Assert.Equal(Enumerable.Range(0, 5).Select(e => schedule(e)), reports.Select(r => r.LearningRate));
        Assert.True(history.Elapsed >= reports[0].Elapsed);
    }

    [Fact]
    public void Adam_also_trains()
    {
        using var train = World.SampleBalanced(60, seed: 13);
        Seeds.Apply(14);
        using var model = new Mlp(4, [16], 3);
        var history = Trainer.Fit(model, train, CrossEntropy,
            new TrainOptions { Epochs = 10, BatchSize = 32, LearningRate = 0.01, Optimizer = OptimizerKind.Adam });
        Assert.True(history.FinalLoss < history.Epochs[0].MeanLoss);
    }

    [Fact]
    public void A_nan_loss_stops_training_naming_the_epoch()
    {
        using var train = World.SampleBalanced(20, seed: 15);
        Seeds.Apply(16);
        using var model = new Mlp(4, [8], 3);
        // Finite for the first two epochs (0-based 0 and 1), NaN from the third on.
        Tensor Diverging(Tensor logits, Tensor targets, int epoch) =>
            nn.functional.cross_entropy(logits, targets) * (epoch < 2 ? 1.0 : double.NaN);
        var reports = new List<EpochReport>();
        var e = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Fit(model, train, Diverging, new TrainOptions { Epochs = 5, BatchSize = 8 }, reports.Add));
        Assert.Contains("epoch 3", e.Message);
        Assert.Equal(2, e.Epoch);
        Assert.True(double.IsNaN(e.MeanLoss));
        Assert.IsAssignableFrom<InvalidOperationException>(e);   // callers that catch InvalidOperationException still do
        Assert.Equal(2, reports.Count);
        Assert.False(model.training);
    }

    [Fact]
    public void Rejects_bad_options_naming_the_option()
    {
        using var train = World.SampleBalanced(10, seed: 17);
        using var model = new Mlp(4, [], 3);
        string? NameOf(TrainOptions options) =>
            Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, train, CrossEntropy, options)).ParamName;
        Assert.Equal("Epochs", NameOf(new TrainOptions { Epochs = 0 }));
        Assert.Equal("BatchSize", NameOf(new TrainOptions { BatchSize = 0 }));
        Assert.Equal("LearningRate", NameOf(new TrainOptions { LearningRate = 0 }));
        Assert.Equal("Momentum", NameOf(new TrainOptions { Momentum = -0.1 }));
        Assert.Equal("WeightDecay", NameOf(new TrainOptions { WeightDecay = double.NaN }));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        using var scope = NewDisposeScope();
        using var train = World.SampleBalanced(10, seed: 18);
        using var model = new Mlp(4, [], 3);
        var options = new TrainOptions { Epochs = 1 };
        Assert.Equal("model", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(null!, train, CrossEntropy, options)).ParamName);
        Assert.Equal("data", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, (ClassificationData)null!, CrossEntropy, options)).ParamName);
        Assert.Equal("loss", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, train, null!, options)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, train, CrossEntropy, null!)).ParamName);
        using var empty = new ClassificationData(zeros(0, 4), zeros(0, dtype: int64), 3);
        Assert.Equal("data", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, empty, CrossEntropy, options)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => Trainer.Predict(model, train.Features, batchSize: 0)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => Trainer.PredictProbabilities(model, null!)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => Trainer.Predict(model, zeros(0, 4))).ParamName);
    }

    [Fact]
    public void The_row_lookup_overload_runs_the_same_loop_and_hands_each_example_out_once_per_epoch()
    {
        using var scope = NewDisposeScope();
        using var train = World.SampleBalanced(30, seed: 20);   // 90 examples: batches 32 + 32 + 26
        var options = new TrainOptions { Epochs = 3, BatchSize = 32, LearningRate = 0.05, Seed = 21 };
        Seeds.Apply(22);
        var byLabels = new Mlp(4, [16], 3);
        Trainer.Fit(byLabels, train, CrossEntropy, options);

        // The same run with the loss looking the labels up by row: the same batches, so the same weights.
        Seeds.Apply(22);
        var byRows = new Mlp(4, [16], 3);
        var seen = new int[3][];
        for (int e = 0; e < 3; e++) seen[e] = new int[train.Count];
        Trainer.Fit(byRows, train.Features, (logits, rows, epoch) =>
        {
            Assert.Equal(int64, rows.dtype);
            foreach (var row in rows.data<long>()) seen[epoch][row]++;
            return nn.functional.cross_entropy(logits, train.Labels.index_select(0, rows));
        }, options);
        Assert.All(seen, counts => Assert.All(counts, c => Assert.Equal(1, c)));
        var expected = byLabels.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        var actual = byRows.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        Assert.Equal(expected, actual);

        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(byRows, zeros(0, 4), (z, r, e) => z.sum(), options)).ParamName);
        Assert.Equal("loss", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(byRows, train.Features, (RowLossFunction)null!, options)).ParamName);
        Assert.Equal("loss", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(byRows, train.Features, (z, r, e) => z.sum(1), options)).ParamName);
    }

    [Fact]
    public void A_loss_that_is_not_a_scalar_is_refused_naming_the_loss()
    {
        using var scope = NewDisposeScope();
        using var train = World.SampleBalanced(10, seed: 18);
        using var model = new Mlp(4, [], 3);
        LossFunction perExample = (logits, y, _) => nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None);
        var e = Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, train, perExample, new TrainOptions { Epochs = 1 }));
        Assert.Equal("loss", e.ParamName);
        Assert.Contains("scalar", e.Message);
    }

    [Fact]
    public void Predictions_have_the_right_shape_and_probabilities_sum_to_one()
    {
        using var scope = NewDisposeScope();
        using var data = World.SampleBalanced(7, seed: 19);   // 21 examples
        Seeds.Apply(20);
        using var model = new Mlp(4, [8], 3);
        var probabilities = Trainer.PredictProbabilities(model, data.Features);
        Assert.Equal(new long[] { 21, 3 }, probabilities.shape);
        Assert.Equal(ScalarType.Float32, probabilities.dtype);
        Assert.Equal(DeviceType.CPU, probabilities.device_type);
        var rows = ToRows(probabilities);
        Assert.All(rows, r => Assert.Equal(1.0, r.Sum(), Tolerance));
        Assert.All(rows.SelectMany(r => r), p => Assert.InRange(p, 0, 1));

        var predicted = Trainer.Predict(model, data.Features);
        Assert.Equal(rows.Select(r => (long)Array.IndexOf(r, r.Max())), predicted);

        // Batching does not change the answer.
        var batched = Trainer.PredictProbabilities(model, data.Features, batchSize: 5);
        AllClose(ToDoubles(probabilities), ToDoubles(batched), 1e-6);
        Assert.Equal(predicted, Trainer.Predict(model, data.Features, batchSize: 4));
    }

    [Fact]
    public void Print_progress_writes_every_n_epochs_and_the_last()
    {
        var writer = new StringWriter();
        var print = TrainingProgress.Print(every: 4, writer);
        for (int epoch = 0; epoch < 10; epoch++) print(new EpochReport(epoch, 10, 0.5, 0.1, TimeSpan.FromSeconds(epoch)));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);   // epochs 4, 8 and 10
        Assert.StartsWith("epoch 4/10", lines[0]);
        Assert.StartsWith("epoch 8/10", lines[1]);
        Assert.StartsWith("epoch 10/10", lines[2]);
        Assert.Equal("every", Assert.ThrowsAny<ArgumentException>(() => TrainingProgress.Print(0)).ParamName);
    }
}

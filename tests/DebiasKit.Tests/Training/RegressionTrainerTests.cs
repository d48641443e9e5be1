using DebiasKit.Losses;
using DebiasKit.Metrics;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class RegressionTrainerTests
{
    // y = x·w + 0.1·noise on 4 features; the first `outliers` examples get +8 added to their targets.
    private static (Tensor X, Tensor Y, double[] W) Linear(int n, int outliers, int seed)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var w = new[] { 1.0, -2.0, 0.5, 0.0 };
        var x = new double[n, 4];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 4; j++) x[i, j] = Gauss();
            y[i] = Enumerable.Range(0, 4).Sum(j => x[i, j] * w[j]) + 0.1 * Gauss() + (i < outliers ? 8 : 0);
        }
        return (tensor(x, float32), tensor(y, float32), w);
    }

    private static RegressionBatchLoss Mse(Tensor p, Tensor y, int epoch) => new(nn.functional.mse_loss(p, y));

    [Fact]
    public void Mse_training_recovers_a_linear_model_and_sees_every_example_once_per_epoch()
    {
        using var scope = NewDisposeScope();
        var (x, y, w) = Linear(200, 0, seed: 1);
        Seeds.Apply(2);
        var model = nn.Linear(4, 1);
        var tracker = new MaskTracker(200);
        var history = RegressionTrainer.Fit(model, x, y, Mse,
            new TrainOptions { Epochs = 60, BatchSize = 32, Optimizer = OptimizerKind.Adam, LearningRate = 0.05, WeightDecay = 0, Seed = 3 }, tracker);
        Assert.Equal(60, history.Epochs.Count);
        var learnt = TestHelpers.ToDoubles(model.weight!);
        TestHelpers.AllClose(w, learnt, 0.05);
        Assert.All(tracker.Seen, s => Assert.Equal(60, s));
        Assert.All(tracker.Masked, m => Assert.Equal(0, m));   // a loss with no mask masks nothing
        var predicted = RegressionTrainer.Predict(model, x);
        Assert.Equal(200, predicted.Length);
    }

    [Fact]
    public void Z_error_masks_flag_the_gross_outliers_and_keep_their_pull_off_the_fit()
    {
        using var scope = NewDisposeScope();
        var (x, y, w) = Linear(300, 30, seed: 4);   // 10 % of targets shifted by +8 (80 noise sd)
        var outliers = Enumerable.Range(0, 30).Select(i => (long)i).ToArray();
        var options = new TrainOptions { Epochs = 40, BatchSize = 50, Optimizer = OptimizerKind.Adam, LearningRate = 0.05, WeightDecay = 0, Seed = 5 };

        Seeds.Apply(6);
        var zModel = nn.Linear(4, 1);
        var tracker = new MaskTracker(300);
        RegressionTrainer.Fit(zModel, x, y, (p, t, e) => new(Functional.ZErrorLoss(p, t, out var kept, 2.0), kept), options, tracker);
        var detection = SetDetection.Score(tracker.Flagged(0.5), outliers);
        Assert.True(detection.Recall >= 0.9 && detection.Precision >= 0.9, $"precision {detection.Precision}, recall {detection.Recall}");

        Seeds.Apply(6);
        var mseModel = nn.Linear(4, 1);
        RegressionTrainer.Fit(mseModel, x, y, Mse, options);
        // MSE's intercept absorbs the outliers' mean shift (about 10 % × 8 = 0.8); Z-error's stays near 0.
        double zBias = zModel.bias!.item<float>(), mseBias = mseModel.bias!.item<float>();
        Assert.True(Math.Abs(zBias) < 0.2 && mseBias > 0.5, $"bias: Z-error {zBias}, MSE {mseBias}");
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var (x, y, _) = Linear(10, 0, seed: 7);
        var model = nn.Linear(4, 1);
        var options = new TrainOptions { Epochs = 1, BatchSize = 4 };
        Assert.Throws<ArgumentException>("targets", () => RegressionTrainer.Fit(model, x, y.narrow(0, 0, 9), Mse, options));
        Assert.Throws<ArgumentException>("targets", () => RegressionTrainer.Fit(model, x, y.to(int64), Mse, options));
        Assert.Throws<ArgumentException>("tracker", () => RegressionTrainer.Fit(model, x, y, Mse, options, new MaskTracker(11)));
        Assert.Throws<ArgumentException>("options", () => RegressionTrainer.Fit(model, x, y, Mse, options with { SamRho = 0.05 }));
        Assert.Throws<ArgumentException>("model", () => RegressionTrainer.Fit(nn.Linear(4, 2), x, y, Mse, options));
        Assert.Throws<ArgumentException>("loss", () => RegressionTrainer.Fit(model, x, y, (p, t, e) => new(p - t), options));
        Assert.Throws<ArgumentException>("features", () => RegressionTrainer.Predict(model, zeros(0, 4)));
    }
}

using DebiasKit.Losses;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class MultiLabelTrainingTests
{
    private static (Tensor Features, Tensor Targets) Problem(int n, int seed)
    {
        var x = ToTensor(Enumerable.Range(0, n).Select(i => Uniform(3, seed + i, -2, 2)).ToArray(), float32);
        var y = x.gt(0).to(float32);   // label j present when feature j is positive
        return (x, y);
    }

    [Fact]
    public void One_full_batch_epoch_is_one_gradient_step_on_the_whole_target_matrix()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Problem(10, seed: 1);
        Seeds.Apply(3);
        var model = nn.Linear(3, 3);
        var w0 = model.weight!.detach().clone();
        var b0 = model.bias!.detach().clone();
        // Reference: the same step by hand, w ← w − η ∇_w ASL(x wᵀ + b, y).
        var w = w0.clone().requires_grad_(true);
        var b = b0.clone().requires_grad_(true);
        Functional.AsymmetricLoss(x.matmul(w.t()) + b, y).backward();
        double rate = 0.01;
        var expectedW = w0 - rate * w.grad!;
        var expectedB = b0 - rate * b.grad!;

        var options = new TrainOptions { Epochs = 1, BatchSize = 10, LearningRate = rate, Momentum = 0, WeightDecay = 0, Seed = 5 };
        MultiLabelTraining.Fit(model, x, y, (logits, targets, epoch) => Functional.AsymmetricLoss(logits, targets), options);
        AllClose(ToDoubles(expectedW), ToDoubles(model.weight!), 1e-6);
        AllClose(ToDoubles(expectedB), ToDoubles(model.bias!), 1e-6);
    }

    [Fact]
    public void Each_mini_batch_receives_the_target_rows_of_its_own_examples()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Problem(23, seed: 2);
        var model = nn.Linear(3, 3);
        using (no_grad())
        {
            model.weight!.copy_(eye(3));   // logits = features, so a batch's targets must equal its logits > 0
            model.bias!.zero_();
        }
        int batches = 0;
        var options = new TrainOptions { Epochs = 2, BatchSize = 4, LearningRate = 1e-12, Momentum = 0, WeightDecay = 0, Seed = 7 };
        MultiLabelTraining.Fit(model, x, y, (logits, targets, epoch) =>
        {
            batches++;
            Assert.Equal(logits.shape, targets.shape);
            Assert.True(logits.detach().gt(0).to(float32).eq(targets).all().item<bool>());
            return Functional.AsymmetricLoss(logits, targets);
        }, options);
        Assert.Equal(2 * 6, batches);   // ⌈23 / 4⌉ = 6 batches per epoch
    }

    [Fact]
    public void Training_separates_a_separable_multi_label_problem_and_scores_are_sigmoids_in_batches()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Problem(200, seed: 3);
        Seeds.Apply(1);
        var model = nn.Linear(3, 3);
        var options = new TrainOptions { Epochs = 20, BatchSize = 32, LearningRate = 0.05, Optimizer = OptimizerKind.Adam, WeightDecay = 0, Seed = 1 };
        var history = MultiLabelTraining.Fit(model, x, y, (logits, targets, epoch) => nn.functional.binary_cross_entropy_with_logits(logits, targets), options);
        Assert.True(history.FinalLoss < 0.5 * history.Epochs[0].MeanLoss);
        var scores = MultiLabelTraining.PredictScores(model, x, batchSize: 7);
        Assert.Equal(ScalarType.Float32, scores.dtype);
        using (no_grad()) AllClose(ToDoubles(model.forward(x).sigmoid()), ToDoubles(scores), 1e-6);
        Assert.True(scores.gt(0.5).to(float32).eq(y).to(float32).mean().item<float>() > 0.95f);
    }

    [Fact]
    public void Bad_targets_are_named()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Problem(6, seed: 4);
        var model = nn.Linear(3, 3);
        var options = new TrainOptions { Epochs = 1 };
        LossFunction loss = (logits, targets, epoch) => Functional.AsymmetricLoss(logits, targets);
        Assert.Throws<ArgumentException>("targets", () => MultiLabelTraining.Fit(model, x, y.narrow(0, 0, 5), loss, options));
        Assert.Throws<ArgumentException>("targets", () => MultiLabelTraining.Fit(model, x, y.to(int64), loss, options));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => MultiLabelTraining.Fit(model, x, y * 2, loss, options));
        Assert.Throws<ArgumentException>("features", () => MultiLabelTraining.PredictScores(model, zeros(0, 3)));
    }
}

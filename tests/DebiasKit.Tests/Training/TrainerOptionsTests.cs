using DebiasKit.Data;
using DebiasKit.Data.Synthetic;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

/// <summary>The two ways <see cref="Trainer"/> goes beyond plain mini-batch SGD: per-example weights and SAM steps.</summary>
public class TrainerOptionsTests
{
    private static readonly GaussianClassWorld World = GaussianClassWorld.Create(classes: 3, dimensions: 4, clustersPerClass: 1, separation: 4, seed: 11);

    private static float[] Weights(nn.Module model) =>
        model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    private static Mlp NewModel(int seed)
    {
        Seeds.Apply(seed);
        return new Mlp(4, [8], 3);
    }

    [Fact]
    public void Unit_weights_with_a_weighted_mean_give_the_unweighted_run_bit_for_bit()
    {
        using var train = World.SampleBalanced(40, seed: 1);
        var options = new TrainOptions { Epochs = 3, BatchSize = 16, LearningRate = 0.05, Seed = 3 };
        using var plain = NewModel(5);
        Trainer.Fit(plain, train, (logits, y, epoch) => nn.functional.cross_entropy(logits, y), options);
        using var weighted = NewModel(5);
        using var ones = torch.ones(train.Count);
        Trainer.Fit(weighted, train, ones, (logits, y, w, epoch) =>
            nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None).mul(w).sum().div(w.sum()), options);
        Assert.Equal(Weights(plain), Weights(weighted));
    }

    [Fact]
    public void Each_batch_receives_the_weights_of_its_own_examples()
    {
        using var train = World.SampleBalanced(30, seed: 2);
        // Weight of an example = 10 × its label + 1, so a batch's weights can be checked against its targets.
        using var weights = train.Labels.to(float32).mul(10).add(1);
        int batches = 0;
        using var model = NewModel(1);
        Trainer.Fit(model, train, weights, (logits, y, w, epoch) =>
        {
            Assert.Equal(y.to(float32).mul(10).add(1).data<float>().ToArray(), w.data<float>().ToArray());
            batches++;
            return nn.functional.cross_entropy(logits, y);
        }, new TrainOptions { Epochs = 2, BatchSize = 8, Seed = 4 });
        Assert.Equal(2 * 12, batches);   // 90 examples in batches of 8: 12 per epoch
    }

    [Fact]
    public void Sam_option_matches_a_hand_written_sam_loop()
    {
        // Full-batch training, so the shuffled order changes only the summation order of the mean loss.
        using var train = World.SampleBalanced(20, seed: 3);
        const double rho = 0.3, rate = 0.05;
        using var viaTrainer = NewModel(7);
        Trainer.Fit(viaTrainer, train, (logits, y, epoch) => nn.functional.cross_entropy(logits, y),
            new TrainOptions { Epochs = 4, BatchSize = 60, LearningRate = rate, Momentum = 0.9, WeightDecay = 1e-3, SamRho = rho, Seed = 1 });

        using var byHand = NewModel(7);
        var parameters = byHand.parameters().ToList();
        using var sgd = optim.SGD(parameters, rate, momentum: 0.9, weight_decay: 1e-3);
        using var sam = new SharpnessAwareMinimization(parameters, sgd, rho);
        byHand.train();
        for (int epoch = 0; epoch < 4; epoch++)
            using (NewDisposeScope())
                sam.Step(() => nn.functional.cross_entropy(byHand.forward(train.Features), train.Labels));

        var a = Weights(viaTrainer);
        var b = Weights(byHand);
        Assert.All(a.Zip(b), pair => Assert.Equal(pair.First, pair.Second, 1e-5));

        // And SAM really changed the path: plain SGD from the same start ends elsewhere.
        using var plain = NewModel(7);
        Trainer.Fit(plain, train, (logits, y, epoch) => nn.functional.cross_entropy(logits, y),
            new TrainOptions { Epochs = 4, BatchSize = 60, LearningRate = rate, Momentum = 0.9, WeightDecay = 1e-3, Seed = 1 });
        Assert.True(Weights(plain).Zip(a).Max(p => Math.Abs(p.First - p.Second)) > 1e-4);
    }

    [Fact]
    public void Bad_weights_and_rho_are_named()
    {
        using var train = World.SampleBalanced(5, seed: 4);
        using var model = NewModel(0);
        WeightedLossFunction loss = (logits, y, w, epoch) => nn.functional.cross_entropy(logits, y);
        var options = new TrainOptions { Epochs = 1 };
        using var tooShort = torch.ones(3);
        Assert.Throws<ArgumentException>("exampleWeights", () => Trainer.Fit(model, train, tooShort, loss, options));
        using var negative = torch.ones(train.Count).index_put_(torch.tensor(-1f), torch.tensor(2L));
        Assert.Throws<ArgumentException>("exampleWeights", () => Trainer.Fit(model, train, negative, loss, options));
        using var nan = torch.ones(train.Count).index_put_(torch.tensor(float.NaN), torch.tensor(0L));
        Assert.Throws<ArgumentException>("exampleWeights", () => Trainer.Fit(model, train, nan, loss, options));
        using var integers = torch.ones(train.Count, dtype: int64);
        Assert.Throws<ArgumentException>("exampleWeights", () => Trainer.Fit(model, train, integers, loss, options));
        using var ones = torch.ones(train.Count);
        Assert.Throws<ArgumentOutOfRangeException>("SamRho", () => Trainer.Fit(model, train, ones, loss, options with { SamRho = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>("SamRho", () => Trainer.Fit(model, train, (l, y, e) => l.sum(), options with { SamRho = double.NaN }));
    }

    [Fact]
    public void Nan_weights_caught_by_a_loss_argument_check_are_reported_as_divergence()
    {
        // A loss that validates its input (Functional.FocalLoss rejects NaN logits) would otherwise surface an
        // ArgumentException naming "logits"; the loop reports the run as diverged instead, which notebooks keep as a result.
        using var train = World.SampleBalanced(10, seed: 5);
        using var model = NewModel(3);
        using (no_grad()) model.parameters().First().fill_(float.NaN);
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, train,
            (logits, y, epoch) => DebiasKit.Losses.Functional.FocalLoss(logits, y), new TrainOptions { Epochs = 2 }));
        Assert.Equal(0, error.Epoch);
        Assert.True(double.IsNaN(error.MeanLoss));
        // A genuine bad argument (wrong targets) still surfaces as an argument error.
        Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(NewModel(3), train,
            (logits, y, epoch) => DebiasKit.Losses.Functional.FocalLoss(logits, y.add(10)), new TrainOptions { Epochs = 1 }));
    }
}

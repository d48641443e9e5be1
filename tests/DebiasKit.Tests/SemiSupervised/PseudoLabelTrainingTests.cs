using DebiasKit.Data;
using DebiasKit.Models;
using DebiasKit.SemiSupervised;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.SemiSupervised;

public class PseudoLabelTrainingTests
{
    // Three Gaussian blobs in 2-d, 4 labelled points per class, and an unlabelled pool with a 40/10/4 class profile.
    private static (ClassificationData Labeled, Tensor Unlabeled, Tensor Truth) Blobs(int seed)
    {
        var random = new Random(seed);
        double[][] centres = [[3, 0], [-1.5, 2.6], [-1.5, -2.6]];
        (Tensor X, Tensor Y) Draw(int[] perClass)
        {
            var x = new List<float>();
            var y = new List<long>();
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < perClass[c]; i++)
                {
                    x.Add((float)(centres[c][0] + random.NextDouble() - 0.5));
                    x.Add((float)(centres[c][1] + random.NextDouble() - 0.5));
                    y.Add(c);
                }
            return (tensor(x.ToArray(), [y.Count, 2]), tensor(y.ToArray()));
        }
        var (xl, yl) = Draw([4, 4, 4]);
        var (xu, yu) = Draw([40, 10, 4]);
        return (new ClassificationData(xl, yl, 3), xu, yu);
    }

    private static Mlp Model(int seed)
    {
        TorchSharp.torch.random.manual_seed(seed);
        return new Mlp(2, [8], 3);
    }

    private static double[] Weights(Mlp model) => model.parameters().SelectMany(p => ToDoubles(p.detach())).ToArray();

    private static readonly SemiSupervisedOptions Quick = new()
    {
        Steps = 40, LabeledBatch = 6, UnlabeledBatch = 16, Threshold = 0.6, LearningRate = 0.05, BankSamplesPerClass = 2,
        BankCapacityPerClass = 10, Seed = 3,
    };

    [Fact]
    public void Memory_bank_feeds_the_loss_exactly_the_same_number_of_pseudo_labels_per_class()
    {
        using var scope = NewDisposeScope();
        var (labeled, unlabeled, truth) = Blobs(1);
        var history = PseudoLabelTraining.Fit(Model(1), labeled, unlabeled, Quick with { Debiasing = PseudoLabelDebiasing.MemoryBank }, truth);
        // every step: nothing until every class queue holds 2 entries, then exactly 2 per class
        Assert.All(history.UsedByStep, used => Assert.True(used.All(n => n == 0) || used.All(n => n == 2), string.Join("/", used)));
        Assert.Contains(history.UsedByStep, used => used.All(n => n == 2));
        Assert.Equal(history.UsedByStep.Count(u => u[0] == 2) * 2L, history.Used[2]);
        // the pool is long-tailed, the selected pseudo-labels are too: the bank is what balances them
        Assert.True(history.Selected[0] > history.Selected[2]);
        Assert.InRange(history.SelectedAccuracy, 0.5, 1.0);
    }

    [Fact]
    public void Without_a_bank_every_confident_pseudo_label_enters_the_loss()
    {
        using var scope = NewDisposeScope();
        var (labeled, unlabeled, truth) = Blobs(2);
        foreach (var debiasing in new[] { PseudoLabelDebiasing.None, PseudoLabelDebiasing.LogitAdjusted })
        {
            var history = PseudoLabelTraining.Fit(Model(2), labeled, unlabeled, Quick with { Debiasing = debiasing }, truth);
            Assert.Equal(history.Selected, history.Used);
            Assert.True(history.Selected.Sum() > 0);
        }
    }

    [Fact]
    public void With_zero_unsupervised_weight_the_unlabelled_pool_is_ignored_and_runs_repeat_exactly()
    {
        using var scope = NewDisposeScope();
        var (labeled, unlabeled, _) = Blobs(3);
        var options = Quick with { UnsupervisedWeight = 0, Debiasing = PseudoLabelDebiasing.MemoryBank };
        var a = Model(5);
        var b = Model(5);
        PseudoLabelTraining.Fit(a, labeled, unlabeled, options);
        PseudoLabelTraining.Fit(b, labeled, unlabeled.neg() * 7, options);                 // a different pool
        Assert.Equal(Weights(a), Weights(b));
        var c = Model(5);
        var d = Model(5);
        PseudoLabelTraining.Fit(c, labeled, unlabeled, Quick with { Debiasing = PseudoLabelDebiasing.MemoryBank });
        PseudoLabelTraining.Fit(d, labeled, unlabeled, Quick with { Debiasing = PseudoLabelDebiasing.MemoryBank });
        Assert.Equal(Weights(c), Weights(d));                                               // seeded: identical
        Assert.NotEqual(Weights(a), Weights(c));                                            // and the pool does matter when used
    }

    [Fact]
    public void A_run_leaves_no_tensor_behind()
    {
        using var scope = NewDisposeScope();
        var (labeled, unlabeled, truth) = Blobs(6);
        var model = Model(6);
        foreach (var debiasing in Enum.GetValues<PseudoLabelDebiasing>())
        {
            long before = LiveTensors();
            PseudoLabelTraining.Fit(model, labeled, unlabeled, Quick with { Debiasing = debiasing, Steps = 10 }, truth);
            Assert.Equal(before, LiveTensors());
        }
    }

    [Fact]
    public void Class_marginal_estimate_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        var estimate = new ClassMarginalEstimate(2, momentum: 0.5);
        Assert.Equal(new[] { 0.5, 0.5 }, estimate.Value);
        // softmax rows of (ln 3, 0) and (0, 0): (0.75, 0.25) and (0.5, 0.5); mean (0.625, 0.375); q̂ = 0.5·0.5 + 0.5·0.625
        estimate.Update(tensor(new double[] { Math.Log(3), 0, 0, 0 }, [2, 2], dtype: ScalarType.Float64));
        AllClose(new[] { 0.5625, 0.4375 }, estimate.Value.ToArray(), 1e-12);
        Assert.Equal("logits", Assert.ThrowsAny<ArgumentException>(() => estimate.Update(zeros(2, 3))).ParamName);
        Assert.Equal("momentum", Assert.ThrowsAny<ArgumentException>(() => new ClassMarginalEstimate(2, 1)).ParamName);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var (labeled, unlabeled, truth) = Blobs(4);
        var model = Model(4);
        Assert.Equal("unlabeled", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, zeros(5, 3), Quick)).ParamName);
        Assert.Equal("unlabeled", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, zeros(0, 2), Quick)).ParamName);
        Assert.Equal("unlabeledLabels", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, unlabeled, Quick, truth.narrow(0, 0, 3))).ParamName);
        Assert.Equal("Threshold", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, unlabeled, Quick with { Threshold = 2 })).ParamName);
        Assert.Equal("Steps", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, unlabeled, Quick with { Steps = 0 })).ParamName);
        Assert.Equal("BankSamplesPerClass", Assert.ThrowsAny<ArgumentException>(() => PseudoLabelTraining.Fit(model, labeled, unlabeled, Quick with { BankSamplesPerClass = 0 })).ParamName);
    }
}

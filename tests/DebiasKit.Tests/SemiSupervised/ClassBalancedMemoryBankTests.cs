using DebiasKit.Losses;
using DebiasKit.SemiSupervised;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.SemiSupervised;

public class ClassBalancedMemoryBankTests
{
    [Fact]
    public void Keeps_the_newest_entries_per_class_and_samples_every_class_equally()
    {
        using var scope = NewDisposeScope();
        var bank = new ClassBalancedMemoryBank(classes: 3, features: 2, capacityPerClass: 4);
        // class 0 gets 10 rows (values 0…9), class 1 gets 2 rows (100, 101), class 2 none
        var values = Enumerable.Range(0, 10).Select(v => (float)v).Concat(new float[] { 100, 101 }).ToArray();
        var features = tensor(values.SelectMany(v => new[] { v, -v }).ToArray(), [12, 2]);
        var labels = tensor(Enumerable.Repeat(0L, 10).Concat(new long[] { 1, 1 }).ToArray());
        bank.Add(features, labels);
        Assert.Equal(new[] { 4, 2, 0 }, bank.Counts);

        var (sampled, sampledLabels) = bank.Sample(perClass: 3, new Random(1));
        var rows = ToRows(sampled);
        var classes = sampledLabels.data<long>().ToArray();
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1 }, classes);                       // 3 per non-empty class
        Assert.All(rows.Take(3), r => Assert.InRange(r[0], 6, 9));                       // only the 4 newest of class 0
        Assert.Equal(3, rows.Take(3).Select(r => r[0]).Distinct().Count());              // without replacement when possible
        Assert.All(rows.Skip(3), r => Assert.Contains(r[0], new[] { 100.0, 101.0 }));    // with replacement when short
        Assert.All(rows, r => Assert.Equal(-r[0], r[1]));                                // rows stay whole
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var bank = new ClassBalancedMemoryBank(3, 2, 4);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => bank.Add(zeros(2, 3), tensor(new long[] { 0, 1 }))).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => bank.Add(zeros(2, 2), tensor(new long[] { 0 }))).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => bank.Add(zeros(2, 2), tensor(new long[] { 0, 3 }))).ParamName);
        Assert.Equal("capacityPerClass", Assert.ThrowsAny<ArgumentException>(() => new ClassBalancedMemoryBank(3, 2, 0)).ParamName);
        Assert.Equal("perClass", Assert.ThrowsAny<ArgumentException>(() => bank.Sample(0, new Random(0))).ParamName);
    }

    [Fact]
    public void Fixmatch_loss_masks_unconfident_examples_and_averages_over_the_whole_batch()
    {
        using var scope = NewDisposeScope();
        // weak logits: row 0 confident in class 1 (softmax of (0, 5) is 0.9933), row 1 not (0.5/0.5)
        var weak = tensor(new double[] { 0, 5, 1, 1 }, [2, 2], dtype: float64).requires_grad_();
        var strong = tensor(new double[] { 0.5, -0.5, 2, 0 }, [2, 2], dtype: float64).requires_grad_();
        var (pseudo, mask) = Functional.PseudoLabels(weak, 0.95);
        Assert.Equal(1L, pseudo[0].item<long>());
        Assert.Equal(new[] { true, false }, mask.data<bool>().ToArray());
        var loss = Functional.FixMatchLoss(weak, strong, 0.95);
        // CE(strong row 0, class 1) = log(e^0.5 + e^-0.5) + 0.5; row 1 masked; divided by N = 2
        double expected = (Math.Log(Math.Exp(0.5) + Math.Exp(-0.5)) + 0.5) / 2;
        Assert.Equal(expected, loss.item<double>(), 12);
        loss.backward();
        Assert.True(weak.grad is null || weak.grad.abs().sum().item<double>() == 0);       // no gradient through the pseudo-labels
        Assert.Equal(0.0, ToRows(strong.grad!)[1].Sum(), 12);                              // the masked row gets none either
        Assert.Equal("strongLogits", Assert.ThrowsAny<ArgumentException>(() => Functional.FixMatchLoss(weak, zeros(2, 3, dtype: float64))).ParamName);
        Assert.Equal("threshold", Assert.ThrowsAny<ArgumentException>(() => Functional.PseudoLabels(weak, 1.5)).ParamName);
    }
}

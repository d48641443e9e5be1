using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class FocalDistillationLossTests
{
    private static double[] Softmax(double[] z, double t)
    {
        var e = z.Select(v => Math.Exp((v - z.Max()) / t)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    /// <summary>Plain loop: keep examples of old classes, cut new logits, weight α + β·focus, T²·KL(old ‖ new), mean.</summary>
    private static double Reference(double[][] zNew, double[][] zOld, long[] y, double alpha, double beta, double t, DistillationFocus focus)
    {
        int oldClasses = zOld[0].Length;
        var terms = new List<double>();
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] >= oldClasses) continue;
            var cut = zNew[i].Take(oldClasses).ToArray();
            bool oldRight = Array.IndexOf(zOld[i], zOld[i].Max()) == y[i];
            bool newRight = Array.IndexOf(cut, cut.Max()) == y[i];
            bool f = focus switch
            {
                DistillationFocus.OldCorrect => oldRight,
                DistillationFocus.NegativeFlip => oldRight && !newRight,
                _ => !newRight,
            };
            var p = Softmax(zOld[i], t);
            var q = Softmax(cut, t);
            double kl = p.Zip(q).Sum(pq => pq.First * Math.Log(pq.First / pq.Second)) * t * t;
            terms.Add((alpha + (f ? beta : 0)) * kl);
        }
        return terms.Count == 0 ? 0 : terms.Average();
    }

    [Theory]
    [InlineData(DistillationFocus.OldCorrect)]
    [InlineData(DistillationFocus.NegativeFlip)]
    [InlineData(DistillationFocus.NewIncorrect)]
    public void Matches_the_reference_loop_with_new_classes_dropped(DistillationFocus focus)
    {
        var (zNew, y) = Batch(30, 5, seed: 3, -3, 3);      // 5 new-model classes
        var (zOld, _) = Batch(30, 3, seed: 9, -3, 3);      // 3 old classes: examples of classes 3 and 4 are dropped
        using var scope = NewDisposeScope();
        double actual = Functional.FocalDistillationLoss(ToTensor(zNew), ToTensor(zOld), tensor(y), alpha: 1, beta: 5, temperature: 2, focus: focus).item<double>();
        Assert.Equal(Reference(zNew, zOld, y, 1, 5, 2, focus), actual, 10);
    }

    [Fact]
    public void Identical_models_have_zero_loss_and_the_gradient_matches_finite_differences()
    {
        var (z, y) = Batch(6, 4, seed: 1, -2, 2);
        using var scope = NewDisposeScope();
        Assert.Equal(0.0, Functional.FocalDistillationLoss(ToTensor(z), ToTensor(z), tensor(y), temperature: 3).item<double>(), 12);

        var (zOld, _) = Batch(6, 4, seed: 2, -2, 2);
        var x = ToTensor(z, requiresGrad: true);
        Functional.FocalDistillationLoss(x, ToTensor(zOld), tensor(y), alpha: 1, beta: 2, temperature: 3).backward();
        AllClose(NumericGradient(z, r => Reference(r, zOld, y, 1, 2, 3, DistillationFocus.OldCorrect)), ToDoubles(x.grad!), 1e-6);
    }

    [Fact]
    public void Only_new_class_examples_give_zero_and_bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0.0, Functional.FocalDistillationLoss(zeros(2, 4), zeros(2, 2), tensor(new long[] { 2, 3 })).item<float>());
        Assert.Throws<ArgumentException>("oldLogits", () => Functional.FocalDistillationLoss(zeros(2, 2), zeros(2, 3), tensor(new long[] { 0, 1 })));
        Assert.Throws<ArgumentException>("oldLogits", () => Functional.FocalDistillationLoss(zeros(2, 3), zeros(3, 3), tensor(new long[] { 0, 1 })));
        Assert.Throws<ArgumentOutOfRangeException>("temperature", () => Functional.FocalDistillationLoss(zeros(2, 3), zeros(2, 3), tensor(new long[] { 0, 1 }), temperature: 0));
        Assert.Throws<ArgumentOutOfRangeException>("beta", () => Functional.FocalDistillationLoss(zeros(2, 3), zeros(2, 3), tensor(new long[] { 0, 1 }), beta: -1));
    }
}

using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class MarginPreservingLossTests
{
    private static double[] Softmax(double[] z, double t = 1)
    {
        var e = z.Select(v => Math.Exp((v - z.Max()) / t)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    /// <summary>Plain loop: add b to columns ≥ C_old, then −log softmax at the target, averaged.</summary>
    private static double MarginCe(double[][] z, long[] y, int oldClasses, double b) =>
        z.Select((row, i) => -Math.Log(Softmax(row.Select((v, c) => c >= oldClasses ? v + b : v).ToArray())[y[i]])).Average();

    /// <summary>Plain loop: cut the student to the teacher's classes; weight α + β·[teacher right]; KL(p_t ‖ p_s) at τ; mean over all rows.</summary>
    private static double FocalKl(double[][] student, double[][] teacher, long[] y, double alpha, double beta, double t)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            int k = teacher[i].Length;
            var p = Softmax(teacher[i], t);
            var q = Softmax(student[i].Take(k).ToArray(), t);
            double kl = p.Zip(q).Sum(pq => pq.First * Math.Log(pq.First / pq.Second));
            bool right = Array.IndexOf(teacher[i], teacher[i].Max()) == y[i];
            total += (alpha + (right ? beta : 0)) * kl;
        }
        return total / y.Length;
    }

    [Fact]
    public void Margin_term_matches_hand_computed_values()
    {
        // Logits [0, 0], one old class, b = ln 3: the shifted logits are [0, ln 3], softmax [1/4, 3/4].
        // Target 0 (old): −ln(1/4) = ln 4; target 1 (new): −ln(3/4) = ln(4/3); mean = (ln 4 + ln 4/3) / 2.
        using var scope = NewDisposeScope();
        var loss = Functional.MarginCalibratedCrossEntropy(zeros(2, 2, dtype: float64), tensor(new long[] { 0, 1 }), oldClasses: 1, bias: Math.Log(3));
        Assert.Equal((Math.Log(4) + Math.Log(4.0 / 3)) / 2, loss.item<double>(), 12);
    }

    [Theory]
    [InlineData(2, 0.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 1.5)]
    [InlineData(5, 4.0)]     // C_old = C: no new class, the bias changes nothing
    public void Margin_term_matches_the_reference_loop_and_is_cross_entropy_without_bias_or_new_classes(int oldClasses, double bias)
    {
        var (z, y) = Batch(40, 5, seed: 11, -3, 3);
        using var scope = NewDisposeScope();
        double actual = Functional.MarginCalibratedCrossEntropy(ToTensor(z), tensor(y), oldClasses, bias).item<double>();
        Assert.Equal(MarginCe(z, y, oldClasses, bias), actual, 10);
        if (bias == 0 || oldClasses == 5)
            Assert.Equal(nn.functional.cross_entropy(ToTensor(z), tensor(y)).item<double>(), actual, 12);
    }

    [Fact]
    public void A_positive_bias_lowers_the_loss_of_new_class_examples_and_raises_that_of_old_ones()
    {
        // The bias makes new classes easier to fit during training (so their own logits end lower at test time).
        var (z, _) = Batch(20, 4, seed: 5, -2, 2);
        using var scope = NewDisposeScope();
        var old = full(20, 1L, dtype: int64);
        var fresh = full(20, 3L, dtype: int64);
        double Ce(Tensor y, double b) => Functional.MarginCalibratedCrossEntropy(ToTensor(z), y, oldClasses: 2, bias: b).item<double>();
        Assert.True(Ce(fresh, 2) < Ce(fresh, 0));
        Assert.True(Ce(old, 2) > Ce(old, 0));
    }

    [Fact]
    public void Focal_distillation_matches_hand_computed_values()
    {
        // Teacher [ln 3, 0] (2 classes) → p = [3/4, 1/4], arg-max class 0. Student [0, 0, 7] is cut to [0, 0] → q = [1/2, 1/2].
        // KL = 3/4·ln(3/2) + 1/4·ln(1/2). Targets 0, 1, 2: weights α+β = 6 (teacher right), 1, 1 (class 2 unknown to the
        // teacher, kept with α). Mean = (6 + 1 + 1)/3 · KL = 8/3 · KL at τ = 1.
        double kl = 0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5);
        using var scope = NewDisposeScope();
        var student = tensor(new double[] { 0, 0, 7, 0, 0, 7, 0, 0, 7 }, 3, 3);
        var teacher = tensor(new double[] { Math.Log(3), 0, Math.Log(3), 0, Math.Log(3), 0 }, 3, 2);
        var loss = Functional.FocalKlDistillation(student, teacher, tensor(new long[] { 0, 1, 2 }), alpha: 1, beta: 5, temperature: 1);
        Assert.Equal(8.0 / 3 * kl, loss.item<double>(), 12);
    }

    [Fact]
    public void Focal_distillation_matches_the_reference_loop_is_zero_for_an_identical_teacher_and_has_the_numeric_gradient()
    {
        var (student, y) = Batch(25, 6, seed: 3, -3, 3);
        var (teacher, _) = Batch(25, 4, seed: 8, -3, 3);
        using var scope = NewDisposeScope();
        Assert.Equal(FocalKl(student, teacher, y, 1, 5, 5), Functional.FocalKlDistillation(ToTensor(student), ToTensor(teacher), tensor(y)).item<double>(), 10);
        Assert.Equal(FocalKl(student, teacher, y, 0.5, 2, 2),
            Functional.FocalKlDistillation(ToTensor(student), ToTensor(teacher), tensor(y), alpha: 0.5, beta: 2, temperature: 2).item<double>(), 10);

        var cut = student.Select(r => r.Take(4).ToArray()).ToArray();
        Assert.Equal(0.0, Functional.FocalKlDistillation(ToTensor(student), ToTensor(cut), tensor(y)).item<double>(), 12);

        var (small, ys) = Batch(5, 4, seed: 21, -2, 2);
        var (smallTeacher, _) = Batch(5, 3, seed: 22, -2, 2);
        var x = ToTensor(small, requiresGrad: true);
        Functional.FocalKlDistillation(x, ToTensor(smallTeacher), tensor(ys), alpha: 1, beta: 3, temperature: 2).backward();
        AllClose(NumericGradient(small, r => FocalKl(r, smallTeacher, ys, 1, 3, 2)), ToDoubles(x.grad!), 1e-6);
    }

    /// <summary>The MPT objective by plain loops: margin cross-entropy + focal KL from the old model + focal KL from the new one.</summary>
    private static double Mpt(double[][] z, double[][] zOld, double[][] zNew, long[] y, double b) =>
        MarginCe(z, y, zOld[0].Length, b) + FocalKl(z, zOld, y, 1, 5, 5) + FocalKl(z, zNew, y, 1, 5, 5);

    [Fact]
    public void Mpt_loss_is_the_sum_of_its_three_terms_with_the_numeric_gradient()
    {
        var (z, y) = Batch(30, 6, seed: 31, -3, 3);
        var (zOld, _) = Batch(30, 3, seed: 32, -3, 3);
        var (zNew, _) = Batch(30, 6, seed: 33, -3, 3);
        using var scope = NewDisposeScope();
        double actual = Functional.MarginPreservingLoss(ToTensor(z), ToTensor(zOld), ToTensor(zNew), tensor(y), bias: 4).item<double>();
        Assert.Equal(Mpt(z, zOld, zNew, y, 4), actual, 10);

        var (small, ys) = Batch(4, 5, seed: 41, -2, 2);
        var (smallOld, _) = Batch(4, 2, seed: 42, -2, 2);
        var (smallNew, _) = Batch(4, 5, seed: 43, -2, 2);
        var x = ToTensor(small, requiresGrad: true);
        Functional.MarginPreservingLoss(x, ToTensor(smallOld), ToTensor(smallNew), tensor(ys), bias: 2).backward();
        AllClose(NumericGradient(small, r => Mpt(r, smallOld, smallNew, ys, 2)), ToDoubles(x.grad!), 1e-6);
    }

    [Fact]
    public void Mpt_loss_is_cross_entropy_when_both_teachers_agree_with_the_model_and_the_bias_is_zero()
    {
        // Both distillation terms vanish (teacher = student) and b = 0: the limiting case is plain cross-entropy.
        var (z, y) = Batch(20, 5, seed: 51, -3, 3);
        var old = z.Select(r => r.Take(3).ToArray()).ToArray();
        using var scope = NewDisposeScope();
        double actual = Functional.MarginPreservingLoss(ToTensor(z), ToTensor(old), ToTensor(z), tensor(y), bias: 0).item<double>();
        Assert.Equal(nn.functional.cross_entropy(ToTensor(z), tensor(y)).item<double>(), actual, 10);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        var y = tensor(new long[] { 0, 1 });
        Assert.Throws<ArgumentOutOfRangeException>("oldClasses", () => Functional.MarginCalibratedCrossEntropy(zeros(2, 3), y, oldClasses: 0));
        Assert.Throws<ArgumentOutOfRangeException>("oldClasses", () => Functional.MarginCalibratedCrossEntropy(zeros(2, 3), y, oldClasses: 4));
        Assert.Throws<ArgumentOutOfRangeException>("bias", () => Functional.MarginCalibratedCrossEntropy(zeros(2, 3), y, oldClasses: 2, bias: -1));
        Assert.Throws<ArgumentException>("logits", () => Functional.MarginCalibratedCrossEntropy(zeros(2), y, oldClasses: 1));
        Assert.Throws<ArgumentException>("teacherLogits", () => Functional.FocalKlDistillation(zeros(2, 3), zeros(2, 4), y));
        Assert.Throws<ArgumentException>("teacherLogits", () => Functional.FocalKlDistillation(zeros(2, 3), zeros(3, 3), y));
        Assert.Throws<ArgumentException>("teacherLogits", () => Functional.FocalKlDistillation(zeros(2, 3), zeros(2, 3, dtype: int64), y));
        Assert.Throws<ArgumentOutOfRangeException>("temperature", () => Functional.FocalKlDistillation(zeros(2, 3), zeros(2, 3), y, temperature: 0));
        Assert.Throws<ArgumentOutOfRangeException>("beta", () => Functional.FocalKlDistillation(zeros(2, 3), zeros(2, 3), y, beta: -1));
        Assert.Throws<ArgumentException>("independentLogits", () => Functional.MarginPreservingLoss(zeros(2, 3), zeros(2, 2), zeros(2, 2), y));
        Assert.Throws<ArgumentException>("oldLogits", () => Functional.MarginPreservingLoss(zeros(2, 3), zeros(2, 4), zeros(2, 3), y));
    }

    [Fact]
    public void Leaves_only_its_result()
    {
        var (z, y) = Batch(8, 4, seed: 61);
        using var logits = ToTensor(z);
        using var old = ToTensor(z.Select(r => r.Take(2).ToArray()).ToArray());
        using var targets = tensor(y);
        AssertLeavesOnlyItsResult(() => Functional.MarginPreservingLoss(logits, old, logits, targets));
    }
}

using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class BinaryMarginLossTests
{
    [Fact]
    public void Values_match_hand_computed_margins()
    {
        // scores z = (2, −0.5, 0.5), labels y = (1, 1, 0): margins s = (2y − 1) z = (2, −0.5, −0.5).
        using var scope = NewDisposeScope();
        var z = tensor(new[] { 2.0, -0.5, 0.5 });
        var y = tensor(new long[] { 1, 1, 0 });
        // Hinge: max(1 − s, 0) = (0, 1.5, 1.5); mean 1.
        Assert.Equal(1.0, Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Hinge).item<double>(), 12);
        // Exponential: e^(−s) = (e^−2, e^0.5, e^0.5); mean (0.135335283 + 2 · 1.648721271) / 3 = 1.1442592749.
        Assert.Equal((Math.Exp(-2) + 2 * Math.Exp(0.5)) / 3, Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Exponential).item<double>(), 12);
        Assert.Equal(1.1442592749, Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Exponential).item<double>(), 8);
        // Logistic: log(1 + e^(−s)) = (0.126928011, 0.974076984, 0.974076984); mean 0.691693993.
        Assert.Equal(0.691693993, Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Logistic).item<double>(), 8);
    }

    [Fact]
    public void Logistic_equals_binary_cross_entropy_on_the_logit()
    {
        using var scope = NewDisposeScope();
        var z = tensor(Uniform(40, seed: 2, low: -6, high: 6)).unsqueeze(1);
        var y = tensor(Labels(40, 2, seed: 3));
        var bce = nn.functional.binary_cross_entropy_with_logits(z.flatten(), y.to(float64));
        Assert.Equal(bce.item<double>(), Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Logistic).item<double>(), 12);
    }

    [Theory]
    [InlineData(BinaryMarginKind.Logistic)]
    [InlineData(BinaryMarginKind.Hinge)]
    [InlineData(BinaryMarginKind.Exponential)]
    public void Gradient_matches_central_differences_of_a_plain_loop(BinaryMarginKind kind)
    {
        // Scores kept away from the hinge's kink at s = 1.
        var z = new[] { -1.7, -0.3, 0.2, 0.6, 1.4, 2.5, -2.2, 0.05 };
        var y = new long[] { 1, 0, 1, 1, 0, 1, 0, 0 };
        Func<double, double> phi = kind switch
        {
            BinaryMarginKind.Logistic => s => Math.Log(1 + Math.Exp(-s)),
            BinaryMarginKind.Hinge => s => Math.Max(1 - s, 0),
            _ => s => Math.Exp(-s),
        };
        double Loop(double[][] rows) => rows[0].Select((v, i) => phi((2 * y[i] - 1) * v)).Average();
        var expected = NumericGradient(new[] { z }, Loop);
        using var scope = NewDisposeScope();
        var scores = tensor(z, requires_grad: true);
        var loss = Functional.BinaryMarginLoss(scores, tensor(y), kind);
        Assert.Equal(Loop(new[] { z }), loss.item<double>(), 10);
        loss.backward();
        AllClose(expected, ToDoubles(scores.grad!), 1e-6);
    }

    [Fact]
    public void Leaves_only_its_result() =>
        AssertLeavesOnlyItsResult(() =>
        {
            using var z = tensor(new[] { 0.3f, -0.2f });
            using var y = tensor(new long[] { 1, 0 });
            return Functional.BinaryMarginLoss(z, y, BinaryMarginKind.Exponential);
        });

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>("scores", () => Functional.BinaryMarginLoss(zeros(3, 2), zeros(3), BinaryMarginKind.Hinge));
        Assert.Throws<ArgumentException>("scores", () => Functional.BinaryMarginLoss(zeros(new long[] { 3 }, dtype: int64), zeros(3), BinaryMarginKind.Hinge));
        Assert.Throws<ArgumentException>("scores", () => Functional.BinaryMarginLoss(tensor(new[] { 0f, float.NaN }), zeros(2), BinaryMarginKind.Hinge));
        Assert.Throws<ArgumentException>("targets", () => Functional.BinaryMarginLoss(zeros(3), zeros(4), BinaryMarginKind.Hinge));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Functional.BinaryMarginLoss(zeros(2), tensor(new[] { 0f, -1f }), BinaryMarginKind.Hinge));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => Functional.BinaryMarginLoss(zeros(2), zeros(2), (BinaryMarginKind)7));
    }
}

using DebiasKit.Losses;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class TrueClassProbabilityTests
{
    [Fact]
    public void Softmax_hand_computed()
    {
        // Row 1: softmax(0, ln 3) = (1/4, 3/4), true class 1 → 3/4. Row 2: softmax(ln 2, 0) = (2/3, 1/3), true class 1 → 1/3.
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { 0, Math.Log(3), Math.Log(2), 0 }, new long[] { 2, 2 }, requires_grad: true);
        var tcp = Functional.TrueClassProbability(logits, tensor(new long[] { 1, 1 }));
        AllClose([0.75, 1.0 / 3], ToDoubles(tcp), 1e-12);
        Assert.False(tcp.requires_grad);
    }

    [Fact]
    public void Min_shifted_as_btcp_reference_code()
    {
        // (z − min z) / Σ(z − min z): (1, 3, 0) → (1, 3, 0)/4, class 1 → 0.75; (−1, 1, 0) → (0, 2, 1)/3, class 2 → 1/3;
        // (2, 2, 2) → 0/0, given the uniform 1/3; (5, 0, 1) → (5, 0, 1)/6, class 1 (the minimum) → 0.
        using var scope = NewDisposeScope();
        var logits = tensor(new double[] { 1, 3, 0, -1, 1, 0, 2, 2, 2, 5, 0, 1 }, new long[] { 4, 3 });
        var tcp = Functional.TrueClassProbability(logits, tensor(new long[] { 1, 2, 0, 1 }), TcpNormalisation.MinShifted);
        AllClose([0.75, 1.0 / 3, 1.0 / 3, 0], ToDoubles(tcp), 1e-12);
    }

    [Fact]
    public void Frees_everything_but_its_result()
    {
        using var logits = randn(3, 4);
        using var labels = zeros(3, dtype: int64);
        AssertLeavesOnlyItsResult(() => Functional.TrueClassProbability(logits, labels, TcpNormalisation.MinShifted));
        AssertLeavesOnlyItsResult(() => Functional.TrueClassProbability(logits, labels));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>("labels", () => Functional.TrueClassProbability(zeros(2, 3), tensor(new long[] { 0, 3 })));
        Assert.Throws<ArgumentException>("logits", () => Functional.TrueClassProbability(zeros(6), tensor(new long[] { 0, 1 })));
        Assert.Throws<ArgumentOutOfRangeException>("normalisation", () => Functional.TrueClassProbability(zeros(2, 3), zeros(2, dtype: int64), (TcpNormalisation)7));
    }
}

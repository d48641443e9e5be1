using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class ProximalConfoundingTests
{
    [Fact]
    public void Is_seeded_and_its_true_bridges_satisfy_their_defining_equations()
    {
        var a = ProximalConfounding.Sample(100_000, seed: 3, ProximalEffect.Sine);
        var b = ProximalConfounding.Sample(100_000, seed: 3, ProximalEffect.Sine);
        Assert.Equal(a.Outcome, b.Outcome);
        Assert.Equal(a.Treated, b.Treated);
        int n = a.Count;
        // Outcome bridge h = τ(X)A + 2W + X₂: E[Y − h | Z, A, X] = 0, checked through its moments with (1, A, Z, X₁).
        var residual = Enumerable.Range(0, n).Select(i => a.Outcome[i] - ((a.Treated[i] ? a.Cate[i] : 0) + 2 * a.W[i, 0] + a.X[i, 1])).ToArray();
        Assert.True(Math.Abs(residual.Average()) < 0.03);
        Assert.True(Math.Abs(Enumerable.Range(0, n).Average(i => residual[i] * a.Z[i, 0])) < 0.03);
        Assert.True(Math.Abs(Enumerable.Range(0, n).Where(i => a.Treated[i]).Average(i => residual[i] * a.Z[i, 0])) < 0.04);
        // Treatment bridge: E[1{A = a} q(Z, a, X) b(W, X)] = E[b(W, X)] for b = 1 and b = W.
        foreach (bool arm in new[] { true, false })
        {
            var theta = ProximalConfounding.TreatmentBridgeCoefficients(arm);
            var weighted = Enumerable.Range(0, n).Select(i => a.Treated[i] != arm ? 0.0
                : 1 + Math.Exp(theta[0] + theta[1] * a.Z[i, 0] + theta[2] * a.X[i, 0])).ToArray();
            Assert.True(Math.Abs(weighted.Average() - 1) < 0.05, $"arm {arm}: {weighted.Average()}");
            Assert.True(Math.Abs(Enumerable.Range(0, n).Average(i => weighted[i] * a.W[i, 0]) - a.W.Column(0).Average()) < 0.06);
        }
        // The true CATE is the generator's; the confounder column is appended for the oracle.
        Assert.Equal(1 + Math.Sin(a.X[5, 0]), a.Cate[5], 12);
        Assert.Equal(a.Confounder[7], a.XAndConfounder()[7, 3]);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("n", Assert.ThrowsAny<ArgumentException>(() => ProximalConfounding.Sample(1, 0)).ParamName);
        Assert.Equal("proxyNoise", Assert.ThrowsAny<ArgumentException>(() => ProximalConfounding.Sample(10, 0, proxyNoise: 0)).ParamName);
        Assert.Equal("treatmentConfounding", Assert.ThrowsAny<ArgumentException>(() => ProximalConfounding.Sample(10, 0, treatmentConfounding: -1)).ParamName);
    }
}

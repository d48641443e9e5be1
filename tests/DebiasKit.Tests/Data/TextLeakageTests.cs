using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class TextLeakageTests
{
    [Fact]
    public void Is_seeded_and_has_the_stated_structure()
    {
        var a = TextLeakage.Sample(20_000, seed: 9, leakage: 0.5, effect: 1.0);
        Assert.Equal(a.Outcome, TextLeakage.Sample(20_000, seed: 9, leakage: 0.5, effect: 1.0).Outcome);
        Assert.Equal(30, a.Vocabulary.Length);
        int n = a.Count;
        // Only treated documents leak, and they carry leak words only then.
        Assert.All(Enumerable.Range(0, n), i => Assert.True(!a.Leaked[i] || a.Treated[i]));
        var leakColumns = Enumerable.Range(0, 30).Where(j => a.Vocabulary[j] == LeakageWordKind.Leak).ToArray();
        Assert.All(Enumerable.Range(0, n).Where(i => !a.Leaked[i]), i => Assert.All(leakColumns, j => Assert.Equal(0.0, a.Counts[i, j])));
        // λ = 0.5: on average half the treated documents leak (2λ·E[σ(ρε)] = λ).
        double rate = Enumerable.Range(0, n).Where(i => a.Treated[i]).Average(i => a.Leaked[i] ? 1.0 : 0.0);
        Assert.InRange(rate, 0.47, 0.53);
        // The outcome is τT + γC + ε exactly: the residual has mean 0 and unit variance, and the true ATE is τ = 1.
        var eps = Enumerable.Range(0, n).Select(i => a.Outcome[i] - (a.Treated[i] ? 1 : 0) - a.Confounder[i]).ToArray();
        Assert.InRange(eps.Average(), -0.03, 0.03);
        Assert.InRange(eps.Average(e => e * e), 0.96, 1.04);
        // Leaking is a collider: among the treated, leakers have better outcome shocks.
        double leakers = Enumerable.Range(0, n).Where(i => a.Leaked[i]).Average(i => eps[i]);
        double others = Enumerable.Range(0, n).Where(i => a.Treated[i] && !a.Leaked[i]).Average(i => eps[i]);
        Assert.True(leakers - others > 0.5, $"{leakers} vs {others}");
        // The up and down topic words measure C: log-count difference is strongly correlated with it.
        var f = a.Features();
        var score = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, 5).Sum(j => f[i, j]) - Enumerable.Range(5, 5).Sum(j => f[i, j])).ToArray();
        Assert.True(MathNet.Numerics.Statistics.Correlation.Pearson(score, a.Confounder) > 0.9);
        // No leakage: no document leaks.
        Assert.DoesNotContain(true, TextLeakage.Sample(500, seed: 1, leakage: 0).Leaked);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("documents", Assert.ThrowsAny<ArgumentException>(() => TextLeakage.Sample(1, 0)).ParamName);
        Assert.Equal("leakage", Assert.ThrowsAny<ArgumentException>(() => TextLeakage.Sample(10, 0, leakage: 0.7)).ParamName);
        Assert.Equal("confounderWords", Assert.ThrowsAny<ArgumentException>(() => TextLeakage.Sample(10, 0, confounderWords: 3)).ParamName);
        Assert.Equal("leakWords", Assert.ThrowsAny<ArgumentException>(() => TextLeakage.Sample(10, 0, leakWords: 0)).ParamName);
    }
}

using DebiasKit.Metrics;
using DebiasKit.Tests.Projections;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Metrics.WordBias;

/// <summary>MAC against a hand-computed value and a loop over targets, attribute sets and attributes.</summary>
public class MeanAverageCosineTests
{
    [Fact]
    public void Hand_computed_value_in_target_major_order()
    {
        using var scope = NewDisposeScope();
        // Targets t₁ = (2, 0), t₂ = (0, 1); A₁ = {(1, 0), (0, 5)}, A₂ = {(−3, 0)}.
        // S(t₁, A₁) = mean(1 − 1, 1 − 0) = 0.5; S(t₁, A₂) = 1 − (−1) = 2;
        // S(t₂, A₁) = mean(1 − 0, 1 − 1) = 0.5; S(t₂, A₂) = 1 − 0 = 1. MAC = (0.5 + 2 + 0.5 + 1)/4 = 1.
        var result = MeanAverageCosine.Compute(ToTensor([[2, 0], [0, 1]]), [ToTensor([[1, 0], [0, 5]]), ToTensor([[-3, 0]])]);
        AllClose([0.5, 2, 0.5, 1], result.Scores.ToArray(), 1e-12);
        Assert.Equal(1, result.Mac, 12);
    }

    [Fact]
    public void Matches_a_loop()
    {
        using var scope = NewDisposeScope();
        var targets = Naive.Gaussian(12, 10, seed: 1);
        var sets = new[] { Naive.Gaussian(4, 10, seed: 2), Naive.Gaussian(7, 10, seed: 3), Naive.Gaussian(1, 10, seed: 4) };
        var scores = new List<double>();
        foreach (var t in targets)
            foreach (var set in sets)
                scores.Add(set.Average(a => 1 - Naive.Cosine(t, a)));
        var result = MeanAverageCosine.Compute(ToTensor(targets, ScalarType.Float32), sets.Select(s => ToTensor(s, ScalarType.Float32)).ToList());
        AllClose(scores, result.Scores.ToArray(), 1e-5);
        Assert.Equal(scores.Average(), result.Mac, 1e-5);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        using var scope = NewDisposeScope();
        var targets = ToTensor([[1, 2]]);
        var set = ToTensor([[1, 0]]);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(null!, [set])).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(zeros(0, 2, dtype: float64), [set])).ParamName);
        Assert.Equal("attributeSets", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(targets, [])).ParamName);
        Assert.Equal("attributeSets", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(targets, null!)).ParamName);
        Assert.Equal("attributeSets[1]", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(targets, [set, ToTensor([[1, 2, 3]])])).ParamName);
        Assert.Equal("attributeSets[0]", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(targets, [ToTensor([[double.NaN, 2]])])).ParamName);
        Assert.Equal("attributeSets[0]", Assert.ThrowsAny<ArgumentException>(() => MeanAverageCosine.Compute(targets, [zeros(0, 2, dtype: float64)])).ParamName);
    }
}

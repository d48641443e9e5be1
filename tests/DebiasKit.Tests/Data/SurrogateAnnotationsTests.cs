using DebiasKit.Data.Synthetic;
using Xunit;

namespace DebiasKit.Tests.Data;

public class SurrogateAnnotationsTests
{
    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        var a = SurrogateAnnotations.Sample(500, 0.2, seed: 1);
        var b = SurrogateAnnotations.Sample(500, 0.2, seed: 1);
        var c = SurrogateAnnotations.Sample(500, 0.2, seed: 2);
        Assert.Equal(a.Label, b.Label);
        Assert.Equal(a.Surrogate, b.Surrogate);
        Assert.Equal(a.Labelled, b.Labelled);
        Assert.NotEqual(a.Covariate, c.Covariate);
    }

    [Fact]
    public void Measured_rates_match_the_parameters_and_the_integrals()
    {
        var d = SurrogateAnnotations.Sample(200_000, 0.1, seed: 3);
        double accuracy = Enumerable.Range(0, d.Count).Average(i => d.Label[i] == d.Surrogate[i] ? 1.0 : 0.0);
        Assert.Equal(SurrogateAnnotations.ExpectedAccuracy(), accuracy, 2);             // within 0.005
        Assert.Equal(SurrogateAnnotations.TrueMean(), d.Label.Average(), 2);
        Assert.Equal(0.1, d.Labelled.Average(r => r ? 1.0 : 0.0), 2);
        double falseAlarms = Enumerable.Range(0, d.Count).Where(i => d.Label[i] == 0).Average(i => d.Surrogate[i]);
        Assert.Equal(0.05, falseAlarms, 2);
        Assert.True(d.Surrogate.Average() < d.Label.Average() - 0.05, "misses outnumber false alarms, so the surrogate share is biased down");
        Assert.All(d.ExpertLabels().Where((_, i) => !d.Labelled[i]), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void The_true_mean_is_one_half_for_a_symmetric_model()
    {
        // σ(bX) with X symmetric around 0: E[Y] = 1/2 exactly.
        Assert.Equal(0.5, SurrogateAnnotations.TrueMean(intercept: 0, slope: 1.7), 10);
    }

    [Fact]
    public void Bad_parameters_are_rejected_by_name()
    {
        Assert.Equal("documents", Assert.ThrowsAny<ArgumentException>(() => SurrogateAnnotations.Sample(1, 0.1, 0)).ParamName);
        Assert.Equal("expertProbability", Assert.ThrowsAny<ArgumentException>(() => SurrogateAnnotations.Sample(10, 0, 0)).ParamName);
        Assert.Equal("missSlope", Assert.ThrowsAny<ArgumentException>(() => SurrogateAnnotations.Sample(10, 0.5, 0, missBase: 0.5, missSlope: 0.6)).ParamName);
    }
}

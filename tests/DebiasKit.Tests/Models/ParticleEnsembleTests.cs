using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Models;

public class ParticleEnsembleTests
{
    private static ParticleEnsemble Ensemble(int count, bool cosine, double scale = 1)
    {
        Seeds.Apply(3);
        return new ParticleEnsemble(Enumerable.Range(0, count).Select(_ => (nn.Module<Tensor, Tensor>)new Mlp(4, [5], 3, cosineHead: cosine)).ToList(), scale);
    }

    [Fact]
    public void Forward_is_the_mean_of_the_scaled_particle_logits()
    {
        using var scope = NewDisposeScope();
        using var ensemble = Ensemble(3, cosine: true, scale: 30);
        var x = randn(7, 4);
        var stacked = ensemble.ParticleLogits(x);
        Assert.Equal(new long[] { 3, 7, 3 }, stacked.shape);
        // Independent reference: each particle called on its own, times 30, averaged element by element.
        var own = Enumerable.Range(0, 3).Select(m => ToDoubles(ensemble[m].forward(x))).ToArray();
        AllClose(own[1].Select(v => 30 * v).ToArray(), ToDoubles(stacked[1]), 1e-5);
        var mean = Enumerable.Range(0, own[0].Length).Select(k => 30 * own.Average(o => o[k])).ToArray();
        AllClose(mean, ToDoubles(ensemble.forward(x)), 1e-5);
        // The library's prediction helpers see the ensemble as one classifier: arg-max of the mean logits.
        var predicted = Trainer.Predict(ensemble, x);
        AssertLeavesOnlyItsResult(() => ensemble.forward(x));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)Array.IndexOf(mean.Skip(3 * i).Take(3).ToArray(), mean.Skip(3 * i).Take(3).Max())), predicted);
    }

    [Fact]
    public void Head_parameters_are_each_particles_classifier_layer()
    {
        using var cosine = Ensemble(2, cosine: true);
        var heads = cosine.HeadParameters();
        Assert.Equal(2, heads.Count);
        Assert.Equal(new long[] { 5, 3 }, Assert.Single(heads[0]).shape);   // NormedLinear weight [in, out]
        Assert.NotSame(heads[0][0], heads[1][0]);
        using var linear = Ensemble(2, cosine: false);
        Assert.Equal(new[] { new long[] { 3 }, new long[] { 3, 5 } }, linear.HeadParameters()[1].Select(p => p.shape));   // bias, weight
        using var wrongPrefix = new ParticleEnsemble([new Mlp(4, [5], 3)], headPrefix: "classifier.");
        Assert.Throws<InvalidOperationException>(() => wrongPrefix.HeadParameters());
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var particle = new Mlp(4, [5], 3);
        Assert.Equal("particles", Assert.ThrowsAny<ArgumentException>(() => new ParticleEnsemble([])).ParamName);
        Assert.Equal("particles", Assert.ThrowsAny<ArgumentException>(() => new ParticleEnsemble([particle, particle])).ParamName);
        Assert.Equal("logitScale", Assert.ThrowsAny<ArgumentException>(() => new ParticleEnsemble([particle], logitScale: 0)).ParamName);
        using var mixed = new ParticleEnsemble([particle, new Mlp(4, [5], 2)]);
        using var x = randn(2, 4);
        Assert.Throws<InvalidOperationException>(() => mixed.forward(x));
    }
}

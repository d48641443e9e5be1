using DebiasKit.Data;
using DebiasKit.Data.Synthetic;
using DebiasKit.Losses;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class ParticleTrainingTests
{
    private static readonly GaussianClassWorld World = GaussianClassWorld.Create(classes: 3, dimensions: 4, clustersPerClass: 1, separation: 3, seed: 1);
    private static readonly TrainOptions Options = new() { Epochs = 4, BatchSize = 16, LearningRate = 0.05, Seed = 9 };

    private static Tensor CrossEntropy(Tensor logits, Tensor targets, int epoch) => nn.functional.cross_entropy(logits, targets);

    private static Mlp Particle(int seed)
    {
        Seeds.Apply(seed);
        return new Mlp(4, [8], 3, cosineHead: true);
    }

    [Fact]
    public void Joint_training_equals_training_each_particle_alone()
    {
        using var train = World.SampleBalanced(40, seed: 2);
        using var test = World.SampleBalanced(10, seed: 3);
        // Summed per-particle losses: particle m's gradient is ∇L_m alone, so with the same batches (same seed) joint
        // training must equal the library's Trainer run on each particle by itself, from the same initial weights.
        using var ensemble = new ParticleEnsemble([Particle(11), Particle(12)]);
        ParticleTraining.Fit(ensemble, train,
            (logits, y, epoch) => CrossEntropy(logits[0], y, epoch) + CrossEntropy(logits[1], y, epoch), Options);
        Assert.False(ensemble.training);
        using var scope = NewDisposeScope();
        for (int m = 0; m < 2; m++)
        {
            using var alone = Particle(11 + m);
            Trainer.Fit(alone, train, CrossEntropy, Options);
            AllClose(ToDoubles(alone.forward(test.Features)), ToDoubles(ensemble[m].forward(test.Features)), 1e-5);
        }
        Assert.Equal(new long[] { 30, 3 }, ensemble.forward(test.Features).shape);   // back to the mean output after training
    }

    [Fact]
    public void Mean_over_particles_averages_the_per_particle_losses()
    {
        using var scope = NewDisposeScope();
        var (rows, targets) = Batch(6, 3, seed: 4);
        var (rows2, _) = Batch(6, 3, seed: 5);
        var y = tensor(targets);
        var a = ToTensor(rows);
        var b = ToTensor(rows2);
        double expected = (CrossEntropy(a, y, 0).item<double>() + CrossEntropy(b, y, 0).item<double>()) / 2;
        Assert.Equal(expected, ParticleTraining.MeanOverParticles(CrossEntropy)([a, b], y, 0).item<double>(), 12);
        // The library's multi-particle integrated risk averages the same way.
        var u = UtilityMatrix.TailSensitive(3, -1, float64);
        double perParticle = (Functional.IntegratedRiskLoss(a, y, u, 0.5).item<double>() + Functional.IntegratedRiskLoss(b, y, u, 0.5).item<double>()) / 2;
        Assert.Equal(perParticle, ParticleTraining.MeanOverParticles((z, t, e) => Functional.IntegratedRiskLoss(z, t, u, 0.5))([a, b], y, 0).item<double>(), 12);
    }

    [Fact]
    public void Diversity_term_spreads_the_particle_heads()
    {
        using var train = World.SampleBalanced(40, seed: 6);
        double HeadLogVariance(double? tau)
        {
            using var ensemble = new ParticleEnsemble([Particle(21), Particle(22), Particle(23)], logitScale: 10);
            ParticleTraining.Fit(ensemble, train, ParticleTraining.MeanOverParticles(CrossEntropy), Options, diversityTau: tau);
            using var value = ParticleDiversity.LogVariance(ensemble.HeadParameters());
            return value.item<float>();
        }
        double plain = HeadLogVariance(null), diverse = HeadLogVariance(50);
        Assert.True(diverse > plain + 0.05, $"mean log-variance of the heads: {diverse} with the diversity term, {plain} without");
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        using var train = World.SampleBalanced(10, seed: 7);
        using var single = new ParticleEnsemble([Particle(1)]);
        var loss = ParticleTraining.MeanOverParticles(CrossEntropy);
        Assert.Equal("diversityTau", Assert.ThrowsAny<ArgumentException>(() => ParticleTraining.Fit(single, train, loss, Options, diversityTau: 40)).ParamName);
        Assert.Equal("diversityTau", Assert.ThrowsAny<ArgumentException>(() => ParticleTraining.Fit(single, train, loss, Options, diversityTau: -1)).ParamName);
        Assert.Equal("ensemble", Assert.ThrowsAny<ArgumentException>(() => ParticleTraining.Fit(null!, train, loss, Options)).ParamName);
        Assert.Equal("perParticle", Assert.ThrowsAny<ArgumentException>(() => ParticleTraining.MeanOverParticles(null!)).ParamName);
    }
}

using DebiasKit.Losses;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class ParticleDiversityTests
{
    private static Tensor[][] Particles(double[][] flat, bool requiresGrad = false) =>
        // Each particle: a [2, 2] "weight" from its first four numbers and a [1] "bias" from the fifth.
        flat.Select(v => new[]
        {
            tensor(v.Take(4).ToArray(), [2, 2], dtype: float64, requires_grad: requiresGrad),
            tensor(v.Skip(4).Take(1).ToArray(), [1], dtype: float64, requires_grad: requiresGrad),
        }).ToArray();

    /// <summary>The reference by plain loops: population variance over particles of every element, then mean log.</summary>
    private static double LogVarianceLoop(double[][] flat)
    {
        int m = flat.Length, p = flat[0].Length;
        double total = 0;
        for (int k = 0; k < p; k++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++) mean += flat[i][k] / m;
            double variance = 0;
            for (int i = 0; i < m; i++) variance += (flat[i][k] - mean) * (flat[i][k] - mean) / m;
            total += Math.Log(variance);
        }
        return total / p;
    }

    [Fact]
    public void Hand_computed_two_particles()
    {
        using var scope = NewDisposeScope();
        // Two particles, one element each: 1 and 3 → mean 2, variance ((−1)² + 1²)/2 = 1, log 1 = 0.
        // Second element 0 and 4 → variance (4 + 4)/2 = 4; mean log over the two elements = (0 + ln 4)/2 = ln 2.
        var a = new List<Tensor> { tensor(new[] { 1.0, 0.0 }, dtype: float64) };
        var b = new List<Tensor> { tensor(new[] { 3.0, 4.0 }, dtype: float64) };
        Assert.Equal(Math.Log(2), ParticleDiversity.LogVariance([a, b]).item<double>(), 12);
        // Penalty at 0-based epoch 0 (t = 1) with τ = 2: −e^{−1/2}·½·ln 2 = −0.210216.
        Assert.Equal(-Math.Exp(-0.5) * 0.5 * Math.Log(2), ParticleDiversity.Penalty([a, b], epoch: 0, tau: 2).item<double>(), 12);
        // The weight decays with the epoch: epoch 3 (t = 4), τ = 2 gives e^{−2}.
        Assert.Equal(-Math.Exp(-2) * 0.5 * Math.Log(2), ParticleDiversity.Penalty([a, b], epoch: 3, tau: 2).item<double>(), 12);
        AssertLeavesOnlyItsResult(() => ParticleDiversity.Penalty([a, b], epoch: 0, tau: 2));
    }

    [Fact]
    public void Matches_a_plain_loop_over_several_tensors_per_particle()
    {
        using var scope = NewDisposeScope();
        var flat = Enumerable.Range(0, 3).Select(i => Uniform(5, seed: 10 + i, low: -2, high: 2)).ToArray();
        double observed = ParticleDiversity.LogVariance(Particles(flat)).item<double>();
        Assert.Equal(LogVarianceLoop(flat), observed, 10);
    }

    [Fact]
    public void One_particle_has_no_penalty_and_spreading_the_particles_lowers_it()
    {
        using var scope = NewDisposeScope();
        var single = Particles([Uniform(5, seed: 1)]);
        Assert.Equal(0.0, ParticleDiversity.Penalty(single, epoch: 0, tau: 40).item<double>());
        // Scaling every deviation from the mean by 2 multiplies each variance by 4: LogVariance rises by ln 4 exactly.
        var flat = Enumerable.Range(0, 4).Select(i => Uniform(5, seed: 20 + i)).ToArray();
        var spread = flat.Select(v => v.Select((x, k) => 2 * x - flat.Average(w => w[k])).ToArray()).ToArray();
        double near = ParticleDiversity.LogVariance(Particles(flat)).item<double>();
        double far = ParticleDiversity.LogVariance(Particles(spread)).item<double>();
        Assert.Equal(Math.Log(4), far - near, 10);
        Assert.True(ParticleDiversity.Penalty(Particles(spread), 0, 40).item<double>() < ParticleDiversity.Penalty(Particles(flat), 0, 40).item<double>());
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        using var scope = NewDisposeScope();
        var flat = Enumerable.Range(0, 3).Select(i => Uniform(5, seed: 30 + i)).ToArray();
        var particles = Particles(flat, requiresGrad: true);
        ParticleDiversity.Penalty(particles, epoch: 2, tau: 5).backward();
        var analytic = particles.SelectMany(p => p.SelectMany(t => ToDoubles(t.grad!))).ToArray();
        double Objective(double[][] rows) => -Math.Exp(-3.0 / 5) * 0.5 * LogVarianceLoop(rows);
        AllClose(CentralDifferences(flat, Objective), analytic, 1e-6);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        using var scope = NewDisposeScope();
        var a = new List<Tensor> { ones(2, dtype: float64) };
        var b = new List<Tensor> { zeros(3, dtype: float64) };
        Assert.Equal("particleParameters", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.LogVariance([a])).ParamName);
        Assert.Equal("particleParameters", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.LogVariance([a, b])).ParamName);
        Assert.Equal("particleParameters", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.LogVariance([a, new List<Tensor>()])).ParamName);
        var integers = new List<Tensor> { ones(2, dtype: int64) };
        Assert.Equal("particleParameters", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.LogVariance([integers, integers])).ParamName);
        Assert.Equal("tau", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.Penalty([a, a], 0, 0)).ParamName);
        Assert.Equal("epoch", Assert.ThrowsAny<ArgumentException>(() => ParticleDiversity.Penalty([a, a], -1, 1)).ParamName);
    }
}

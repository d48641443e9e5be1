using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A Bayesian deep ensemble of M "particles" (independent classifiers that approximate the posterior over weights),
/// as in Li and Zhang, "Long-tailed Classification from a Bayesian-decision-theory Perspective" (arXiv:2303.06075).
/// <para>
/// The ensemble's output is the mean of the particles' scaled logits, (1/M) Σ_m s·f_m(x), and its decision the
/// arg-max of that mean. Variant pinned: the authors' reference code (github.com/lblaoke/RF-DLC, model/resnet32.py,
/// <c>ResNet32.forward</c> returns <c>sum(self.logits)/len(self.logits)</c> with every particle's cosine logits
/// multiplied by 30, and trainer.py predicts the arg-max of that output); the code averages logits, not probabilities.
/// In the reference the particles share the first convolution and each owns the rest of the network and a cosine
/// head; here every particle is a whole model of its own. Training needs each particle's logits:
/// <see cref="ParticleLogits"/> gives them stacked, and <c>Training.ParticleTraining.Fit</c> trains all particles
/// jointly with the library's <c>Trainer</c>.
/// </para>
/// </summary>
public sealed class ParticleEnsemble : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> particles;
    private readonly string headPrefix;

    /// <param name="particles">The M ≥ 1 particles, each mapping inputs [N, …] to logits [N, C] with the same C; the
    /// ensemble owns them (disposing the ensemble disposes them).</param>
    /// <param name="logitScale">s &gt; 0: every particle's logits are multiplied by s (the reference: 30 on cosine heads).</param>
    /// <param name="headPrefix">Name prefix of each particle's head parameters (the classifier layer whose spread the
    /// particle-diversity term rewards); "head." matches <see cref="Mlp"/>.</param>
    public ParticleEnsemble(IReadOnlyList<nn.Module<Tensor, Tensor>> particles, double logitScale = 1.0, string headPrefix = "head.")
        : base(nameof(ParticleEnsemble))
    {
        Guard.NotNull(particles, nameof(particles));
        if (particles.Count == 0) throw new ArgumentException($"{nameof(particles)} must hold at least one particle.", nameof(particles));
        for (int m = 0; m < particles.Count; m++)
            if (particles[m] is null) throw new ArgumentNullException(nameof(particles), $"{nameof(particles)}[{m}] is null.");
        if (particles.Distinct().Count() != particles.Count)
            throw new ArgumentException($"{nameof(particles)} must be distinct modules; the same module appears twice.", nameof(particles));
        Guard.Positive(logitScale, nameof(logitScale));
        Guard.NotNull(headPrefix, nameof(headPrefix));
        this.particles = nn.ModuleList(particles.ToArray());
        this.headPrefix = headPrefix;
        LogitScale = logitScale;
        RegisterComponents();
    }

    /// <summary>Number of particles M.</summary>
    public int Count => particles.Count;

    /// <summary>The logit scale s.</summary>
    public double LogitScale { get; }

    /// <summary>Particle <paramref name="index"/>.</summary>
    public nn.Module<Tensor, Tensor> this[int index] => particles[index];

    /// <summary>
    /// While true, <see cref="forward"/> returns the stacked particle logits [M, N, C] instead of their mean; set only by
    /// <c>ParticleTraining.Fit</c> for the duration of training.
    /// </summary>
    internal bool OutputParticles { get; set; }

    /// <summary>Every particle's scaled logits, stacked: [M, N, C].</summary>
    public Tensor ParticleLogits(Tensor input)
    {
        Guard.NotNull(input, nameof(input));
        using var scope = NewDisposeScope();
        var logits = new Tensor[particles.Count];
        for (int m = 0; m < particles.Count; m++)
        {
            var z = particles[m].forward(input);
            if (z.dim() != 2)
                throw new InvalidOperationException($"Particle {m} returned shape [{string.Join(", ", z.shape)}]; particles must return logits [N, C].");
            if (m > 0 && !z.shape.SequenceEqual(logits[0].shape))
                throw new InvalidOperationException($"Particle {m} returned shape [{string.Join(", ", z.shape)}] but particle 0 returned [{string.Join(", ", logits[0].shape)}].");
            logits[m] = LogitScale == 1.0 ? z : z * LogitScale;
        }
        return stack(logits, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The ensemble's logits: the mean over particles of the scaled logits, [N, C] (or [M, N, C] while training).</summary>
    public override Tensor forward(Tensor input)
    {
        if (OutputParticles) return ParticleLogits(input);
        using var scope = NewDisposeScope();
        return ParticleLogits(input).mean([0]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Each particle's head parameters (those whose name starts with the head prefix), in a fixed order: one list per
    /// particle, for <c>Losses.ParticleDiversity</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A particle has no parameter with the head prefix.</exception>
    public IReadOnlyList<IReadOnlyList<Tensor>> HeadParameters()
    {
        var result = new List<IReadOnlyList<Tensor>>(particles.Count);
        for (int m = 0; m < particles.Count; m++)
        {
            var head = particles[m].named_parameters().Where(p => p.name.StartsWith(headPrefix, StringComparison.Ordinal))
                .OrderBy(p => p.name, StringComparer.Ordinal).Select(p => (Tensor)p.parameter).ToList();
            if (head.Count == 0)
                throw new InvalidOperationException($"Particle {m} has no parameter whose name starts with \"{headPrefix}\".");
            result.Add(head);
        }
        return result;
    }
}

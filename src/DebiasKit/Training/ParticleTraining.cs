using DebiasKit.Data;
using DebiasKit.Losses;
using DebiasKit.Models;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Joint training of a <see cref="ParticleEnsemble"/>, the Bayesian deep ensemble of Li and Zhang, "Long-tailed
/// Classification from a Bayesian-decision-theory Perspective" (arXiv:2303.06075): one optimiser over all particles,
/// every mini-batch seen by every particle, loss = the caller's particle loss (typically the mean over particles of a
/// per-particle loss such as <c>Functional.IntegratedRiskLoss</c>) plus, when τ is given,
/// <see cref="ParticleDiversity.Penalty"/> on the particles' head parameters. This is the training step of the
/// reference code (github.com/lblaoke/RF-DLC, trainer.py with model/loss.py VariationalE). The loop itself is
/// <c>Trainer.Fit</c> (same shuffling, schedule, optimiser and divergence check).
/// </summary>
public static class ParticleTraining
{
    /// <summary>Trains all particles of <paramref name="ensemble"/> jointly, in place; see the class summary.</summary>
    /// <param name="ensemble">The ensemble, already on the training device.</param>
    /// <param name="data">Training examples.</param>
    /// <param name="loss">The particle loss.</param>
    /// <param name="options">Epochs, batch size, optimiser and seed, as for <c>Trainer.Fit</c>.</param>
    /// <param name="diversityTau">τ &gt; 0 of the particle-diversity term, or null for none (a plain deep ensemble).</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit(ParticleEnsemble ensemble, ClassificationData data, ParticleLossFunction loss, TrainOptions options,
        double? diversityTau = null, Action<EpochReport>? progress = null)
    {
        Guard.NotNull(ensemble, nameof(ensemble));
        Guard.NotNull(loss, nameof(loss));
        if (diversityTau is double tau) Guard.Positive(tau, nameof(diversityTau));
        var heads = diversityTau is null ? null : ensemble.HeadParameters();
        if (heads is not null && ensemble.Count < 2)
            throw new ArgumentException($"{nameof(diversityTau)} needs at least two particles; the ensemble has one.", nameof(diversityTau));

        Tensor Objective(Tensor stacked, Tensor targets, int epoch)
        {
            var value = loss(stacked.unbind(0), targets, epoch);
            return heads is null ? value : value + ParticleDiversity.Penalty(heads, epoch, diversityTau!.Value);
        }

        ensemble.OutputParticles = true;
        try
        {
            return Trainer.Fit(ensemble, data, Objective, options, progress);
        }
        finally
        {
            ensemble.OutputParticles = false;
        }
    }

    /// <summary>
    /// A particle loss that applies one model's loss to every particle and averages, (1/M) Σ_m L(z_m, y, epoch), as the
    /// reference code averages its per-particle losses (<c>sum(losses)/len(losses)</c>).
    /// </summary>
    public static ParticleLossFunction MeanOverParticles(LossFunction perParticle)
    {
        Guard.NotNull(perParticle, nameof(perParticle));
        return (particleLogits, targets, epoch) =>
        {
            Guard.NotNull(particleLogits, nameof(particleLogits));
            if (particleLogits.Count == 0)
                throw new ArgumentException($"{nameof(particleLogits)} must hold at least one particle's logits.", nameof(particleLogits));
            using var scope = NewDisposeScope();
            var total = perParticle(particleLogits[0], targets, epoch);
            for (int m = 1; m < particleLogits.Count; m++) total = total + perParticle(particleLogits[m], targets, epoch);
            return (total / particleLogits.Count).MoveToOuterDisposeScope();
        };
    }
}

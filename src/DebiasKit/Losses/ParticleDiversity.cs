using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// The particle-diversity (variational-entropy) term of the Bayesian deep ensemble in Li and Zhang, "Long-tailed
/// Classification from a Bayesian-decision-theory Perspective" (arXiv:2303.06075): a Gaussian approximation of the
/// posterior over the particles' head weights, whose entropy ½·log det Σ (diagonal Σ) is rewarded, with a weight that
/// decays over training.
/// <para>
/// With θ_m the head parameters of particle m (m = 1..M) flattened into one vector,
/// θ̄ = (1/M) Σ_m θ_m and v_k = (1/M) Σ_m (θ_{m,k} − θ̄_k)² (the population variance over particles, element k),
/// <c>LogVariance</c> = (1/P) Σ_k log v_k and <c>Penalty</c> = −e^{−t/τ} · ½ · LogVariance, which is added to the loss
/// (so minimising it spreads the particles), with t the 1-based epoch.
/// </para>
/// <para>
/// Variant pinned: the authors' reference code, github.com/lblaoke/RF-DLC, model/loss.py (class VariationalE, "add
/// covariance term"): it averages the particles' classifier-layer weights (<c>linears[i].parameters()</c>, one
/// NormedLinear weight per particle), takes the mean of the squared deviations over particles, then
/// <c>torch.mean(torch.log(var))</c>, and subtracts <c>exp(−epoch/τ)·logdet/2</c> only when there is more than one
/// particle; its epochs count from 1 (τ = 40 of 200 epochs in configs/cifar10_lt.json). Where a head has several
/// parameter tensors (weight and bias) they are concatenated element by element, which equals the reference when the
/// head has one tensor. Here the epoch argument of <see cref="Penalty"/> is the kit's 0-based epoch and t = epoch + 1.
/// </para>
/// </summary>
public static class ParticleDiversity
{
    /// <summary>(1/P) Σ_k log v_k, the mean log-variance over particles of the head parameters (scalar tensor).</summary>
    /// <param name="particleParameters">One list of parameter tensors per particle (M ≥ 2), the same count and shapes in
    /// every particle; the particles must differ in every element (a zero variance gives −∞).</param>
    public static Tensor LogVariance(IReadOnlyList<IReadOnlyList<Tensor>> particleParameters)
    {
        Check(particleParameters, minimumParticles: 2);
        using var scope = NewDisposeScope();
        var theta = Stacked(particleParameters);                                   // [M, P]
        var deviation = theta - theta.mean([0], keepdim: true);
        var variance = (deviation * deviation).mean([0]);                          // population variance over particles
        return variance.log().mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// −e^{−(epoch+1)/τ} · ½ · <see cref="LogVariance"/>, the term added to the ensemble's loss; zero for a single particle.
    /// </summary>
    /// <param name="particleParameters">One list of head parameter tensors per particle (M ≥ 1).</param>
    /// <param name="epoch">The 0-based epoch (t = epoch + 1 in the formula, the reference's 1-based count).</param>
    /// <param name="tau">τ &gt; 0, the decay of the term (reference: 40 epochs of 200).</param>
    public static Tensor Penalty(IReadOnlyList<IReadOnlyList<Tensor>> particleParameters, int epoch, double tau)
    {
        Check(particleParameters, minimumParticles: 1);
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"{nameof(epoch)} must be a 0-based epoch (≥ 0).");
        Guard.Positive(tau, nameof(tau));
        var first = particleParameters[0][0];
        if (particleParameters.Count == 1) return zeros([], dtype: first.dtype, device: first.device);
        using var scope = NewDisposeScope();
        double weight = -0.5 * Math.Exp(-(epoch + 1) / tau);
        return (LogVariance(particleParameters) * weight).MoveToOuterDisposeScope();
    }

    private static Tensor Stacked(IReadOnlyList<IReadOnlyList<Tensor>> particleParameters) =>
        stack(particleParameters.Select(list => cat(list.Select(p => p.flatten()).ToArray(), 0)).ToArray(), 0);

    private static void Check(IReadOnlyList<IReadOnlyList<Tensor>> particleParameters, int minimumParticles)
    {
        const string name = "particleParameters";
        Guard.NotNull(particleParameters, name);
        if (particleParameters.Count < minimumParticles)
            throw new ArgumentException($"{name} must hold at least {minimumParticles} particle(s); got {particleParameters.Count}.", name);
        var reference = particleParameters[0];
        if (reference is null || reference.Count == 0)
            throw new ArgumentException($"{name}[0] must hold at least one parameter tensor.", name);
        for (int m = 0; m < particleParameters.Count; m++)
        {
            var list = particleParameters[m];
            if (list is null || list.Count != reference.Count)
                throw new ArgumentException($"{name}[{m}] must hold {reference.Count} parameter tensors, as particle 0 does; got {list?.Count.ToString() ?? "null"}.", name);
            for (int k = 0; k < list.Count; k++)
            {
                if (list[k] is null) throw new ArgumentException($"{name}[{m}][{k}] is null.", name);
                if (!list[k].is_floating_point())
                    throw new ArgumentException($"{name}[{m}][{k}] must be a floating-point tensor; got {list[k].dtype}.", name);
                if (!list[k].shape.SequenceEqual(reference[k].shape))
                    throw new ArgumentException($"{name}[{m}][{k}] has shape [{string.Join(", ", list[k].shape)}] but particle 0's has [{string.Join(", ", reference[k].shape)}].", name);
            }
        }
    }
}

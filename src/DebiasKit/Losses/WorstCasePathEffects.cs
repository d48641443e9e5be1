using DebiasKit.Causal;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

/// <summary>
/// The differentiable fairness penalty of the neural sensitivity framework (Schröder, Frauen and Feuerriegel, 2024): the
/// worst-case magnitude of a predictor's direct and indirect effect under the marginal sensitivity model with parameter Γ,
/// max(|DE⁻|, |DE⁺|) + max(|IE⁻|, |IE⁺|), with the bounds of <see cref="SensitivityBounds.PathEffects"/> written on tensors so that
/// the gradient reaches the predictor's four counterfactual scores h(a, zᵢ, m). The mediator-law intervals are constants
/// (estimated nuisances); the bounds are piecewise linear in the scores. Γ = 1 penalises the no-confounding point estimates.
/// </summary>
public sealed class WorstCasePathEffects
{
    private readonly Tensor q0Lo, q0Hi, q1Lo, q1Hi, q0, q1;

    /// <summary>Precomputes the intervals of P(M = 1 | zᵢ, do(a)) for the n units.</summary>
    /// <param name="propensity">P(A = 1 | zᵢ) ∈ (0, 1).</param>
    /// <param name="mediator0">P(M = 1 | zᵢ, A = 0).</param>
    /// <param name="mediator1">P(M = 1 | zᵢ, A = 1).</param>
    /// <param name="gamma">Γ ≥ 1.</param>
    /// <param name="device">Where the tensors live.</param>
    public WorstCasePathEffects(IReadOnlyList<double> propensity, IReadOnlyList<double> mediator0, IReadOnlyList<double> mediator1, double gamma, Device? device = null)
    {
        Guard.NotNull(propensity, nameof(propensity));
        int n = propensity.Count;
        if (mediator0 is null || mediator0.Count != n) throw new ArgumentException($"mediator0 must hold one value per unit ({n}).", nameof(mediator0));
        if (mediator1 is null || mediator1.Count != n) throw new ArgumentException($"mediator1 must hold one value per unit ({n}).", nameof(mediator1));
        Gamma = gamma;
        var b0 = new double[2, n];
        var b1 = new double[2, n];
        for (int i = 0; i < n; i++)
        {
            var (l0, u0) = SensitivityBounds.InterventionalMediator(mediator0[i], 1 - propensity[i], gamma);
            var (l1, u1) = SensitivityBounds.InterventionalMediator(mediator1[i], propensity[i], gamma);
            b0[0, i] = l0; b0[1, i] = u0; b1[0, i] = l1; b1[1, i] = u1;
        }
        var dev = device ?? CPU;
        q0Lo = tensor(Enumerable.Range(0, n).Select(i => (float)b0[0, i]).ToArray(), device: dev);
        q0Hi = tensor(Enumerable.Range(0, n).Select(i => (float)b0[1, i]).ToArray(), device: dev);
        q1Lo = tensor(Enumerable.Range(0, n).Select(i => (float)b1[0, i]).ToArray(), device: dev);
        q1Hi = tensor(Enumerable.Range(0, n).Select(i => (float)b1[1, i]).ToArray(), device: dev);
        q0 = tensor(mediator0.Select(v => (float)v).ToArray(), device: dev);
        q1 = tensor(mediator1.Select(v => (float)v).ToArray(), device: dev);
        Count = n;
    }

    /// <summary>Γ of the bounds.</summary>
    public double Gamma { get; }

    /// <summary>Number of units.</summary>
    public int Count { get; }

    /// <summary>max(|DE⁻|, |DE⁺|) + max(|IE⁻|, |IE⁺|) for scores h(a, zᵢ, m) given as four [n] tensors (a scalar tensor).</summary>
    public Tensor Penalty(Tensor h00, Tensor h01, Tensor h10, Tensor h11)
    {
        foreach (var (t, name) in new[] { (h00, nameof(h00)), (h01, nameof(h01)), (h10, nameof(h10)), (h11, nameof(h11)) })
            if (t.dim() != 1 || t.shape[0] != Count) throw new ArgumentException($"{name} must have shape [{Count}]; got [{string.Join(", ", t.shape)}].", name);
        using var scope = NewDisposeScope();
        var d0 = h10 - h00;
        var d1 = h11 - h01;
        var atLo = d0 + q0Lo * (d1 - d0);
        var atHi = d0 + q0Hi * (d1 - d0);
        var deLo = minimum(atLo, atHi).mean();
        var deHi = maximum(atLo, atHi).mean();
        var delta = h11 - h10;
        var a = delta * (q1Hi - q0Lo);
        var b = delta * (q1Lo - q0Hi);
        var ieLo = minimum(a, b).mean();
        var ieHi = maximum(a, b).mean();
        return (maximum(deLo.abs(), deHi.abs()) + maximum(ieLo.abs(), ieHi.abs())).MoveToOuterDisposeScope();
    }
}

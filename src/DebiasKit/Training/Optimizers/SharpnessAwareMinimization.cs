using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Sharpness-aware minimisation (SAM; Foret et al., ICLR 2021) as a wrapper around any TorchSharp optimiser, as used by
/// Rangwani et al., "Escaping Saddle Points for Effective Generalization on Class-Imbalanced Data" (SAM-LT, NeurIPS 2022).
/// <para>
/// One step at weights w with mini-batch loss L:
/// <c>g = ∇L(w)</c>; <c>ε̂ = ρ · g / (‖g‖₂ + 10⁻¹²)</c> (‖g‖₂ is the norm over all parameters together);
/// the gradient is taken again at <c>w + ε̂</c>; w is restored; the base optimiser steps with <c>∇L(w + ε̂)</c>.
/// </para>
/// <para>
/// Variant: the reference code of SAM-LT (github.com/val-iisc/Saddle-LongTail, <c>cifar_train_sam.py</c>) imports
/// <c>SAM</c> from github.com/davda54/sam and calls <c>first_step(zero_grad=True)</c> then <c>second_step(zero_grad=True)</c>;
/// <see cref="FirstStep"/> and <see cref="SecondStep"/> mirror that split (non-adaptive SAM, the 10⁻¹² in the
/// denominator, parameters without a gradient skipped, gradients zeroed after each half). Restoring w copies the saved
/// weights back (davda54/sam's later <c>p.data = old_p</c>), so it is exact; the early <c>p.sub_(e_w)</c> can be off by
/// rounding. Weight decay stays in the base optimiser: ε̂ uses the loss gradient only. ρ can be changed between steps
/// (<see cref="Rho"/>), as the reference's <c>adjust_rho</c> does per epoch; SAM-LT uses a large ρ
/// (run.sh: CIFAR-10-LT 0.1 for CE, 0.5 for CE-DRW, 0.8 for LDAM-DRW; CIFAR-100-LT 0.2, 0.8, 0.8) against the usual 0.05.
/// </para>
/// <para>
/// The base optimiser is not owned: dispose it yourself. Disposing this object releases only a perturbation left
/// pending by a <see cref="FirstStep"/> without its <see cref="SecondStep"/>.
/// </para>
/// </summary>
public sealed class SharpnessAwareMinimization : IDisposable
{
    private const double NormEpsilon = 1e-12;
    private readonly Parameter[] parameters;
    private Tensor?[]? saved;
    private double rho;

    /// <summary>Wraps <paramref name="baseOptimizer"/>, which must update exactly the parameters of <paramref name="model"/>.</summary>
    public SharpnessAwareMinimization(nn.Module model, optim.Optimizer baseOptimizer, double rho = 0.05)
        : this(ModelParameters(model), baseOptimizer, rho)
    {
    }

    /// <summary>Wraps <paramref name="baseOptimizer"/>, which must update <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to perturb (those the base optimiser updates).</param>
    /// <param name="baseOptimizer">Any TorchSharp optimiser; SAM calls its <c>step()</c> once per SAM step.</param>
    /// <param name="rho">The radius ρ ≥ 0 of the perturbation; ρ = 0 gives the base optimiser's step.</param>
    public SharpnessAwareMinimization(IEnumerable<Parameter> parameters, optim.Optimizer baseOptimizer, double rho = 0.05)
    {
        Guard.NotNull(parameters, nameof(parameters));
        Guard.NotNull(baseOptimizer, nameof(baseOptimizer));
        Guard.NonNegative(rho, nameof(rho));
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0)
            throw new ArgumentException("parameters must hold at least one parameter to optimise.", nameof(parameters));
        for (int i = 0; i < this.parameters.Length; i++)
        {
            if (this.parameters[i] is null) throw new ArgumentException($"parameters[{i}] is null.", nameof(parameters));
            if (!this.parameters[i].is_floating_point())
                throw new ArgumentException($"parameters[{i}] must be floating point; got {this.parameters[i].dtype}.", nameof(parameters));
        }
        BaseOptimizer = baseOptimizer;
        Rho = rho;
    }

    /// <summary>The wrapped optimiser, which makes the actual update.</summary>
    public optim.Optimizer BaseOptimizer { get; }

    /// <summary>The perturbation radius ρ ≥ 0 (finite); may be changed between steps to follow a schedule.</summary>
    public double Rho
    {
        get => rho;
        set
        {
            Guard.NonNegative(value, nameof(Rho));
            rho = value;
        }
    }

    /// <summary>True between <see cref="FirstStep"/> and <see cref="SecondStep"/>, while the weights sit at w + ε̂.</summary>
    public bool IsPerturbed => saved is not null;

    /// <summary>
    /// One full SAM step. <paramref name="lossClosure"/> computes the mini-batch loss (a scalar) from the current
    /// weights; it is called twice, at w and at w + ε̂, and must not call <c>backward</c> itself. Returns the loss at w,
    /// detached; the caller disposes it.
    /// </summary>
    public Tensor Step(Func<Tensor> lossClosure)
    {
        Guard.NotNull(lossClosure, nameof(lossClosure));
        if (IsPerturbed) throw new InvalidOperationException("A FirstStep is pending; call SecondStep before Step.");
        using var scope = NewDisposeScope();
        ZeroGrad();
        var loss = Evaluate(lossClosure);
        loss.backward();
        FirstStep(zeroGrad: true);
        try
        {
            Evaluate(lossClosure).backward();
        }
        catch
        {
            Restore();
            throw;
        }
        SecondStep(zeroGrad: true);
        return loss.detach().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Moves the weights to w + ε̂ with ε̂ = ρ·g/(‖g‖₂ + 10⁻¹²), g being the gradients now in the parameters' <c>.grad</c>
    /// (call <c>backward</c> on the loss at w first). The old weights are kept for <see cref="SecondStep"/>.
    /// </summary>
    /// <param name="zeroGrad">Zero the gradients afterwards, ready for the backward pass at w + ε̂.</param>
    public void FirstStep(bool zeroGrad = true)
    {
        if (IsPerturbed) throw new InvalidOperationException("FirstStep was already called; call SecondStep first.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = parameters.Select(p => p.grad).ToArray();
        var present = grads.Where(g => g is not null).Select(g => g!).ToArray();
        if (present.Length == 0)
            throw new InvalidOperationException("None of the parameters has a gradient; call backward on the loss before FirstStep.");
        // ‖g‖₂ over all parameters: the norm of the per-parameter norms, on the first gradient's device (no host read).
        var shared = present[0];
        var norm = stack(present.Select(g => g.norm().to(shared.dtype).to(shared.device)).ToArray()).norm();
        var scale = norm.add(NormEpsilon).reciprocal_().mul_(rho);
        var keep = new Tensor?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            if (grads[i] is not Tensor g) continue;
            var p = parameters[i];
            keep[i] = p.detach().clone().DetachFromDisposeScope();
            p.add_(g.mul(scale.to(g.dtype).to(g.device)));
        }
        saved = keep;
        if (zeroGrad) ZeroGrad();
    }

    /// <summary>
    /// Restores w (exactly: the saved weights are copied back) and lets the base optimiser step with the gradients
    /// now in <c>.grad</c>, which should be those at w + ε̂.
    /// </summary>
    /// <param name="zeroGrad">Zero the gradients after the update.</param>
    public void SecondStep(bool zeroGrad = true)
    {
        if (!IsPerturbed) throw new InvalidOperationException("SecondStep needs a FirstStep before it.");
        Restore();
        using (NewDisposeScope())
            BaseOptimizer.step();
        if (zeroGrad) ZeroGrad();
    }

    /// <summary>Sets the gradients of the wrapped parameters to zero (those that have one).</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters)
            p.grad?.zero_();
    }

    /// <summary>Restores the weights if a <see cref="FirstStep"/> is pending.</summary>
    public void Dispose()
    {
        if (IsPerturbed) Restore();
    }

    private void Restore()
    {
        var keep = saved!;
        saved = null;
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (keep[i] is not Tensor old) continue;
            parameters[i].copy_(old);
            old.Dispose();
        }
    }

    private static Tensor Evaluate(Func<Tensor> lossClosure)
    {
        var loss = lossClosure();
        if (loss is null) throw new ArgumentException("lossClosure returned null; it must return the scalar loss.", nameof(lossClosure));
        if (loss.numel() != 1)
            throw new ArgumentException($"lossClosure must return a scalar loss; it returned shape [{string.Join(", ", loss.shape)}].", nameof(lossClosure));
        if (!loss.requires_grad)
            throw new ArgumentException("lossClosure's loss does not depend on the parameters (it does not require grad).", nameof(lossClosure));
        return loss;
    }

    private static IEnumerable<Parameter> ModelParameters(nn.Module model)
    {
        Guard.NotNull(model, nameof(model));
        return model.parameters();
    }
}

using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Hessian diagnostics of a loss with respect to a set of parameters, by Hessian-vector products (Pearlmutter's trick:
/// <c>Hv = ∇(∇L · v)</c>, two reverse passes with <c>torch.autograd.grad(create_graph: true)</c>), never forming H.
/// Rangwani et al. (SAM-LT, NeurIPS 2022) read the spectrum of the class-wise (tail-class) loss Hessian: large negative
/// eigenvalues mark a saddle point, which SAM escapes.
/// <para>
/// The extreme eigenvalues come from k steps of the Lanczos method with full re-orthogonalisation, started from a seeded
/// Gaussian vector: the Ritz values (eigenvalues of the k×k tridiagonal matrix T) bracket the spectrum from the inside
/// and the extreme ones converge first. Variant: the reference code (github.com/val-iisc/Saddle-LongTail,
/// <c>hessian.py</c>, taken from PyHessian) runs the same Lanczos (re-orthogonalising against every earlier vector and
/// drawing a fresh random vector when β = 0) for its eigenvalue density; PyHessian starts from a Rademacher vector,
/// here from a Gaussian one. Vectors are flat: the parameters' entries concatenated in order, each parameter flattened.
/// </para>
/// <para>
/// The loss closure is evaluated once per call, at the current parameter values; put the model in evaluation mode
/// first (the reference does) so that dropout or batch statistics do not make the loss random.
/// </para>
/// </summary>
public static class HessianSpectrum
{
    /// <summary>
    /// The Hessian-vector product H·v of <paramref name="loss"/> at the current values of <paramref name="parameters"/>,
    /// as a flat vector [P] (P = total number of entries), on the parameters' device and in their dtype.
    /// </summary>
    /// <param name="loss">Computes the scalar loss from the parameters.</param>
    /// <param name="parameters">The parameters, all floating point and requiring grad, of one dtype and device.</param>
    /// <param name="vector">A flat vector [P], finite, same dtype as the parameters.</param>
    public static Tensor HessianVectorProduct(Func<Tensor> loss, IEnumerable<Tensor> parameters, Tensor vector)
    {
        Guard.NotNull(vector, nameof(vector));
        using var scope = NewDisposeScope();
        var op = new Operator(loss, parameters);
        op.CheckVector(vector, nameof(vector));
        return op.Apply(vector.to(op.Device)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The top (most positive) and bottom (most negative) eigenvalues of the Hessian of <paramref name="loss"/>, estimated
    /// by <paramref name="steps"/> Lanczos steps (one Hessian-vector product each), seeded.
    /// </summary>
    /// <param name="loss">Computes the scalar loss from the parameters.</param>
    /// <param name="parameters">The parameters, all floating point and requiring grad, of one dtype and device.</param>
    /// <param name="steps">Lanczos steps k ≥ 1; capped at P, where the Ritz values are H's eigenvalues up to rounding.</param>
    /// <param name="seed">Seed of the Gaussian start vector (and of restarts after a breakdown).</param>
    public static HessianEigenvalues TopBottomEigenvalues(Func<Tensor> loss, IEnumerable<Tensor> parameters, int steps = 20, int seed = 0)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be at least 1.");
        using var scope = NewDisposeScope();
        var op = new Operator(loss, parameters);
        int k = (int)Math.Min(steps, op.Count);
        var ritz = Lanczos(op, k, seed);
        return new HessianEigenvalues(ritz[^1], ritz[0], ritz, k);
    }

    /// <summary>Ritz values (ascending) after k Lanczos steps with full re-orthogonalisation.</summary>
    private static double[] Lanczos(Operator op, int k, int seed)
    {
        using var random = new Generator((ulong)seed);
        double tolerance = Math.Sqrt(op.DType == ScalarType.Float64 ? 2.2e-16 : 1.2e-7);
        var basis = new List<Tensor>(k);
        var alphas = new double[k];
        var betas = new double[Math.Max(k - 1, 0)];
        var v = Normalised(RandomVector(op, random));
        double scale = 0;
        for (int j = 0; j < k; j++)
        {
            basis.Add(v);
            var w = op.Apply(v);
            alphas[j] = w.dot(v).ToDouble();
            w = w.add(v, alpha: -alphas[j]);
            if (j > 0) w = w.add(basis[j - 1], alpha: -betas[j - 1]);
            w = Orthogonalise(w, basis);
            scale = Math.Max(scale, Math.Abs(alphas[j]) + (j > 0 ? betas[j - 1] : 0));
            if (j == k - 1) break;
            double beta = w.norm().ToDouble();
            if (!double.IsFinite(beta) || !double.IsFinite(alphas[j]))
                throw new ArgumentException("The Hessian-vector product is not finite; check the loss and the parameters.", "loss");
            if (beta <= tolerance * Math.Max(scale, double.Epsilon))
            {
                // The Krylov space is invariant: its Ritz values are exact; go on in the orthogonal complement.
                betas[j] = 0;
                v = Normalised(Orthogonalise(RandomVector(op, random), basis));
            }
            else
            {
                betas[j] = beta;
                v = w.div(beta);
            }
        }
        var t = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < k; i++)
        {
            t[i, i] = alphas[i];
            if (i + 1 < k) t[i, i + 1] = t[i + 1, i] = betas[i];
        }
        var values = t.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(values);
        return values;
    }

    private static Tensor RandomVector(Operator op, Generator random) =>
        randn(op.Count, dtype: float64, generator: random).to(op.DType).to(op.Device);

    private static Tensor Normalised(Tensor v) => v.div(v.norm());

    /// <summary>Two passes of classical Gram–Schmidt against the basis (enough for full re-orthogonalisation).</summary>
    private static Tensor Orthogonalise(Tensor w, List<Tensor> basis)
    {
        var q = stack(basis);
        for (int pass = 0; pass < 2; pass++)
            w = w.sub(q.t().mv(q.mv(w)));
        return w;
    }

    /// <summary>The loss's gradient, kept with its graph, from which every Hessian-vector product is one more reverse pass.</summary>
    private sealed class Operator
    {
        private readonly Tensor[] parameters;
        private readonly Tensor? gradient;
        private readonly long[] sizes;

        public Operator(Func<Tensor> loss, IEnumerable<Tensor> parameters)
        {
            Guard.NotNull(loss, nameof(loss));
            Guard.NotNull(parameters, nameof(parameters));
            this.parameters = parameters.ToArray();
            if (this.parameters.Length == 0)
                throw new ArgumentException("parameters must hold at least one tensor.", nameof(parameters));
            var first = this.parameters[0] ?? throw new ArgumentException("parameters[0] is null.", nameof(parameters));
            for (int i = 0; i < this.parameters.Length; i++)
            {
                var p = this.parameters[i] ?? throw new ArgumentException($"parameters[{i}] is null.", nameof(parameters));
                if (!p.is_floating_point())
                    throw new ArgumentException($"parameters[{i}] must be floating point; got {p.dtype}.", nameof(parameters));
                if (!p.requires_grad)
                    throw new ArgumentException($"parameters[{i}] must require grad.", nameof(parameters));
                if (p.dtype != first.dtype || !Devices.Same(p.device, first.device))
                    throw new ArgumentException(
                        $"parameters must share one dtype and device; parameters[{i}] is {p.dtype} on {p.device}, parameters[0] {first.dtype} on {first.device}.",
                        nameof(parameters));
            }
            DType = first.dtype;
            Device = first.device;
            sizes = this.parameters.Select(p => p.numel()).ToArray();
            Count = sizes.Sum();

            using var enableGrad = enable_grad();
            var value = loss();
            if (value is null) throw new ArgumentException("loss returned null; it must return the scalar loss.", nameof(loss));
            if (value.numel() != 1)
                throw new ArgumentException($"loss must return a scalar; it returned shape [{string.Join(", ", value.shape)}].", nameof(loss));
            double lossValue = value.detach().reshape(-1)[0].ToDouble();
            if (!double.IsFinite(lossValue))
                throw new ArgumentException($"loss is not finite ({lossValue}).", nameof(loss));
            if (!value.requires_grad)
            {
                gradient = null;   // the loss does not depend on the parameters: H = 0
                return;
            }
            var grads = autograd.grad([value], this.parameters, retain_graph: true, create_graph: true, allow_unused: true);
            gradient = cat(grads.Select((g, i) => Defined(g, i).reshape(-1)).ToArray());
        }

        public long Count { get; }
        public ScalarType DType { get; }
        public Device Device { get; }

        public void CheckVector(Tensor vector, string name)
        {
            if (vector.dim() != 1 || vector.shape[0] != Count)
                throw new ArgumentException($"{name} must be a flat vector of shape [{Count}] (all parameter entries); got [{string.Join(", ", vector.shape)}].", name);
            if (vector.dtype != DType)
                throw new ArgumentException($"{name} must have the parameters' dtype {DType}; got {vector.dtype}.", name);
            using var scope = NewDisposeScope();
            if (vector.isfinite().logical_not().any().item<bool>())
                throw new ArgumentException($"{name} must be finite; it contains NaN or infinity.", name);
        }

        /// <summary>H·v for a flat v [P]; detached.</summary>
        public Tensor Apply(Tensor v)
        {
            if (gradient is null || !gradient.requires_grad)
                return zeros(Count, dtype: DType, device: Device);   // the gradient is constant: H = 0
            var products = autograd.grad([gradient], parameters, [v], retain_graph: true, create_graph: false, allow_unused: true);
            return cat(products.Select((h, i) => Defined(h, i).reshape(-1)).ToArray()).detach();
        }

        private Tensor Defined(Tensor g, int i) =>
            g is null || g.IsInvalid ? zeros_like(parameters[i]) : g;
    }
}

using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// Soft debias (Bolukbasi et al., 2016, section 5, "soften"): a linear map T (d × d) that keeps the inner products of the
/// vocabulary while shrinking the projections of bias-neutral words on the bias subspace,
/// min_T ‖(TW)ᵀ(TW) − WᵀW‖²_F + λ ‖(TN)ᵀ(TB)‖²_F (W: vocabulary vectors as columns, N: neutral words, B: subspace basis).
/// Debiased vectors are Tw scaled to unit length.
/// <para>SVD-reduced form (Bolukbasi et al.'s supplement): with W = U S Vᵀ (here from the d × d Gram matrix, never the
/// n × n one), the first term equals ‖S Uᵀ (TᵀT − I) U S‖²_F, so the optimisation works on d × d matrices only.</para>
/// <para>Variant pinned: both terms are divided by their value at T = I (‖WᵀW‖²_F and ‖NᵀB‖²_F) so that λ weighs
/// relative distortion against relative remaining bias and does not depend on the vocabulary size; T starts at the
/// identity and is fitted by Adam (the paper used a semidefinite solver on X = TᵀT; Manzini et al.'s code takes ten
/// plain gradient steps from a random T, which hardly optimises at all).</para>
/// </summary>
public sealed class SoftDebias : IVectorTransform
{
    private Tensor? transform;

    /// <summary>The fitted T (d × d, float64); vectors map as x ↦ x Tᵀ.</summary>
    public Tensor Matrix => transform ?? throw new InvalidOperationException("Call Fit before using SoftDebias.");

    /// <inheritdoc />
    public int Dimension => (int)Matrix.shape[0];

    /// <summary>Relative inner-product distortion (first term) after fitting.</summary>
    public double Distortion { get; private set; }

    /// <summary>Relative remaining bias of the neutral words (second term, before λ) after fitting.</summary>
    public double RemainingBias { get; private set; }

    /// <summary>Objective every 50 steps (for a convergence plot).</summary>
    public IReadOnlyList<double> LossHistory { get; private set; } = [];

    /// <summary>Fits T.</summary>
    /// <param name="vocabulary">Vocabulary vectors W as rows [n, d] (scaled to unit length inside).</param>
    /// <param name="neutral">Bias-neutral word vectors N as rows [m, d] (scaled to unit length inside).</param>
    /// <param name="subspace">The bias subspace B.</param>
    /// <param name="lambda">Weight λ ≥ 0 of the bias term.</param>
    /// <param name="steps">Adam steps.</param>
    /// <param name="learningRate">Adam step size.</param>
    public SoftDebias Fit(Tensor vocabulary, Tensor neutral, BiasSubspace subspace, double lambda = 0.2, int steps = 1000, double learningRate = 0.01)
    {
        Guard.NotNull(subspace, nameof(subspace));
        VectorChecks.Rows(vocabulary, nameof(vocabulary), subspace.Dimension, minRows: 1);
        VectorChecks.Rows(neutral, nameof(neutral), subspace.Dimension, minRows: 1);
        Guard.NonNegative(lambda, nameof(lambda));
        Guard.Positive(steps, nameof(steps));
        Guard.Positive(learningRate, nameof(learningRate));

        using var scope = NewDisposeScope();
        var device = vocabulary.device;
        var w = VectorChecks.UnitRows(vocabulary);
        var (eigenvalues, eigenvectors) = linalg.eigh(w.T.matmul(w)); // WᵀW = U S² Uᵀ (U: d × d)
        var us = eigenvectors * eigenvalues.clamp_min(0).sqrt().unsqueeze(0); // U S
        var n = VectorChecks.UnitRows(neutral);
        var b = subspace.Components.to(ScalarType.Float64, device);
        double scaleGram = eigenvalues.square().sum().item<double>();
        var neutralGram = n.T.matmul(n); // ‖N X Bᵀ‖² = tr((X Bᵀ)ᵀ NᵀN (X Bᵀ)): d × d work per step, whatever the number of neutral words
        double scaleBias = Math.Max(n.matmul(b.T).square().sum().item<double>(), 1e-300);
        long d = w.shape[1];
        var identity = eye(d, dtype: ScalarType.Float64, device: device);
        var t = new TorchSharp.Modules.Parameter(identity.clone());
        using var optimizer = optim.Adam([t], learningRate);
        var history = new List<double>();
        for (int step = 0; step <= steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var x = t.T.matmul(t);
            var distortion = us.T.matmul(x - identity).matmul(us).square().sum() / scaleGram;
            var y = x.matmul(b.T);
            var bias = (y * neutralGram.matmul(y)).sum() / scaleBias;
            var loss = distortion + lambda * bias;
            if (step % 50 == 0 || step == steps) history.Add(loss.item<double>());
            if (step == steps)
            {
                Distortion = distortion.item<double>();
                RemainingBias = bias.item<double>();
                break;
            }
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        LossHistory = history;
        transform?.Dispose();
        transform = t.detach().clone().DetachFromDisposeScope();
        return this;
    }

    /// <summary>Maps every row x to x Tᵀ / ‖x Tᵀ‖.</summary>
    public Tensor Transform(Tensor vectors, bool inPlace = false)
    {
        var t = Matrix;
        VectorChecks.Rows(vectors, nameof(vectors), t.shape[0]);
        using var scope = NewDisposeScope();
        var x = vectors.detach();
        var y = x.matmul(t.to(x.dtype, x.device).T);
        var result = (y / y.norm(1, keepdim: true).clamp_min(1e-12)).MoveToOuterDisposeScope();
        return VectorTransforms.Finish(vectors, result, inPlace);
    }
}

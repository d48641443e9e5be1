using TorchSharp;
using System.Diagnostics;
using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// DeepSoftDebias (Rakshit et al., 2024, "From prejudice to parity: a new approach to debiasing large language model
/// word embeddings"): soft debias with the linear map T replaced by a neural network f, trained on the same two aims,
/// ‖f(W) f(W)ᵀ − W Wᵀ‖²_F (inner products kept, on mini-batches of the vocabulary) + λ ‖f(N) Bᵀ‖²_F (neutral words
/// orthogonal to the bias subspace B). Debiased vectors are f(w) scaled to unit length.
/// <para>Variant pinned (the reference code was not found in the stored corpora; the architecture is ours): f is a
/// residual MLP f(x) = x + V·GELU(U x + c) + e whose output layer starts at zero, so training starts from the identity;
/// both terms are divided by their value at f = identity, as in <see cref="SoftDebias"/>, so λ means the same in both.
/// The bias term measures the mapped neutral words against the fixed subspace B, not against f(B) as the linear form
/// (TN)ᵀ(TB) would suggest: a network can move the image of the bias direction alone (it is not a word, so no
/// inner-product term pins it) and satisfy f(N)·f(B) = 0 without changing any word, which we observed.</para>
/// </summary>
public sealed class DeepSoftDebias : IVectorTransform
{
    private Network? network;

    /// <inheritdoc />
    public int Dimension { get; private set; }

    /// <summary>Objective every 50 steps.</summary>
    public IReadOnlyList<double> LossHistory { get; private set; } = [];

    /// <summary>Wall-clock fit time.</summary>
    public TimeSpan FitTime { get; private set; }

    /// <summary>Fits f.</summary>
    /// <param name="vocabulary">Vocabulary vectors [n, d] (scaled to unit length inside).</param>
    /// <param name="neutral">Bias-neutral word vectors [m, d] (unit length inside).</param>
    /// <param name="subspace">The bias subspace B.</param>
    /// <param name="lambda">Weight λ ≥ 0 of the bias term.</param>
    /// <param name="hidden">Width of the hidden layer.</param>
    /// <param name="steps">Adam steps.</param>
    /// <param name="batchSize">Vocabulary rows, and neutral words, drawn per step.</param>
    /// <param name="learningRate">Adam step size.</param>
    /// <param name="seed">Seeds initialisation and batch sampling.</param>
    public DeepSoftDebias Fit(Tensor vocabulary, Tensor neutral, BiasSubspace subspace, double lambda = 0.2, int hidden = 256,
        int steps = 1000, int batchSize = 512, double learningRate = 1e-3, int seed = 0)
    {
        Guard.NotNull(subspace, nameof(subspace));
        VectorChecks.Rows(vocabulary, nameof(vocabulary), subspace.Dimension, minRows: 2);
        VectorChecks.Rows(neutral, nameof(neutral), subspace.Dimension, minRows: 1);
        Guard.NonNegative(lambda, nameof(lambda));
        Guard.Positive(hidden, nameof(hidden));
        Guard.Positive(steps, nameof(steps));
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.Positive(learningRate, nameof(learningRate));

        var clock = Stopwatch.StartNew();
        var device = vocabulary.device;
        Training.Seeds.Apply(seed);
        network?.Dispose();
        var net = new Network(subspace.Dimension, hidden);
        net.to(device);
        using var scope = NewDisposeScope();
        var w = VectorChecks.UnitRows(vocabulary).to(ScalarType.Float32);
        var n = VectorChecks.UnitRows(neutral).to(ScalarType.Float32);
        var b = subspace.Components.to(ScalarType.Float32, device);
        float scaleBias = Math.Max(n.matmul(b.T).square().sum().item<float>(), 1e-12f);
        var generator = new Generator((ulong)seed, device);
        int batch = (int)Math.Min(batchSize, w.shape[0]);
        int neutralBatch = (int)Math.Min(batchSize, n.shape[0]); // mini-batches of neutral words too: a full pass over them every step dominated the cost
        using var optimizer = optim.Adam(net.parameters(), learningRate);
        var history = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var rows = randint(0, w.shape[0], [batch], generator: generator, device: device); // with replacement: cheaper than a permutation per step
            var wb = w.index_select(0, rows);
            var gram = wb.matmul(wb.T);
            var fw = net.forward(wb);
            var distortion = (fw.matmul(fw.T) - gram).square().sum() / gram.square().sum();
            var nb = neutralBatch == n.shape[0] ? n : n.index_select(0, randint(0, n.shape[0], [neutralBatch], generator: generator, device: device));
            var bias = net.forward(nb).matmul(b.T).square().sum() / (scaleBias * neutralBatch / n.shape[0]);
            var loss = distortion + lambda * bias;
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if (step % 50 == 0 || step == steps - 1) history.Add(loss.item<float>());
            if (!float.IsFinite(loss.item<float>())) throw new Training.TrainingDivergedException(step, double.NaN);
        }
        net.eval();
        network = net;
        Dimension = subspace.Dimension;
        LossHistory = history;
        FitTime = clock.Elapsed;
        return this;
    }

    /// <summary>Maps every row x to f(x) / ‖f(x)‖.</summary>
    public Tensor Transform(Tensor vectors, bool inPlace = false)
    {
        var net = network ?? throw new InvalidOperationException("Call Fit before using DeepSoftDebias.");
        VectorChecks.Rows(vectors, nameof(vectors), Dimension);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = vectors.detach();
        var y = net.forward(x.to(ScalarType.Float32));
        var result = (y / y.norm(1, keepdim: true).clamp_min(1e-12)).to(x.dtype).MoveToOuterDisposeScope();
        return VectorTransforms.Finish(vectors, result, inPlace);
    }

    /// <summary>x + V·GELU(U x + c) + e with V, e starting at zero.</summary>
    private sealed class Network : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear inner;
        private readonly TorchSharp.Modules.Linear outer;

        public Network(int dimension, int hidden) : base(nameof(DeepSoftDebias))
        {
            inner = nn.Linear(dimension, hidden);
            outer = nn.Linear(hidden, dimension);
            using (no_grad())
            {
                outer.weight!.zero_();
                outer.bias!.zero_();
            }
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x + outer.forward(nn.functional.gelu(inner.forward(x)));
    }
}

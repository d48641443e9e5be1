using DebiasKit.Data;
using DebiasKit.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.SemiSupervised;

/// <summary>
/// Semi-supervised training by confident pseudo-labels, with the debiasing arms DeCrisisMB (Zou, Zhou, Zhang and Caragea,
/// "DeCrisisMB: Debiased Semi-Supervised Learning for Crisis Tweet Classification via Memory Bank", Findings of EMNLP
/// 2023) compares. Each step:
/// <list type="number">
/// <item>a labelled batch (x_l, y_l) and an unlabelled batch u are drawn (seeded passes, as data loaders);</item>
/// <item>pseudo-labels ŷ = argmax softmax(f(weak(u))), kept where the probability is ≥ τ (no gradient);
/// DebiasPL adjusts the logits by −λ·log q̂ first (<see cref="Functional.DebiasedPseudoLabels"/>);</item>
/// <item>plain / DebiasPL: every kept example is used. DeCrisisMB: the kept examples are pushed into per-class FIFO queues
/// (<see cref="ClassBalancedMemoryBank"/>, storing the example's index and pseudo-label), and the loss uses
/// <c>BankSamplesPerClass</c> entries drawn without replacement from every queue, but only once every queue holds at
/// least that many (before that, no unsupervised loss) — so the pseudo-labels used are exactly balanced over classes;</item>
/// <item>loss = CE(f(weak(x_l)), y_l) + λ_u·min(1, t/T_ramp)·L_u(f(strong(u_used)), ŷ_used), L_u the mean over the used
/// examples of cross-entropy or of the squared error of <see cref="Functional.ProbabilitySquaredError"/>; one Adam step.</item>
/// </list>
/// Variant pinned against the reference code (github.com/HenryPengZou/DeCrisisMB, main.py with psl_mode and
/// investigate='psl_num', utils/memorybank.py): queues keep the newest entries, sampling waits until every class has
/// enough entries and draws without replacement, the current batch's own pseudo-labels reach the loss only through
/// the bank, a stored example keeps the pseudo-label it was stored with. Not reproduced: the reference's EMA model for
/// evaluation and its early stopping on validation accuracy (the model is returned after the last step), and its
/// BERT encoder. With λ_u = 0 no unlabelled batch is drawn and the run is supervised training on the same labelled
/// batches.
/// </summary>
public static class PseudoLabelTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> in place and returns pseudo-label statistics. The model is left in evaluation mode.
    /// </summary>
    /// <param name="model">The classifier, already on its device; maps inputs [n, …] to logits [n, C].</param>
    /// <param name="labeled">Labelled examples (features in the model's input format, e.g. word ids).</param>
    /// <param name="unlabeled">Unlabelled inputs [N_u, …], same format as the labelled features.</param>
    /// <param name="options">Steps, batch sizes, threshold, debiasing and seed.</param>
    /// <param name="unlabeledLabels">True labels of the unlabelled inputs (int64 [N_u]), only to score the pseudo-labels.</param>
    public static PseudoLabelHistory Fit(nn.Module<Tensor, Tensor> model, ClassificationData labeled, Tensor unlabeled,
        SemiSupervisedOptions options, Tensor? unlabeledLabels = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(labeled, nameof(labeled));
        Guard.NotNull(unlabeled, nameof(unlabeled));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        if (labeled.Count == 0) throw new ArgumentException("labeled holds no examples.", nameof(labeled));
        if (labeled.Classes < 2) throw new ArgumentException("labeled must have at least 2 classes.", nameof(labeled));
        if (unlabeled.dim() != labeled.Features.dim() || !unlabeled.shape.Skip(1).SequenceEqual(labeled.Features.shape.Skip(1)) || unlabeled.dtype != labeled.Features.dtype)
            throw new ArgumentException($"unlabeled must be {labeled.Features.dtype} [N_u, {string.Join(", ", labeled.Features.shape.Skip(1))}] like the labelled features; got {unlabeled.dtype} [{string.Join(", ", unlabeled.shape)}].", nameof(unlabeled));
        bool semi = options.UnsupervisedWeight > 0;
        if (semi && unlabeled.shape[0] == 0) throw new ArgumentException("unlabeled holds no examples.", nameof(unlabeled));
        long[]? truth = null;
        if (unlabeledLabels is not null)
        {
            if (unlabeledLabels.dim() != 1 || unlabeledLabels.shape[0] != unlabeled.shape[0] || unlabeledLabels.dtype != ScalarType.Int64)
                throw new ArgumentException($"unlabeledLabels must be int64 [{unlabeled.shape[0]}].", nameof(unlabeledLabels));
            using var cpuTruth = unlabeledLabels.cpu();
            truth = cpuTruth.data<long>().ToArray();
        }
        var parameters = model.parameters().ToList();
        if (parameters.Count == 0) throw new ArgumentException("model has no parameters to train.", nameof(model));
        var device = parameters[0].device;
        int classes = labeled.Classes;

        using var optimizer = optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        using var labeledOrder = new Generator((ulong)options.Seed);
        using var unlabeledOrder = new Generator((ulong)options.Seed + 1_000_003UL);
        using var augmentation = new Generator((ulong)options.Seed + 2_000_006UL);
        var random = new Random(options.Seed);
        var labeledBatches = new BatchCycle(labeled.Count, options.LabeledBatch, labeledOrder);
        var unlabeledBatches = semi ? new BatchCycle(unlabeled.shape[0], options.UnlabeledBatch, unlabeledOrder) : null;
        var bank = options.Debiasing == PseudoLabelDebiasing.MemoryBank ? new ClassBalancedMemoryBank(classes, 1, options.BankCapacityPerClass) : null;
        var marginal = options.Debiasing == PseudoLabelDebiasing.LogitAdjusted ? new ClassMarginalEstimate(classes, options.MarginalMomentum) : null;
        var selected = new long[classes];
        var selectedCorrect = new long[classes];
        var used = new long[classes];
        var usedByStep = new List<long[]>(options.Steps);
        Tensor View(Augmentation? augment, Tensor x) => augment is null ? x : augment(x, augmentation);

        try
        {
            model.train();
            for (int step = 0; step < options.Steps; step++)
            {
                using var scope = NewDisposeScope();
                var labeledIndex = labeledBatches.Next().to(labeled.Features.device);
                var xl = View(options.WeakAugment, labeled.Features.index_select(0, labeledIndex)).to(device);
                var yl = labeled.Labels.index_select(0, labeledIndex).to(device);
                var stepUsed = new long[classes];
                Tensor? xu = null, yu = null;
                if (semi)
                {
                    var batch = unlabeledBatches!.Next();
                    var u = unlabeled.index_select(0, batch.to(unlabeled.device));
                    Tensor weakLogits;
                    using (no_grad()) weakLogits = model.forward(View(options.WeakAugment, u).to(device));
                    var (pseudo, mask) = marginal is null
                        ? Functional.PseudoLabels(weakLogits, options.Threshold)
                        : Functional.DebiasedPseudoLabels(weakLogits, marginal.Value, options.DebiasStrength, options.Threshold);
                    marginal?.Update(weakLogits);
                    var keep = mask.cpu();
                    var keptIndex = batch.masked_select(keep);
                    var keptLabels = pseudo.cpu().masked_select(keep);
                    var keptIndexArray = keptIndex.data<long>().ToArray();
                    var keptLabelArray = keptLabels.data<long>().ToArray();
                    for (int i = 0; i < keptLabelArray.Length; i++)
                    {
                        selected[keptLabelArray[i]]++;
                        if (truth is not null && truth[keptIndexArray[i]] == keptLabelArray[i]) selectedCorrect[keptLabelArray[i]]++;
                    }
                    Tensor useIndex = keptIndex, useLabels = keptLabels;
                    if (bank is not null)
                    {
                        if (keptIndexArray.Length > 0) bank.Add(keptIndex.to_type(ScalarType.Float32).unsqueeze(1), keptLabels);
                        if (bank.Counts.All(n => n >= options.BankSamplesPerClass))
                        {
                            var (rows, labels) = bank.Sample(options.BankSamplesPerClass, random);
                            useIndex = rows.squeeze(1).round().to_type(ScalarType.Int64);
                            useLabels = labels;
                        }
                        else
                        {
                            useIndex = empty(0, dtype: ScalarType.Int64);
                            useLabels = empty(0, dtype: ScalarType.Int64);
                        }
                    }
                    foreach (var label in useLabels.data<long>().ToArray()) stepUsed[label]++;
                    if (useIndex.shape[0] > 0)
                    {
                        xu = View(options.StrongAugment, unlabeled.index_select(0, useIndex.to(unlabeled.device))).to(device);
                        yu = useLabels.to(device);
                    }
                }
                for (int c = 0; c < classes; c++) used[c] += stepUsed[c];
                usedByStep.Add(stepUsed);

                optimizer.zero_grad();
                long nl = yl.shape[0];
                var logits = model.forward(xu is null ? xl : cat([xl, xu], 0));
                var loss = nn.functional.cross_entropy(logits.narrow(0, 0, nl), yl);
                if (xu is not null)
                {
                    var logitsU = logits.narrow(0, nl, logits.shape[0] - nl);
                    var lu = options.Loss == ConsistencyLoss.CrossEntropy
                        ? nn.functional.cross_entropy(logitsU, yu!)
                        : Functional.ProbabilitySquaredError(logitsU, yu!);
                    double ramp = options.RampUpSteps == 0 ? 1 : Math.Clamp((double)step / options.RampUpSteps, 0, 1);
                    loss = loss + options.UnsupervisedWeight * ramp * lu;
                }
                loss.backward();
                optimizer.step();
            }
        }
        finally
        {
            model.eval();
            labeledBatches.Dispose();
            unlabeledBatches?.Dispose();
        }
        return new PseudoLabelHistory(selected, truth is null ? null : selectedCorrect, used, usedByStep);
    }

    /// <summary>Seeded passes over n indices in batches; a new permutation after each pass (the last batch may be smaller).</summary>
    private sealed class BatchCycle(long count, int batchSize, Generator generator) : IDisposable
    {
        private Tensor? order;
        private long position;

        public Tensor Next()
        {
            if (order is null || position >= count)
            {
                order?.Dispose();
                order = randperm(count, generator: generator);
                order.MoveToOuterDisposeScope();
                position = 0;
            }
            long size = Math.Min(batchSize, count - position);
            var batch = order.narrow(0, position, size).clone();
            position += size;
            return batch;
        }

        public void Dispose() => order?.Dispose();
    }
}

/// <summary>
/// Pseudo-label statistics of a run, per class (of the pseudo-label): confident pseudo-labels selected over all steps,
/// how many of them were right (when true labels were given), how many pseudo-labelled rows entered the unsupervised
/// loss (for the memory bank: the rows drawn from it), and the latter per step.
/// </summary>
public sealed record PseudoLabelHistory(IReadOnlyList<long> Selected, IReadOnlyList<long>? SelectedCorrect, IReadOnlyList<long> Used,
    IReadOnlyList<long[]> UsedByStep)
{
    /// <summary>Share of all selected pseudo-labels that were right; NaN without true labels or selections.</summary>
    public double SelectedAccuracy => SelectedCorrect is null || Selected.Sum() == 0 ? double.NaN : (double)SelectedCorrect.Sum() / Selected.Sum();
}

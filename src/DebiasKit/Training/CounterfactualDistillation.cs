using DebiasKit.Data;
using DebiasKit.Explain;
using DebiasKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>How a teacher's verdict on a counterfactual that flipped the student makes it a Clever-Hans one, and its label.</summary>
public enum CleverHansRule
{
    /// <summary>
    /// The teacher's class ℓ differs from the target t; the counterfactual is added with ℓ (the construction as the
    /// issue states it: "those the teacher labels differently, with the teacher's label").
    /// </summary>
    TeacherDisagrees,

    /// <summary>
    /// The reference's model teacher (peal/teachers/model2model_teacher.py): the teacher's logit of the target t does not
    /// exceed its logit of the source class s ("false" feedback); the counterfactual is added with s
    /// (peal/adaptors/counterfactual_knowledge_distillation.py, <c>create_dataset</c>).
    /// </summary>
    SourceOverTarget,
}

/// <summary>
/// A teacher's verdict on a batch of counterfactuals: which of them flipped the student to their target and which of
/// those the teacher rejects (the Clever-Hans ones, by <see cref="Rule"/>). Owns <see cref="Counterfactuals"/>.
/// </summary>
/// <param name="Counterfactuals">The counterfactual inputs, [M, F] (the student's input space).</param>
/// <param name="Sources">The class of the training example each counterfactual was made from.</param>
/// <param name="Targets">The class each counterfactual was meant to flip the student to.</param>
/// <param name="StudentLabels">The student's class for each counterfactual.</param>
/// <param name="TeacherLabels">The teacher's class for each counterfactual.</param>
/// <param name="TeacherPrefersTarget">Whether the teacher's logit of the target exceeds its logit of the source class.</param>
/// <param name="Rule">Which counterfactuals are Clever-Hans and how they are labelled.</param>
public sealed record CounterfactualFeedback(Tensor Counterfactuals, long[] Sources, long[] Targets, long[] StudentLabels, long[] TeacherLabels,
    bool[] TeacherPrefersTarget, CleverHansRule Rule) : IDisposable
{
    /// <summary>Whether each counterfactual flipped the student to its target.</summary>
    public bool[] Valid => StudentLabels.Select((s, i) => s == Targets[i]).ToArray();

    /// <summary>
    /// Whether each counterfactual is a Clever-Hans one: it flipped the student to its target but the teacher rejects it
    /// (by <see cref="Rule"/>), so the student changed its mind for a reason the teacher does not accept.
    /// </summary>
    public bool[] CleverHans => Rule == CleverHansRule.TeacherDisagrees
        ? CounterfactualDistillation.CleverHans(StudentLabels, Targets, TeacherLabels)
        : StudentLabels.Select((s, i) => s == Targets[i] && !TeacherPrefersTarget[i]).ToArray();

    /// <summary>The label each counterfactual gets if it is added: the teacher's class, or the source class (by <see cref="Rule"/>).</summary>
    public long[] AddedLabels => Rule == CleverHansRule.TeacherDisagrees ? TeacherLabels.ToArray() : Sources.ToArray();

    /// <summary>Number of counterfactuals that flipped the student.</summary>
    public int ValidCount => Valid.Count(v => v);

    /// <summary>Number of Clever-Hans counterfactuals.</summary>
    public int CleverHansCount => CleverHans.Count(c => c);

    /// <summary>Among the valid counterfactuals, the share the teacher accepts (NaN when none is valid): the reference's fa_1sided.</summary>
    public double TeacherAgreement => ValidCount == 0 ? double.NaN : 1.0 - CleverHansCount / (double)ValidCount;

    /// <summary>
    /// The Clever-Hans counterfactuals with their labels (<see cref="AddedLabels"/>): the examples CFKD adds to the
    /// training data. The caller owns the result.
    /// </summary>
    public ClassificationData CleverHansData(int classes)
    {
        Guard.Positive(classes, nameof(classes));
        var rows = CleverHans.Select((c, i) => (c, i)).Where(t => t.c).Select(t => (long)t.i).ToArray();
        var labels = AddedLabels;
        using var index = tensor(rows, device: Counterfactuals.device);
        using var added = tensor(rows.Select(i => labels[i]).ToArray(), device: Counterfactuals.device);
        return new ClassificationData(Counterfactuals.index_select(0, index), added.clone(), classes);
    }

    /// <inheritdoc />
    public void Dispose() => Counterfactuals.Dispose();
}

/// <summary>What one CFKD iteration did.</summary>
/// <param name="Iteration">1-based iteration.</param>
/// <param name="Generated">Counterfactuals searched.</param>
/// <param name="Valid">Of those, the ones that flipped the student to their target.</param>
/// <param name="CleverHans">Of those, the ones the teacher labelled otherwise (added to the training data).</param>
/// <param name="TeacherAgreement">Valid counterfactuals the teacher labelled as the target, as a share.</param>
/// <param name="MixingRatio">The share of the fine-tuning objective given to the counterfactuals.</param>
/// <param name="AddedTotal">Counterfactuals accumulated so far.</param>
public sealed record DistillationIteration(int Iteration, int Generated, int Valid, int CleverHans, double TeacherAgreement, double MixingRatio,
    long AddedTotal);

/// <summary>Settings of CounterfactualDistillation.Run.</summary>
public sealed record CounterfactualDistillationOptions
{
    /// <summary>Explain–label–fine-tune rounds.</summary>
    public int Iterations { get; init; } = 2;

    /// <summary>Counterfactuals searched per round (the reference's <c>min_train_samples</c>).</summary>
    public int CounterfactualsPerIteration { get; init; } = 200;

    /// <summary>The explainer's settings.</summary>
    public LatentCounterfactualOptions Explainer { get; init; } = new();

    /// <summary>The fine-tuning run of every round (epochs, optimiser, learning rate, seed).</summary>
    public TrainOptions FineTune { get; init; } = new() { Epochs = 5, LearningRate = 0.01 };

    /// <summary>Upper bound of the mixing ratio min(<see cref="MaxMixingRatio"/>, 1 − teacher agreement); the reference's 0.5.</summary>
    public double MaxMixingRatio { get; init; } = 0.5;

    /// <summary>Which counterfactuals are Clever-Hans and how they are labelled.</summary>
    public CleverHansRule Rule { get; init; } = CleverHansRule.TeacherDisagrees;

    /// <summary>Seeds the choice of source examples and target classes.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        Guard.Positive(Iterations, nameof(Iterations));
        Guard.Positive(CounterfactualsPerIteration, nameof(CounterfactualsPerIteration));
        Guard.NotNull(Explainer, nameof(Explainer));
        Guard.NotNull(FineTune, nameof(FineTune));
        Explainer.Validate();
        FineTune.Validate();
        Guard.InRange(MaxMixingRatio, 0, 1, nameof(MaxMixingRatio), highOpen: true);
    }
}

/// <summary>
/// Counterfactual knowledge distillation (CFKD; "Towards Fixing Clever-Hans Predictors with Counterfactual Knowledge
/// Distillation", ICCV 2023 Workshops), the construction Hackstein and
/// Bender (2025, "Imbalanced Classification through the Lens of Spurious Correlations", arXiv:2510.27650, paper 074)
/// apply to class imbalance. One round:
/// <list type="number">
/// <item>pick training examples x the student classifies correctly (class y) and a target class t ≠ y for each;</item>
/// <item>search a counterfactual x' that flips the student to t (<see cref="LatentCounterfactual"/>, a minimal edit in a
/// generator's latent space);</item>
/// <item>let a teacher (the paper's domain expert) label every x' that flipped the student; those it rejects are
/// Clever-Hans counterfactuals: the student changed its mind for a reason the teacher does not accept
/// (<see cref="CleverHansRule"/>: the teacher's class ℓ ≠ t, or, as the reference's model teacher, its logit of t not above
/// its logit of y);</item>
/// <item>add the Clever-Hans counterfactuals, with the teacher's label ℓ (or y, by the rule), to the training data and fine-tune the student
/// on the mixture, giving the counterfactuals the share m = min(0.5, 1 − a) of the objective, a the share of valid
/// counterfactuals the teacher labelled t;</item>
/// </list>
/// then repeat with the fine-tuned student, keeping the counterfactuals of earlier rounds.
/// <para>
/// Pinned against the reference code (github.com/Explainable-AI-Berlin/pytorch_explain_and_adapt_library,
/// peal/adaptors/counterfactual_knowledge_distillation.py and peal/teachers/model2model_teacher.py): sources are
/// correctly classified training examples; a counterfactual the teacher rejects ("false") is added, one it accepts
/// ("true") is not; the mixing ratio is min(0.5, 1 − fa_1sided); the student is fine-tuned from its current weights
/// (<c>continuous_learning</c>); <see cref="CleverHansRule.SourceOverTarget"/> is the reference's model-teacher rule,
/// <see cref="CleverHansRule.TeacherDisagrees"/> (the default) the issue's wording (in two-class problems the rules
/// coincide). The reference's "ood" feedback (a human rejecting an unrealistic image) has no counterpart. The reference draws (source, target)
/// pairs from the student's validation confusion matrix; here sources are drawn class-balanced and targets uniformly
/// among the other classes. The reference mixes data loaders batch by batch; here the mixture is a weighted loss,
/// mean(w · CE) with per-example weights (1 − m)·N/N_train on training examples and m·N/N_cf on counterfactuals
/// (N = N_train + N_cf), which has the same expected gradient.
/// </para>
/// </summary>
public static class CounterfactualDistillation
{
    /// <summary>
    /// The selection rule: counterfactual i is Clever-Hans when it flipped the student to its target
    /// (<paramref name="studentLabels"/>[i] = <paramref name="targets"/>[i]) and the teacher labels it otherwise
    /// (<paramref name="teacherLabels"/>[i] ≠ <paramref name="targets"/>[i]).
    /// </summary>
    public static bool[] CleverHans(IReadOnlyList<long> studentLabels, IReadOnlyList<long> targets, IReadOnlyList<long> teacherLabels)
    {
        Guard.NotNull(studentLabels, nameof(studentLabels));
        Guard.NotNull(targets, nameof(targets));
        Guard.NotNull(teacherLabels, nameof(teacherLabels));
        if (studentLabels.Count != targets.Count)
            throw new ArgumentException($"studentLabels holds {studentLabels.Count} labels but targets holds {targets.Count}.", nameof(studentLabels));
        if (teacherLabels.Count != targets.Count)
            throw new ArgumentException($"teacherLabels holds {teacherLabels.Count} labels but targets holds {targets.Count}.", nameof(teacherLabels));
        return targets.Select((t, i) => studentLabels[i] == t && teacherLabels[i] != t).ToArray();
    }

    /// <summary>The mixing ratio min(<paramref name="maxRatio"/>, 1 − <paramref name="teacherAgreement"/>); 0 when the agreement is NaN (no valid counterfactual).</summary>
    public static double MixingRatio(double teacherAgreement, double maxRatio = 0.5)
    {
        Guard.InRange(maxRatio, 0, 1, nameof(maxRatio));
        if (double.IsNaN(teacherAgreement)) return 0;
        Guard.InRange(teacherAgreement, 0, 1, nameof(teacherAgreement));
        return Math.Min(maxRatio, 1 - teacherAgreement);
    }

    /// <summary>
    /// Labels counterfactuals with the student and the teacher. The result holds a copy of the counterfactual inputs.
    /// </summary>
    /// <param name="counterfactuals">The explainer's result (its inputs, targets and the student's classes).</param>
    /// <param name="sources">The class of the example each counterfactual was made from.</param>
    /// <param name="teacher">Classifier inputs [M, F] → teacher logits [M, C].</param>
    /// <param name="rule">Which counterfactuals are Clever-Hans and how they are labelled.</param>
    public static CounterfactualFeedback Label(LatentCounterfactualResult counterfactuals, IReadOnlyList<long> sources, Func<Tensor, Tensor> teacher,
        CleverHansRule rule = CleverHansRule.TeacherDisagrees)
    {
        Guard.NotNull(counterfactuals, nameof(counterfactuals));
        Guard.NotNull(sources, nameof(sources));
        Guard.NotNull(teacher, nameof(teacher));
        int m = counterfactuals.Targets.Length;
        if (sources.Count != m)
            throw new ArgumentException($"sources must hold one class per counterfactual ({m}); it holds {sources.Count}.", nameof(sources));
        long[] teacherLabels;
        bool[] prefersTarget;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var logits = teacher(counterfactuals.Inputs);
            if (logits.dim() != 2 || logits.shape[0] != m)
                throw new ArgumentException($"teacher must return logits [{m}, C]; it returned [{string.Join(", ", logits.shape)}].", nameof(teacher));
            long classes = logits.shape[1];
            for (int i = 0; i < m; i++)
                if (sources[i] < 0 || sources[i] >= classes)
                    throw new ArgumentOutOfRangeException(nameof(sources), sources[i], $"sources[{i}] must lie in [0, {classes - 1}].");
            teacherLabels = logits.argmax(1).cpu().data<long>().ToArray();
            var device = logits.device;
            var atTarget = logits.gather(1, tensor(counterfactuals.Targets, device: device).unsqueeze(1)).squeeze(1);
            var atSource = logits.gather(1, tensor(sources.ToArray(), device: device).unsqueeze(1)).squeeze(1);
            prefersTarget = atTarget.gt(atSource).cpu().data<bool>().ToArray();
        }
        return new CounterfactualFeedback(counterfactuals.Inputs.detach().clone(), sources.ToArray(), counterfactuals.Targets.ToArray(),
            counterfactuals.Predicted.ToArray(), teacherLabels, prefersTarget, rule);
    }

    /// <summary>
    /// Per-example weights of the fine-tuning mixture: (1 − m)·N/N_train for each of the <paramref name="trainCount"/>
    /// training examples, then m·N/N_cf for each of the <paramref name="counterfactualCount"/> counterfactuals
    /// (N = N_train + N_cf), so that the weights average 1 and the counterfactuals carry the share m of the loss.
    /// </summary>
    public static double[] MixtureWeights(long trainCount, long counterfactualCount, double mixingRatio)
    {
        Guard.Positive(trainCount, nameof(trainCount));
        Guard.NonNegative(counterfactualCount, nameof(counterfactualCount));
        Guard.InRange(mixingRatio, 0, 1, nameof(mixingRatio), highOpen: true);
        double total = trainCount + counterfactualCount;
        double ratio = counterfactualCount == 0 ? 0 : mixingRatio;
        var weights = new double[total > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(trainCount)) : (int)total];
        for (long i = 0; i < trainCount; i++) weights[i] = (1 - ratio) * total / trainCount;
        for (long i = trainCount; i < (long)total; i++) weights[i] = ratio * total / counterfactualCount;
        return weights;
    }

    /// <summary>
    /// Runs CFKD on <paramref name="student"/> in place with a <see cref="SmallVae"/> as the generator, and returns what
    /// every round did. The VAE is put in evaluation mode and gets no gradients during the run.
    /// </summary>
    /// <param name="student">The trained student (classifier inputs → logits), on the training device.</param>
    /// <param name="train">The student's training data (its inputs and labels).</param>
    /// <param name="generatorInputs">The same training examples in the VAE's input space (intensities in [0, 1]), [N, F'].</param>
    /// <param name="vae">The generator, trained beforehand.</param>
    /// <param name="toClassifierInput">Maps decoded intensities to the student's inputs, differentiably (identity when null).</param>
    /// <param name="teacher">Student inputs [M, F] → teacher logits [M, C].</param>
    /// <param name="options">Rounds, budget, explainer and fine-tuning settings; defaults when null.</param>
    public static IReadOnlyList<DistillationIteration> Run(nn.Module<Tensor, Tensor> student, ClassificationData train, Tensor generatorInputs,
        SmallVae vae, Func<Tensor, Tensor>? toClassifierInput, Func<Tensor, Tensor> teacher, CounterfactualDistillationOptions? options = null)
    {
        Guard.NotNull(vae, nameof(vae));
        using var frozen = LatentCounterfactual.Freeze(vae);
        var (encode, decode) = LatentCounterfactual.Coder(vae, toClassifierInput);
        return Run(student, train, generatorInputs, encode, decode, teacher, options);
    }

    /// <summary>
    /// Runs CFKD on <paramref name="student"/> in place with any encoder and decoder, and returns what every round did.
    /// </summary>
    /// <param name="student">The trained student (classifier inputs → logits), on the training device.</param>
    /// <param name="train">The student's training data (its inputs and labels).</param>
    /// <param name="generatorInputs">The same training examples in the encoder's input space, [N, ...].</param>
    /// <param name="encode">Generator inputs [M, ...] → latent codes [M, D].</param>
    /// <param name="decode">Latent codes [M, D] → student inputs [M, F], differentiable.</param>
    /// <param name="teacher">Student inputs [M, F] → teacher logits [M, C].</param>
    /// <param name="options">Rounds, budget, explainer and fine-tuning settings; defaults when null.</param>
    public static IReadOnlyList<DistillationIteration> Run(nn.Module<Tensor, Tensor> student, ClassificationData train, Tensor generatorInputs,
        Func<Tensor, Tensor> encode, Func<Tensor, Tensor> decode, Func<Tensor, Tensor> teacher, CounterfactualDistillationOptions? options = null)
    {
        Guard.NotNull(student, nameof(student));
        Guard.NotNull(train, nameof(train));
        Guard.NotNull(generatorInputs, nameof(generatorInputs));
        Guard.NotNull(encode, nameof(encode));
        Guard.NotNull(decode, nameof(decode));
        Guard.NotNull(teacher, nameof(teacher));
        options ??= new CounterfactualDistillationOptions();
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("train holds no examples.", nameof(train));
        if (generatorInputs.dim() < 1 || generatorInputs.shape[0] != train.Count)
            throw new ArgumentException($"generatorInputs must hold one row per training example ({train.Count}); got [{string.Join(", ", generatorInputs.shape)}].", nameof(generatorInputs));

        var labels = train.LabelArray();
        var random = new Random(options.Seed);
        var reports = new List<DistillationIteration>();
        var added = new List<ClassificationData>();
        try
        {
            for (int iteration = 1; iteration <= options.Iterations; iteration++)
            {
                // 1. Sources: correctly classified training examples, class-balanced; targets: another class, uniformly.
                var predicted = Trainer.Predict(student, train.Features);
                var (sourceRows, targets) = ChooseSources(labels, predicted, train.Classes, options.CounterfactualsPerIteration, random);
                if (sourceRows.Length == 0) break;
                int valid, cleverHans;
                double agreement;
                using (var scope = NewDisposeScope())
                {
                    // 2. Counterfactuals; 3. the teacher's labels.
                    using var rows = tensor(sourceRows, device: generatorInputs.device);
                    var start = encode(generatorInputs.index_select(0, rows));
                    using var counterfactuals = LatentCounterfactual.Search(student, decode, start, targets, options.Explainer);
                    using var feedback = Label(counterfactuals, sourceRows.Select(r => labels[r]).ToArray(), teacher, options.Rule);
                    valid = feedback.ValidCount;
                    cleverHans = feedback.CleverHansCount;
                    agreement = feedback.TeacherAgreement;
                    if (cleverHans > 0)
                    {
                        var set = feedback.CleverHansData(train.Classes);
                        set.Features.MoveToOuterDisposeScope();
                        set.Labels.MoveToOuterDisposeScope();
                        added.Add(set);
                    }
                }
                // 4. Fine-tune on the training data plus every counterfactual added so far.
                double mixing = MixingRatio(agreement, options.MaxMixingRatio);
                long addedTotal = added.Sum(a => a.Count);
                if (addedTotal > 0 && mixing > 0) FineTune(student, train, added, mixing, options.FineTune with { Seed = options.FineTune.Seed + iteration });
                reports.Add(new DistillationIteration(iteration, sourceRows.Length, valid, cleverHans, agreement, mixing, addedTotal));
            }
        }
        finally
        {
            foreach (var set in added) set.Dispose();
        }
        return reports;
    }

    private static void FineTune(nn.Module<Tensor, Tensor> student, ClassificationData train, IReadOnlyList<ClassificationData> added, double mixing,
        TrainOptions options)
    {
        using var scope = NewDisposeScope();
        var device = train.Features.device;
        var features = cat(new[] { train.Features }.Concat(added.Select(a => a.Features.to(device))).ToArray(), 0);
        var labels = cat(new[] { train.Labels }.Concat(added.Select(a => a.Labels.to(device))).ToArray(), 0);
        using var mixture = new ClassificationData(features, labels, train.Classes);
        long counterfactualCount = added.Sum(a => a.Count);
        var weights = tensor(MixtureWeights(train.Count, counterfactualCount, mixing), dtype: float32, device: device);
        Trainer.Fit(student, mixture, weights,
            (logits, targets, w, epoch) => (nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None) * w.to(logits.dtype)).mean(),
            options);
    }

    private static (long[] Rows, long[] Targets) ChooseSources(long[] labels, long[] predicted, int classes, int budget, Random random)
    {
        var correct = Enumerable.Range(0, classes).Select(_ => new List<long>()).ToArray();
        for (int i = 0; i < labels.Length; i++)
            if (predicted[i] == labels[i]) correct[labels[i]].Add(i);
        var usable = Enumerable.Range(0, classes).Where(c => correct[c].Count > 0).ToArray();
        var rows = new List<long>();
        var targets = new List<long>();
        if (usable.Length == 0 || classes < 2) return ([], []);
        for (int k = 0; k < budget; k++)
        {
            int c = usable[k % usable.Length];   // class-balanced: the classes take turns
            rows.Add(correct[c][random.Next(correct[c].Count)]);
            int t = random.Next(classes - 1);
            targets.Add(t >= c ? t + 1 : t);     // uniform over the other classes
        }
        return (rows.ToArray(), targets.ToArray());
    }
}

using DebiasKit.Data;
using DebiasKit.Explain;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class CounterfactualDistillationTests
{
    /// <summary>
    /// Five counterfactuals over three classes whose inputs are also the teacher's logits (the teacher is the identity):
    /// <code>
    /// row  input (= teacher logits)  source target student | teacher class  logit t > logit s
    ///  0   (0.1, 0.9, 0.0)             0      1      1     |      1              yes
    ///  1   (0.8, 0.1, 0.1)             0      1      1     |      0              no
    ///  2   (0.1, 0.3, 0.6)             0      1      1     |      2              yes
    ///  3   (0.2, 0.7, 0.1)             2      0      1     |      1  (did not flip the student)
    ///  4   (0.5, 0.2, 0.3)             2      1      1     |      0              no
    /// </code>
    /// </summary>
    private static (LatentCounterfactualResult Result, long[] Sources) FiveCounterfactuals()
    {
        var inputs = tensor(new[] { 0.1, 0.9, 0.0, 0.8, 0.1, 0.1, 0.1, 0.3, 0.6, 0.2, 0.7, 0.1, 0.5, 0.2, 0.3 }, [5, 3], dtype: float64);
        var result = new LatentCounterfactualResult(inputs, zeros(5, 2), zeros(5, 2), [1, 1, 1, 0, 1], [1, 1, 1, 1, 1],
            [0.9, 0.9, 0.9, 0.1, 0.9], [1, 1, 1, 1, 1]);
        return (result, [0, 0, 0, 2, 2]);
    }

    [Fact]
    public void The_teacher_disagrees_rule_adds_exactly_the_flipped_counterfactuals_the_teacher_labels_otherwise_with_its_label()
    {
        using var scope = NewDisposeScope();
        var (counterfactuals, sources) = FiveCounterfactuals();
        using var feedback = CounterfactualDistillation.Label(counterfactuals, sources, x => x.alias());
        Assert.Equal(new long[] { 1, 0, 2, 1, 0 }, feedback.TeacherLabels);
        Assert.Equal(new[] { true, false, true, true, false }, feedback.TeacherPrefersTarget);
        Assert.Equal(new[] { true, true, true, false, true }, feedback.Valid);
        // Rows 1, 2 and 4 flipped the student and the teacher says another class; row 3 did not flip the student.
        Assert.Equal(new[] { false, true, true, false, true }, feedback.CleverHans);
        Assert.Equal(0.25, feedback.TeacherAgreement, 12);   // 1 of the 4 valid ones accepted
        using var added = feedback.CleverHansData(3);
        Assert.Equal(new long[] { 0, 2, 0 }, added.LabelArray());
        AllClose(new[] { 0.8, 0.1, 0.1, 0.1, 0.3, 0.6, 0.5, 0.2, 0.3 }, ToDoubles(added.Features), 0);
        Assert.Equal(new[] { false, true, true, false, true },
            CounterfactualDistillation.CleverHans(feedback.StudentLabels, feedback.Targets, feedback.TeacherLabels));
    }

    [Fact]
    public void The_reference_rule_adds_the_flipped_counterfactuals_whose_teacher_logit_of_the_target_is_not_above_the_source_with_the_source_label()
    {
        using var scope = NewDisposeScope();
        var (counterfactuals, sources) = FiveCounterfactuals();
        using var feedback = CounterfactualDistillation.Label(counterfactuals, sources, x => x.alias(), CleverHansRule.SourceOverTarget);
        // Row 2: the teacher's class is 2, not the target, but its logit of the target (0.3) beats the source's (0.1): accepted.
        Assert.Equal(new[] { false, true, false, false, true }, feedback.CleverHans);
        Assert.Equal(0.5, feedback.TeacherAgreement, 12);
        using var added = feedback.CleverHansData(3);
        Assert.Equal(new long[] { 0, 2 }, added.LabelArray());
        AllClose(new[] { 0.8, 0.1, 0.1, 0.5, 0.2, 0.3 }, ToDoubles(added.Features), 0);
    }

    [Fact]
    public void The_mixture_weights_average_one_and_give_the_counterfactuals_their_share()
    {
        // 6 training examples, 2 counterfactuals, m = 0.5: N = 8; (1 − 0.5)·8/6 = 2/3 each, 0.5·8/2 = 2 each.
        AllClose(new[] { 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2, 2 }, CounterfactualDistillation.MixtureWeights(6, 2, 0.5), 1e-12);
        // m = 0.25 is the counterfactuals' natural share 2/8: every weight 1.
        AllClose(Enumerable.Repeat(1.0, 8).ToArray(), CounterfactualDistillation.MixtureWeights(6, 2, 0.25), 1e-12);
        // No counterfactuals: plain training whatever m.
        AllClose(Enumerable.Repeat(1.0, 3).ToArray(), CounterfactualDistillation.MixtureWeights(3, 0, 0.4), 1e-12);
        Assert.Equal(0.5, CounterfactualDistillation.MixingRatio(0.2));
        Assert.Equal(0.3, CounterfactualDistillation.MixingRatio(0.7), 12);
        Assert.Equal(0.0, CounterfactualDistillation.MixingRatio(double.NaN));
    }

    /// <summary>
    /// Two classes in two dimensions: x₀ = ±1 plus noise carries the class (what the teacher looks at), x₁ = ±1 exactly
    /// copies the class in training (a shortcut a linear student leans on).
    /// </summary>
    private static ClassificationData Shortcut(int n, int seed, bool decorrelated)
    {
        var random = new Random(seed);
        var features = new double[2 * n];
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            double sign = 2 * labels[i] - 1;
            features[2 * i] = sign + 1.2 * (random.NextDouble() * 2 - 1);
            features[2 * i + 1] = decorrelated ? (random.Next(2) * 2 - 1) : sign;
        }
        return new ClassificationData(tensor(features, [n, 2], dtype: float32), tensor(labels), 2);
    }

    private static double Reliance(nn.Module<Tensor, Tensor> student)
    {
        // |Δw₁| / |Δw₀| with Δw = w(class 1) − w(class 0): how much more the student weighs the shortcut than the signal.
        var w = ToDoubles(student.parameters().First());
        return Math.Abs(w[3] - w[1]) / Math.Abs(w[2] - w[0]);
    }

    [Fact]
    public void Cfkd_moves_a_linear_student_off_a_shortcut_the_teacher_ignores()
    {
        using var scope = NewDisposeScope();
        var train = Shortcut(200, 1, decorrelated: false);
        var test = Shortcut(400, 2, decorrelated: true);
        Seeds.Apply(1);
        var student = nn.Linear(2, 2);
        var options = new TrainOptions { Epochs = 30, BatchSize = 32, LearningRate = 0.1, Seed = 1 };
        Trainer.Fit(student, train, (logits, y, epoch) => nn.functional.cross_entropy(logits, y), options);
        double relianceBefore = Reliance(student);
        double accuracyBefore = Accuracy(student, test);
        // The teacher: logits (−x₀, x₀), blind to x₁. The generator: the identity (latent code = input).
        Tensor Teacher(Tensor x) => cat(new[] { -x.narrow(1, 0, 1), x.narrow(1, 0, 1) }, 1);
        var rounds = CounterfactualDistillation.Run(student, train, train.Features, x => x.alias(), z => z.alias(), Teacher,
            new CounterfactualDistillationOptions
            {
                Iterations = 3,
                CounterfactualsPerIteration = 60,
                Explainer = new LatentCounterfactualOptions { LearningRate = 0.2, Steps = 100, TargetConfidence = 0.9 },
                FineTune = options with { Epochs = 10 },
            });
        Assert.Equal(3, rounds.Count);
        Assert.All(rounds, r => Assert.True(r.CleverHans <= r.Valid && r.Valid <= r.Generated && r.Generated == 60));
        Assert.True(rounds[0].CleverHans > 30, $"round 1 found {rounds[0].CleverHans} Clever-Hans counterfactuals");
        Assert.Equal(rounds.Sum(r => (long)r.CleverHans), rounds[^1].AddedTotal);
        double relianceAfter = Reliance(student), accuracyAfter = Accuracy(student, test);
        Assert.True(relianceAfter < relianceBefore / 2, $"shortcut reliance {relianceBefore:F2} → {relianceAfter:F2}");
        Assert.True(accuracyAfter > accuracyBefore + 0.05, $"decorrelated accuracy {accuracyBefore:F3} → {accuracyAfter:F3}");
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, ClassificationData data) =>
        Trainer.Predict(model, data.Features).Zip(data.LabelArray()).Count(p => p.First == p.Second) / (double)data.Count;

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("studentLabels", Assert.Throws<ArgumentException>(() => CounterfactualDistillation.CleverHans([1], [1, 2], [1, 2])).ParamName);
        Assert.Equal("teacherLabels", Assert.Throws<ArgumentException>(() => CounterfactualDistillation.CleverHans([1, 2], [1, 2], [1])).ParamName);
        var (counterfactuals, _) = FiveCounterfactuals();
        Assert.Equal("sources", Assert.Throws<ArgumentException>(() => CounterfactualDistillation.Label(counterfactuals, [0, 0], x => x.alias())).ParamName);
        Assert.Equal("sources", Assert.Throws<ArgumentOutOfRangeException>(() => CounterfactualDistillation.Label(counterfactuals, [0, 0, 0, 3, 0], x => x.alias())).ParamName);
        Assert.Equal("teacher", Assert.Throws<ArgumentException>(() => CounterfactualDistillation.Label(counterfactuals, [0, 0, 0, 2, 2], x => x.sum(1))).ParamName);
        Assert.Equal("mixingRatio", Assert.Throws<ArgumentOutOfRangeException>(() => CounterfactualDistillation.MixtureWeights(4, 2, 1.0)).ParamName);
        Assert.Equal("trainCount", Assert.Throws<ArgumentOutOfRangeException>(() => CounterfactualDistillation.MixtureWeights(0, 2, 0.5)).ParamName);
        Assert.Equal("teacherAgreement", Assert.Throws<ArgumentOutOfRangeException>(() => CounterfactualDistillation.MixingRatio(1.5)).ParamName);
        var train = Shortcut(10, 1, decorrelated: false);
        var student = nn.Linear(2, 2);
        Assert.Equal("generatorInputs", Assert.Throws<ArgumentException>(() =>
            CounterfactualDistillation.Run(student, train, zeros(9, 2), x => x.alias(), z => z.alias(), x => x.alias())).ParamName);
        Assert.Equal("Iterations", Assert.Throws<ArgumentOutOfRangeException>(() =>
            CounterfactualDistillation.Run(student, train, train.Features, x => x.alias(), z => z.alias(), x => x.alias(),
                new CounterfactualDistillationOptions { Iterations = 0 })).ParamName);
        Assert.Equal("MaxMixingRatio", Assert.Throws<ArgumentOutOfRangeException>(() =>
            CounterfactualDistillation.Run(student, train, train.Features, x => x.alias(), z => z.alias(), x => x.alias(),
                new CounterfactualDistillationOptions { MaxMixingRatio = 1 })).ParamName);
    }
}

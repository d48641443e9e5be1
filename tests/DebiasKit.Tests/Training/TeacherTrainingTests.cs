using DebiasKit.Data;
using DebiasKit.Data.Synthetic;
using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class TeacherTrainingTests
{
    private static readonly GaussianClassWorld World = GaussianClassWorld.Create(classes: 3, dimensions: 4, clustersPerClass: 1, separation: 8, seed: 1);
    private static TrainOptions Options(int seed) => new() { Epochs = 3, BatchSize = 16, LearningRate = 0.05, Seed = seed };

    [Fact]
    public void Every_batch_receives_the_teacher_rows_of_its_own_examples()
    {
        using var train = World.SampleBalanced(25, seed: 2);     // 75 examples: batches of 16 with a short last one
        // Teacher 1 is each example's label: a mismatched row shows at once.
        using var labelTeacher = train.Labels.to(float64).unsqueeze(1);
        Seeds.Apply(3);
        using var model = new Mlp(4, [8], 3);
        long seen = 0, mismatches = 0;
        TeacherTraining.Fit(model, train, [train.Features, labelTeacher], (logits, y, teachers, epoch) =>
        {
            seen += y.shape[0];
            if (!teachers[1].squeeze(1).to(int64).eq(y).all().item<bool>()) mismatches++;
            return nn.functional.cross_entropy(logits, y);
        }, Options(4));
        Assert.Equal(3 * 75, seen);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Feature_rows_match_the_batch_inputs()
    {
        // Inside the loss (before the step) the model applied to the teacher's copy of the features gives the batch's logits.
        using var train = World.SampleBalanced(20, seed: 5);
        Seeds.Apply(6);
        using var model = new Mlp(4, [8], 3);
        double worst = 0;
        TeacherTraining.Fit(model, train, [train.Features], (logits, y, teachers, epoch) =>
        {
            using (no_grad()) worst = Math.Max(worst, (model.forward(teachers[0]) - logits).abs().max().item<float>());
            return nn.functional.cross_entropy(logits, y);
        }, Options(7));
        Assert.Equal(0, worst, 6);
    }

    [Fact]
    public void Ignoring_the_teachers_gives_the_same_model_as_the_plain_trainer()
    {
        using var train = World.SampleBalanced(30, seed: 8);
        float[] Train(bool withTeacher)
        {
            Seeds.Apply(9);
            using var model = new Mlp(4, [8], 3);
            if (withTeacher)
                TeacherTraining.Fit(model, train, [train.Features], (logits, y, teachers, epoch) => nn.functional.cross_entropy(logits, y), Options(10));
            else
                Trainer.Fit(model, train, (logits, y, epoch) => nn.functional.cross_entropy(logits, y), Options(10));
            using var p = Trainer.PredictProbabilities(model, train.Features);
            return p.data<float>().ToArray();
        }
        Assert.Equal(Train(false), Train(true));
    }

    [Fact]
    public void Logits_are_the_model_outputs_in_batches_and_bad_input_is_named()
    {
        using var data = World.SampleBalanced(10, seed: 11);
        Seeds.Apply(12);
        using var model = new Mlp(4, [8], 3);
        using var logits = TeacherTraining.Logits(model, data.Features, batchSize: 7);
        using (no_grad())
        using (var direct = model.forward(data.Features))
            Assert.True(direct.allclose(logits, rtol: 0, atol: 1e-6));
        Assert.Equal(new long[] { 30, 3 }, logits.shape);

        using var wrongRows = zeros(29, 3);
        Assert.Throws<ArgumentException>("teacherLogits", () => TeacherTraining.Fit(model, data, [wrongRows], (l, y, t, e) => l.sum(), Options(1)));
        using var integer = zeros(new long[] { 30, 3 }, dtype: int64);
        Assert.Throws<ArgumentException>("teacherLogits", () => TeacherTraining.Fit(model, data, [integer], (l, y, t, e) => l.sum(), Options(1)));
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => TeacherTraining.Logits(model, data.Features, batchSize: 0));
    }
}

using DebiasKit.Metrics;
using Xunit;

namespace DebiasKit.Tests.Metrics;

public class FailurePredictionTests
{
    // Six predictions ranked by confidence 0.9 … 0.4; the ones at 0.7 and 0.4 are wrong.
    private static readonly double[] Confidence = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    private static readonly bool[] Correct = [true, true, false, true, true, false];

    [Fact]
    public void Hand_computed_values()
    {
        // AUROC: correct 0.9, 0.8, 0.6, 0.5 against wrong 0.7, 0.4: pairs won 2 + 2 + 1 + 1 = 6 of 8.
        Assert.Equal(0.75, FailurePrediction.Auroc(Confidence, Correct), 14);
        // AUPR-Error, ranking by uncertainty (ascending confidence): error at rank 1 (precision 1/1), error at rank 4 (2/4) → (1 + 0.5) / 2.
        Assert.Equal(0.75, FailurePrediction.AuprError(Confidence, Correct), 14);
        // AUPR-Success, descending confidence: successes at ranks 1, 2, 4, 5 → (1 + 1 + 3/4 + 4/5) / 4 = 0.8875.
        Assert.Equal(0.8875, FailurePrediction.AuprSuccess(Confidence, Correct), 14);
        // FPR at 95 % TPR: 0.95 · 4 = 3.8 → all 4 successes must pass, threshold 0.5; errors at or above it: 0.7 → 1 of 2.
        Assert.Equal(0.5, FailurePrediction.FprAtTpr(Confidence, Correct), 14);
        // TPR 1/2: threshold 0.8, no error accepted; TPR 3/4: threshold 0.6, the error at 0.7 accepted.
        Assert.Equal(0.0, FailurePrediction.FprAtTpr(Confidence, Correct, 0.5), 14);
        Assert.Equal(0.5, FailurePrediction.FprAtTpr(Confidence, Correct, 0.75), 14);
        // OOD: in-distribution 0.9, 0.6 against out 0.7, 0.2: pairs won 2 + 1 = 3 of 4.
        Assert.Equal(0.75, FailurePrediction.OutOfDistributionAuroc([0.9, 0.6], [0.7, 0.2]), 14);
    }

    [Fact]
    public void Uninformative_and_perfect_confidences()
    {
        var flat = Enumerable.Repeat(0.5, 6).ToArray();
        Assert.Equal(0.5, FailurePrediction.Auroc(flat, Correct), 14);
        Assert.Equal(1.0, FailurePrediction.FprAtTpr(flat, Correct), 14);           // one threshold: everything is accepted
        Assert.Equal(2.0 / 6, FailurePrediction.AuprError(flat, Correct), 14);       // chance level = error rate
        double[] perfect = [0.9, 0.8, 0.1, 0.7, 0.6, 0.2];
        Assert.Equal(1.0, FailurePrediction.Auroc(perfect, Correct), 14);
        Assert.Equal(1.0, FailurePrediction.AuprError(perfect, Correct), 14);
        Assert.Equal(0.0, FailurePrediction.FprAtTpr(perfect, Correct), 14);
    }

    [Fact]
    public void Match_naive_loops_on_random_scores()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 40 + trial;
            var confidence = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();   // no ties (almost surely)
            var correct = confidence.Select(c => random.NextDouble() < 0.3 + 0.6 * c).ToArray();
            if (correct.All(c => c) || !correct.Any(c => c)) continue;

            // AUPR-Error without ties: the mean, over the errors, of the precision at each error's rank by uncertainty.
            var ascending = Enumerable.Range(0, n).OrderBy(i => confidence[i]).ToArray();
            double sum = 0;
            int errorsSeen = 0;
            for (int rank = 0; rank < n; rank++)
                if (!correct[ascending[rank]]) sum += (double)++errorsSeen / (rank + 1);
            Assert.Equal(sum / errorsSeen, FailurePrediction.AuprError(confidence, correct), 12);

            // FPR at 95 % TPR: over every threshold t that accepts at least 95 % of the successes, the smallest share of errors accepted.
            int successes = correct.Count(c => c), errors = n - successes;
            double best = 1;
            foreach (var t in confidence)
            {
                int tp = Enumerable.Range(0, n).Count(i => correct[i] && confidence[i] >= t);
                int fp = Enumerable.Range(0, n).Count(i => !correct[i] && confidence[i] >= t);
                if (tp >= 0.95 * successes) best = Math.Min(best, (double)fp / errors);
            }
            Assert.Equal(best, FailurePrediction.FprAtTpr(confidence, correct), 14);

            // AUROC: share of (success, error) pairs the confidence orders right.
            double won = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (correct[i] && !correct[j]) won += confidence[i] > confidence[j] ? 1 : confidence[i] == confidence[j] ? 0.5 : 0;
            Assert.Equal(won / ((double)successes * errors), FailurePrediction.Auroc(confidence, correct), 12);
        }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>("correct", () => FailurePrediction.Auroc([0.1, 0.2], [true]));
        Assert.Throws<ArgumentException>("confidence", () => FailurePrediction.AuprError([double.NaN, 0.2], [true, false]));
        Assert.Throws<ArgumentException>("correct", () => FailurePrediction.AuprError([0.1, 0.2], [true, true]));
        Assert.Throws<ArgumentException>("correct", () => FailurePrediction.AuprSuccess([0.1, 0.2], [false, false]));
        Assert.Throws<ArgumentException>("correct", () => FailurePrediction.FprAtTpr([0.1, 0.2], [true, true]));
        Assert.Throws<ArgumentOutOfRangeException>("truePositiveRate", () => FailurePrediction.FprAtTpr([0.1, 0.2], [true, false], 0));
        Assert.Throws<ArgumentException>("confidence", () => FailurePrediction.Auroc([], []));
        Assert.Throws<ArgumentException>("outOfDistribution", () => FailurePrediction.OutOfDistributionAuroc([0.5], []));
        Assert.Throws<ArgumentException>("inDistribution", () => FailurePrediction.OutOfDistributionAuroc([double.PositiveInfinity], [0.5]));
    }
}

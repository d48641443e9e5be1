using DebiasKit.Training;
using Xunit;

namespace DebiasKit.Tests.Training;

public class SchedulesTests
{
    /// <summary>
    /// The LDAM-DRW reference code's adjust_learning_rate, re-implemented: epoch = epoch + 1; warm-up for 5 epochs,
    /// then ×0.0001 after 180, ×0.01 after 160, else the base rate.
    /// </summary>
    private static double ReferenceRate(int epoch, double lr)
    {
        epoch += 1;
        if (epoch <= 5) return lr * epoch / 5;
        if (epoch > 180) return lr * 0.0001;
        if (epoch > 160) return lr * 0.01;
        return lr;
    }

    [Fact]
    public void Warmup_then_step_matches_the_reference_schedule_for_all_200_epochs()
    {
        var schedule = Schedules.WarmupThenStep(0.1, 5, [160, 180], [0.01, 0.0001]);
        for (int epoch = 0; epoch < 200; epoch++)
            Assert.True(Math.Abs(ReferenceRate(epoch, 0.1) - schedule(epoch)) <= 1e-15,
                $"epoch {epoch}: reference {ReferenceRate(epoch, 0.1)}, schedule {schedule(epoch)}");
        // Spot values: first warm-up epoch 0.1/5, epoch 159 (the 160th) still 0.1, epoch 160 annealed.
        Assert.Equal(0.02, schedule(0), 15);
        Assert.Equal(0.1, schedule(159), 15);
        Assert.Equal(0.001, schedule(160), 15);
        Assert.Equal(0.00001, schedule(180), 15);
    }

    [Fact]
    public void No_warmup_starts_at_the_base_rate()
    {
        var schedule = Schedules.WarmupThenStep(0.5, 0, [2], [0.1]);
        Assert.Equal(0.5, schedule(0));
        Assert.Equal(0.5, schedule(1));
        Assert.Equal(0.05, schedule(2), 15);
    }

    [Fact]
    public void Constant_is_constant()
    {
        var schedule = Schedules.Constant(0.03);
        Assert.All(Enumerable.Range(0, 50), e => Assert.Equal(0.03, schedule(e)));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => Schedules.Constant(0)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => Schedules.WarmupThenStep(-0.1, 5, [10], [0.1])).ParamName);
        Assert.Equal("warmupEpochs", Assert.ThrowsAny<ArgumentException>(() => Schedules.WarmupThenStep(0.1, -1, [10], [0.1])).ParamName);
        Assert.Equal("factors", Assert.ThrowsAny<ArgumentException>(() => Schedules.WarmupThenStep(0.1, 5, [10, 20], [0.1])).ParamName);
        Assert.Equal("milestones", Assert.ThrowsAny<ArgumentException>(() => Schedules.WarmupThenStep(0.1, 5, [20, 20], [0.1, 0.01])).ParamName);
        Assert.Equal("milestones", Assert.ThrowsAny<ArgumentException>(() => Schedules.WarmupThenStep(0.1, 5, null!, [0.1])).ParamName);
    }
}

using DebiasKit.Losses;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Losses;

public class DeferredReweightingTests
{
    private static readonly long[] Counts = [400, 100, 25];

    [Fact]
    public void Uniform_weights_before_the_start_epoch_and_balanced_from_it_on()
    {
        var drw = new DeferredReweighting(Counts, startEpoch: 3, beta: 0.999);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.False(drw.IsReweighting(epoch));
            AllClose([1, 1, 1], drw.WeightsAt(epoch), 0);
        }
        var balanced = ClassWeights.EffectiveNumber(Counts, 0.999);
        for (int epoch = 3; epoch < 6; epoch++)
        {
            Assert.True(drw.IsReweighting(epoch));
            AllClose(balanced, drw.WeightsAt(epoch), 0);
        }
        Assert.True(balanced[2] > balanced[0]);   // the switch really changes the weights
        Assert.Equal(3, drw.StartEpoch);
        Assert.Equal(0.999, drw.Beta);
        AllClose(balanced, drw.BalancedWeights, 0);
    }

    [Fact]
    public void Start_epoch_zero_reweights_from_the_first_epoch()
    {
        var drw = new DeferredReweighting(Counts, startEpoch: 0);
        AllClose(ClassWeights.EffectiveNumber(Counts, 0.9999), drw.WeightsAt(0), 0);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Equal("startEpoch", Assert.ThrowsAny<ArgumentException>(() => new DeferredReweighting(Counts, startEpoch: -1)).ParamName);
        Assert.Equal("classCounts", Assert.ThrowsAny<ArgumentException>(() => new DeferredReweighting([3, 0], startEpoch: 1)).ParamName);
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => new DeferredReweighting(Counts, startEpoch: 1, beta: 1)).ParamName);
        var drw = new DeferredReweighting(Counts, startEpoch: 2);
        Assert.Equal("epoch", Assert.ThrowsAny<ArgumentException>(() => drw.WeightsAt(-1)).ParamName);
    }
}

using DebiasKit.Losses;
using DebiasKit.Stats;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Stats;

public class AppearanceClustersTests
{
    // Three groups on a line: {0, 0.1, 0.2} (3 points), {10, 10.1} (2), {20} (1).
    private static readonly double[][] Points = [[0], [0.1], [0.2], [10], [10.1], [20]];

    [Fact]
    public void Hand_computed_likelihoods_assignments_and_strata()
    {
        var clusters = AppearanceClusters.Fit(Points, 3, seed: 1);
        int Of(int point) => clusters.Clustering.Assignments[point];
        int big = Of(0), middle = Of(3), small = Of(5);
        Assert.Equal(3, new[] { big, middle, small }.Distinct().Count());
        Assert.Equal(3, clusters.Sizes[big]);
        // p = size / largest size: 3/3, 2/3, 1/3
        Assert.Equal(1.0, clusters.ClusterLikelihood[big], 15);
        Assert.Equal(2.0 / 3, clusters.ClusterLikelihood[middle], 15);
        Assert.Equal(1.0 / 3, clusters.ClusterLikelihood[small], 15);
        // per sample, the same as DatasetEquity's likelihood computed from the assignments alone
        AllClose(DatasetEquity.ClusterLikelihood(clusters.Clustering.Assignments), clusters.SampleLikelihood.ToArray(), 0);
        // nearest centre (centres 0.1, 10.05, 20)
        Assert.Equal(new[] { small, big, middle, middle }, clusters.Assign([[19], [0.05], [9], [15]]));
        // strata by cumulative training share: the smallest cluster alone holds 1/6, with the middle one 3/6
        Assert.Equal(new[] { small }, clusters.Rarest(0.2));
        Assert.Equal(new[] { middle, small }.Order(), clusters.Rarest(0.5));
        Assert.Equal(new[] { small }, clusters.Rarest(0.01));          // at least one cluster
        Assert.Equal(new[] { big }, clusters.MostFrequent(0.5));        // 3/6 fits, adding 2/6 would not
        Assert.Equal(new[] { big, middle }.Order(), clusters.MostFrequent(0.9));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var clusters = AppearanceClusters.Fit(Points, 2);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => clusters.Assign([[1, 2]])).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => clusters.Assign([[double.NaN]])).ParamName);
        Assert.Equal("share", Assert.ThrowsAny<ArgumentException>(() => clusters.Rarest(0)).ParamName);
        Assert.Equal("share", Assert.ThrowsAny<ArgumentException>(() => clusters.MostFrequent(1.5)).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => AppearanceClusters.Fit(Points, 7)).ParamName);   // fewer points than clusters
        Assert.Equal("clusters", Assert.ThrowsAny<ArgumentException>(() => AppearanceClusters.Fit(Points, 0)).ParamName);
    }
}

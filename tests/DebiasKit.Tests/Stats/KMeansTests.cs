using DebiasKit.Stats;
using MathNet.Numerics.Distributions;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class KMeansTests
{
    [Fact]
    public void Separated_blobs_are_recovered_and_the_result_is_a_fixed_point_of_lloyd()
    {
        // three blobs of 40 points around (0, 0), (10, 0) and (0, 10), spread 0.5
        var normal = new Normal(0, 0.5, new Random(1));
        double[][] centres = [[0, 0], [10, 0], [0, 10]];
        var points = Enumerable.Range(0, 120).Select(i => new[] { centres[i / 40][0] + normal.Sample(), centres[i / 40][1] + normal.Sample() }).ToArray();
        var result = KMeans.Fit(points, 3, seed: 2);
        Assert.Equal(new[] { 40, 40, 40 }, result.Sizes.Order().ToArray());
        for (int blob = 0; blob < 3; blob++)   // every blob lands in one cluster of its own
            Assert.Single(Enumerable.Range(blob * 40, 40).Select(i => result.Assignments[i]).Distinct());
        // fixed point: each centre is its members' mean, each point is nearest its own centre
        for (int c = 0; c < 3; c++)
        {
            var members = Enumerable.Range(0, 120).Where(i => result.Assignments[i] == c).ToArray();
            Assert.Equal(members.Average(i => points[i][0]), result.Centres[c][0], 10);
            Assert.Equal(members.Average(i => points[i][1]), result.Centres[c][1], 10);
        }
        double Squared(double[] a, double[] b) => (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
        for (int i = 0; i < 120; i++)
            Assert.All(result.Centres, centre => Assert.True(Squared(points[i], result.Centres[result.Assignments[i]]) <= Squared(points[i], centre) + 1e-12));
        Assert.Equal(Enumerable.Range(0, 120).Sum(i => Squared(points[i], result.Centres[result.Assignments[i]])), result.Inertia, 9);
        Assert.Equal(result.Assignments, KMeans.Fit(points, 3, seed: 2).Assignments);   // seeded
    }

    [Fact]
    public void Hand_computed_one_dimensional_case_and_one_cluster_is_the_mean()
    {
        double[][] points = [[0], [1], [2], [10], [11]];
        var two = KMeans.Fit(points, 2, seed: 0);
        Assert.Equal(new[] { 1.0, 10.5 }, two.Centres.Select(c => c[0]).Order().ToArray());
        Assert.Equal(2 + 0.5, two.Inertia, 12);   // (1 + 0 + 1) + (0.25 + 0.25)
        var one = KMeans.Fit(points, 1);
        Assert.Equal(24.0 / 5, one.Centres[0][0], 12);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        double[][] points = [[0, 1], [1, 2]];
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => KMeans.Fit(points, 3)).ParamName);
        Assert.Equal("clusters", Assert.ThrowsAny<ArgumentException>(() => KMeans.Fit(points, 0)).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => KMeans.Fit([[0, 1], [1]], 1)).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => KMeans.Fit([[0, double.NaN], [1, 2]], 1)).ParamName);
    }
}

using DebiasKit.Data;
using DebiasKit.Stats;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Stats;

public class AggregateResponsesTests
{
    /// <summary>Gaussian features (n × d), responses y = xᵀθ* + σ·noise, θ* with unit norm, and random bags of k.</summary>
    private static (Matrix<double> X, double[] Y, Vector<double> Theta, BagPartition Bags) Problem(int n, int d, int k, int seed, double noise = 1.0)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = Matrix<double>.Build.Dense(n, d, (_, _) => Normal());
        var theta = Vector<double>.Build.Dense(d, _ => Normal());
        theta = theta / theta.L2Norm();
        var y = (x * theta).Select(v => v + noise * Normal()).ToArray();
        return (x, y, theta, Bags.Random(n, k, seed + 1));
    }

    [Fact]
    public void Instance_loss_is_k_times_bag_loss_plus_within_bag_spread()
    {
        var (x, y, _, bags) = Problem(60, 4, 5, seed: 1);
        var means = bags.Means(y);
        var random = new Random(2);
        for (int t = 0; t < 5; t++)
        {
            var theta = Vector<double>.Build.Dense(4, _ => random.NextDouble() * 4 - 2);
            double instance = AggregateResponses.InstanceLoss(x, bags, means, theta);
            double decomposed = 5 * AggregateResponses.BagLoss(x, bags, means, theta) + AggregateResponses.WithinBagSpread(x, bags, theta);
            Assert.Equal(instance, decomposed, 1e-9 * instance);
            // the instance loss written out with loops, independently of the library's helpers
            double loop = 0;
            for (int a = 0; a < bags.Count; a++)
                foreach (var i in bags.Members(a))
                {
                    double prediction = 0;
                    for (int j = 0; j < 4; j++) prediction += x[i, j] * theta[j];
                    loop += (means[a] - prediction) * (means[a] - prediction);
                }
            Assert.Equal(loop, instance, 1e-9 * loop);
        }
    }

    [Fact]
    public void Rho_zero_is_least_squares_on_bag_means_and_rho_one_on_repeated_bag_means()
    {
        var (x, y, _, bags) = Problem(200, 6, 4, seed: 3);
        var means = bags.Means(y);
        var meanFeatures = Matrix<double>.Build.Dense(bags.Count, 6, (a, j) => bags.Members(a).Average(i => x[i, j]));
        var bagOls = LinearRegression.Fit(meanFeatures, means, intercept: false).Slopes;
        Assert.True((AggregateResponses.BagLevel(x, bags, means) - bagOls).InfinityNorm() < 1e-8);

        var bagged = Matrix<double>.Build.Dense(bags.Order.Count, 6, (r, j) => x[bags.Order[r], j]);
        var repeated = Enumerable.Range(0, bags.Order.Count).Select(r => means[r / 4]).ToArray();
        var instanceOls = LinearRegression.Fit(bagged, repeated, intercept: false).Slopes;
        Assert.True((AggregateResponses.InstanceLevel(x, bags, means) - instanceOls).InfinityNorm() < 1e-8);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Interpolating_solves_the_normal_equations_built_with_loops(double rho)
    {
        // A = k Σ_a x̄_a x̄_aᵀ + ρ Σ_a Σ_i (x_i − x̄_a)(x_i − x̄_a)ᵀ, b = k Σ_a ȳ_a x̄_a, solved by LU.
        const int d = 5, k = 3;
        var (x, y, _, bags) = Problem(91, d, k, seed: 5);
        var means = bags.Means(y);
        var a = new double[d, d];
        var b = new double[d];
        for (int bag = 0; bag < bags.Count; bag++)
        {
            var members = bags.Members(bag);
            var xbar = new double[d];
            foreach (var i in members) for (int j = 0; j < d; j++) xbar[j] += x[i, j] / k;
            for (int j = 0; j < d; j++)
            {
                b[j] += k * means[bag] * xbar[j];
                for (int l = 0; l < d; l++)
                {
                    a[j, l] += k * xbar[j] * xbar[l];
                    foreach (var i in members) a[j, l] += rho * (x[i, j] - xbar[j]) * (x[i, l] - xbar[l]);
                }
            }
        }
        var expected = Matrix<double>.Build.DenseOfArray(a).LU().Solve(Vector<double>.Build.Dense(b));
        var actual = AggregateResponses.Interpolating(x, bags, means, rho);
        Assert.True((expected - actual).InfinityNorm() < 1e-9, $"max difference {(expected - actual).InfinityNorm()}");
        // and it minimises L_ρ = k·L_bag + ρ·spread: any small step away raises it
        double Objective(Vector<double> t) => k * AggregateResponses.BagLoss(x, bags, means, t) + rho * AggregateResponses.WithinBagSpread(x, bags, t);
        var random = new Random(7);
        for (int s = 0; s < 10; s++)
            Assert.True(Objective(actual + Vector<double>.Build.Dense(d, _ => 1e-3 * (random.NextDouble() - 0.5))) > Objective(actual));
    }

    [Fact]
    public void Path_equals_single_solves()
    {
        var (x, y, _, bags) = Problem(120, 5, 4, seed: 9);
        var means = bags.Means(y);
        double[] rhos = [0, 0.01, 0.3, 1];
        var path = AggregateResponses.Path(x, bags, means, rhos);
        for (int r = 0; r < rhos.Length; r++)
            Assert.True((path[r] - AggregateResponses.Interpolating(x, bags, means, rhos[r])).InfinityNorm() < 1e-12);
    }

    [Fact]
    public void Bag_level_is_unbiased_and_instance_level_shrinks_by_about_one_over_k()
    {
        // 300 seeded replications, n = 400, d = 5, k = 4, centred isotropic features: E[θ̂_bag] = θ*, while the
        // instance-level normal equations give about (n I)⁻¹ (n/k) θ* = θ*/k.
        const int d = 5, k = 4, reps = 300;
        var sumBag = Vector<double>.Build.Dense(d);
        var sumInstance = Vector<double>.Build.Dense(d);
        var squares = Vector<double>.Build.Dense(d);
        var truth = Problem(10, d, k, seed: 100).Theta;                              // one θ* for every replication
        for (int r = 0; r < reps; r++)
        {
            var fresh = Problem(400, d, k, seed: 1000 + r);                          // fresh features, noise and bags
            var noise = fresh.Y.Zip(fresh.X * fresh.Theta, (y, f) => y - f);
            var y = (fresh.X * truth).Zip(noise, (f, e) => f + e).ToArray();
            var means = fresh.Bags.Means(y);
            var bag = AggregateResponses.BagLevel(fresh.X, fresh.Bags, means);
            sumBag += bag;
            squares += bag.PointwiseMultiply(bag);
            sumInstance += AggregateResponses.InstanceLevel(fresh.X, fresh.Bags, means);
        }
        var meanBag = sumBag / reps;
        var standardError = (squares / reps - meanBag.PointwiseMultiply(meanBag)).PointwiseSqrt() / Math.Sqrt(reps);
        for (int j = 0; j < d; j++)
            Assert.True(Math.Abs(meanBag[j] - truth[j]) < 4 * standardError[j], $"coordinate {j}: mean {meanBag[j]}, truth {truth[j]}, s.e. {standardError[j]}");
        double shrinkage = (sumInstance / reps).DotProduct(truth) / truth.DotProduct(truth);
        Assert.InRange(shrinkage, 1.0 / k - 0.05, 1.0 / k + 0.05);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var (x, y, _, bags) = Problem(40, 3, 4, seed: 11);
        var means = bags.Means(y);
        string Param(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;
        Assert.Equal("rho", Param(() => AggregateResponses.Interpolating(x, bags, means, 1.5)));
        Assert.Equal("rhos", Param(() => AggregateResponses.Path(x, bags, means, [0.2, -0.1])));
        Assert.Equal("bagMeans", Param(() => AggregateResponses.BagLevel(x, bags, means.Take(5).ToArray())));
        Assert.Equal("bagMeans", Param(() => AggregateResponses.BagLevel(x, bags, means.Select(_ => double.NaN).ToArray())));
        Assert.Equal("x", Param(() => AggregateResponses.BagLevel(x.SubMatrix(0, 39, 0, 3), bags, means)));
        var withNaN = x.Clone();
        withNaN[3, 1] = double.NaN;
        Assert.Equal("x", Param(() => AggregateResponses.BagLevel(withNaN, bags, means)));
        Assert.Equal("theta", Param(() => AggregateResponses.BagLoss(x, bags, means, Vector<double>.Build.Dense(2))));
        // 10 bags of 4 for 12 features: the bag-level problem is singular, the instance-level one is not
        var wide = Problem(40, 12, 4, seed: 13);
        var wideMeans = wide.Bags.Means(wide.Y);
        var error = Assert.ThrowsAny<ArgumentException>(() => AggregateResponses.BagLevel(wide.X, wide.Bags, wideMeans));
        Assert.Equal("bags", error.ParamName);
        Assert.Contains("10 bags for 12 features", error.Message);
        Assert.Equal(12, AggregateResponses.InstanceLevel(wide.X, wide.Bags, wideMeans).Count);
    }
}

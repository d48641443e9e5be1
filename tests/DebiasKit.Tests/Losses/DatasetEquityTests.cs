using DebiasKit.Losses;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Losses;

public class DatasetEquityTests
{
    /// <summary>Plain-loop cross-entropy of one row: log Σ exp(z) − z_y.</summary>
    private static double CrossEntropy(double[] z, long y) => Math.Log(z.Sum(Math.Exp)) - z[y];

    [Fact]
    public void Hand_computed_likelihoods_and_weights()
    {
        // Clusters of sizes 4, 2, 1 → p = size / 4 = [1, 1, 1, 1, 0.5, 0.5, 0.25].
        int[] clusters = [3, 3, 3, 3, 0, 0, 9];
        var p = DatasetEquity.ClusterLikelihood(clusters);
        AllClose([1, 1, 1, 1, 0.5, 0.5, 0.25], p, 0);
        // η = 1, γ = 2: w(1) = (1 + 0)/2 = 0.5; w(0.5) = (1 + 0.25)/2 = 0.625; w(0.25) = (1 + 0.5625)/2 = 0.78125.
        AllClose([0.5, 0.5, 0.5, 0.5, 0.625, 0.625, 0.78125], DatasetEquity.Weights(p, eta: 1, gamma: 2), 1e-15);
        // Defaults η = 1, γ = 5: w(0.5) = (1 + 1/32)/2 = 0.515625.
        AllClose([0.515625], DatasetEquity.Weights(new double[] { 0.5 }), 1e-15);
    }

    [Fact]
    public void Rarer_samples_get_larger_weights_between_eta_over_eta_plus_one_and_one()
    {
        double eta = 0.5, gamma = 5;
        var p = Enumerable.Range(1, 100).Select(i => i / 100.0).ToArray();
        var w = DatasetEquity.Weights(p, eta, gamma);
        for (int i = 1; i < w.Length; i++) Assert.True(w[i] <= w[i - 1], $"weight rose with likelihood at p = {p[i]}");
        Assert.True(w[0] > w[^1]);
        Assert.Equal(eta / (eta + 1), w[^1], 15);                                 // the largest cluster: η/(η+1)
        Assert.Equal(1.0, DatasetEquity.Weights(new double[] { 0.0 }, eta, gamma)[0], 15);       // p → 0: weight 1
        AllClose(Enumerable.Repeat(1.0, 3).ToArray(), DatasetEquity.Weights(new double[] { 0.2, 0.7, 1.0 }, eta, gamma: 0), 1e-15); // γ = 0: uniform
    }

    [Fact]
    public void Tensor_weights_match_the_array_form_and_keep_device_and_dtype()
    {
        double[] p = [0.1, 0.4, 1.0, 0.0, 0.75];
        using var t = tensor(p, dtype: ScalarType.Float32);
        using var w = DatasetEquity.WeightsTensor(t, eta: 0.3, gamma: 2);
        Assert.Equal(ScalarType.Float32, w.dtype);
        Assert.Equal(t.device_type, w.device_type);
        AllClose(DatasetEquity.Weights(p, 0.3, 2), ToDoubles(w), 1e-6);
        AssertLeavesOnlyItsResult(() => DatasetEquity.WeightsTensor(t, 0.3, 2));
    }

    [Fact]
    public void Weighted_cross_entropy_matches_a_plain_loop_and_its_gradient_matches_central_differences()
    {
        var (rows, targets) = Batch(12, 4, seed: 6);
        var weights = DatasetEquity.Weights(DatasetEquity.ClusterLikelihood([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 0]), eta: 1, gamma: 2);
        double Reference(double[][] r) => Enumerable.Range(0, r.Length).Average(i => weights[i] * CrossEntropy(r[i], targets[i]));

        using var logits = ToTensor(rows, requiresGrad: true);
        using var labels = tensor(targets);
        using var w = tensor(weights, dtype: ScalarType.Float64);
        using var loss = DatasetEquity.WeightedCrossEntropy(logits, labels, w);
        Assert.Equal(Reference(rows), loss.item<double>(), 12);
        using (var sum = DatasetEquity.WeightedCrossEntropy(logits, labels, w, nn.Reduction.Sum))
            Assert.Equal(Reference(rows) * rows.Length, sum.item<double>(), 11);

        loss.backward();
        AllClose(CentralDifferences(rows, Reference), ToDoubles(logits.grad!), 1e-7);
        AssertLeavesOnlyItsResult(() => DatasetEquity.WeightedCrossEntropy(logits, labels, w, nn.Reduction.None));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("clusterIds", Assert.Throws<ArgumentException>(() => DatasetEquity.ClusterLikelihood([])).ParamName);
        Assert.Equal("clusterIds", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.ClusterLikelihood([0, -1])).ParamName);
        Assert.Equal("likelihoods", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.Weights(new double[] { 0.5, 1.2 })).ParamName);
        Assert.Equal("likelihoods", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.Weights(new double[] { double.NaN })).ParamName);
        Assert.Equal("eta", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.Weights(new double[] { 0.5 }, eta: -1)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.Weights(new double[] { 0.5 }, gamma: double.NaN)).ParamName);

        using var bad = tensor(new[] { 0.5, -0.1 });
        Assert.Equal("likelihoods", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.WeightsTensor(bad)).ParamName);
        using var ints = tensor(new long[] { 0, 1 });
        Assert.Equal("likelihoods", Assert.Throws<ArgumentException>(() => DatasetEquity.WeightsTensor(ints)).ParamName);

        using var logits = zeros(3, 2, dtype: ScalarType.Float64);
        using var labels = tensor(new long[] { 0, 1, 0 });
        using var shortWeights = ones(2, dtype: ScalarType.Float64);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => DatasetEquity.WeightedCrossEntropy(logits, labels, shortWeights)).ParamName);
        using var negative = tensor(new[] { 1.0, -1.0, 1.0 });
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetEquity.WeightedCrossEntropy(logits, labels, negative)).ParamName);
        using var outOfRange = tensor(new long[] { 0, 2, 0 });
        using var w = ones(3, dtype: ScalarType.Float64);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => DatasetEquity.WeightedCrossEntropy(logits, outOfRange, w)).ParamName);
    }
}

using DebiasKit.Data.Sampling;
using DebiasKit.Stats;
using Xunit;
using static DebiasKit.Tests.TestHelpers;

namespace DebiasKit.Tests.Data;

public class DistributionCalibrationTests
{
    private static GaussianEstimate G(double[] mean, double[,] cov) => new(mean, cov, []);

    /// <summary>Three head classes and one tail class in 2-d.</summary>
    private static GaussianEstimate[] Classes() =>
    [
        G([0, 0], new double[,] { { 1, 0 }, { 0, 1 } }),
        G([10, 0], new double[,] { { 2, 0 }, { 0, 2 } }),
        G([0, 4], new double[,] { { 1, 0.5 }, { 0.5, 1 } }),
        new([1, 1], new double[,] { { 0.5, 0 }, { 0, 0.5 } }, [1, 0, 1]),
    ];

    [Fact]
    public void The_tail_class_is_averaged_with_its_k_nearest_head_classes_plus_alpha_on_the_diagonal()
    {
        // Squared distances from the tail mean (1, 1): class 0: 1 + 1 = 2; class 1: 81 + 1 = 82; class 2: 1 + 9 = 10,
        // so with k = 2 the neighbours are 0 then 2.
        var classes = Classes();
        Assert.Equal(new[] { 0, 2 }, DistributionCalibration.NearestHeads(classes, 3, [0, 1, 2], 2));
        Assert.Equal(new[] { 0 }, DistributionCalibration.NearestHeads(classes, 3, [0, 1, 2], 1));
        var calibrated = DistributionCalibration.Calibrate(classes, 3, [0, 1, 2], k: 2, alpha: 0.1);
        // μ' = ((1, 1) + (0, 0) + (0, 4)) / 3 = (1/3, 5/3)
        AllClose([1.0 / 3, 5.0 / 3], calibrated.Mean, 1e-12);
        // Σ' = (0.5 I + I + [[1, 0.5], [0.5, 1]]) / 3 + 0.1 I = [[2.5/3 + 0.1, 0.5/3], [0.5/3, 2.5/3 + 0.1]]
        AllClose([2.5 / 3 + 0.1, 0.5 / 3, 0.5 / 3, 2.5 / 3 + 0.1],
            [calibrated.Covariance[0, 0], calibrated.Covariance[0, 1], calibrated.Covariance[1, 0], calibrated.Covariance[1, 1]], 1e-12);
        Assert.Equal(classes[3].Weights, calibrated.Weights);   // the tail's own weights are kept
        // Covariance only: the same Σ', the tail's own mean (1, 1)
        var spreadOnly = DistributionCalibration.Calibrate(classes, 3, [0, 1, 2], k: 2, alpha: 0.1, poolMeans: false);
        AllClose([1.0, 1.0], spreadOnly.Mean, 0);
        AllClose([2.5 / 3 + 0.1, 0.5 / 3, 0.5 / 3, 2.5 / 3 + 0.1],
            [spreadOnly.Covariance[0, 0], spreadOnly.Covariance[0, 1], spreadOnly.Covariance[1, 0], spreadOnly.Covariance[1, 1]], 1e-12);
    }

    [Fact]
    public void Only_the_tail_classes_change_and_the_order_of_the_tail_list_does_not_matter()
    {
        var classes = Classes();
        var a = DistributionCalibration.CalibrateTail(classes, [0, 1], [2, 3], k: 1, alpha: 0);
        var b = DistributionCalibration.CalibrateTail(classes, [0, 1], [3, 2], k: 1, alpha: 0);
        Assert.Same(classes[0], a[0]);
        Assert.Same(classes[1], a[1]);
        // class 2 (0, 4): nearest head is 0 (distance² 16 < 116) → mean (0, 2); class 3 → ((1, 1) + (0, 0)) / 2
        AllClose([0, 2], a[2].Mean, 1e-12);
        AllClose([0.5, 0.5], a[3].Mean, 1e-12);
        AllClose(a[2].Mean, b[2].Mean, 0);
        AllClose(a[3].Mean, b[3].Mean, 0);
        // k = 0 neighbours is not allowed, but a tail class listed among the heads is skipped, not pooled with itself
        Assert.Equal(new[] { 0 }, DistributionCalibration.NearestHeads(classes, 3, [3, 0], 1));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var classes = Classes();
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCalibration.Calibrate(classes, 3, [0, 1, 2], 4, 0)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCalibration.Calibrate(classes, 3, [0, 1, 2], 0, 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCalibration.Calibrate(classes, 3, [0, 1, 2], 1, -0.1)).ParamName);
        Assert.Equal("tail", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCalibration.Calibrate(classes, 4, [0, 1, 2], 1, 0)).ParamName);
        Assert.Equal("head", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCalibration.Calibrate(classes, 3, [0, 7], 1, 0)).ParamName);
        var mixed = classes.Append(G([1, 2, 3], new double[3, 3])).ToArray();
        Assert.Equal("classes[4]", Assert.Throws<ArgumentException>(() => DistributionCalibration.Calibrate(mixed, 3, [0], 1, 0)).ParamName);
        var asymmetric = classes.ToArray();
        asymmetric[0] = G([0, 0], new double[,] { { 1, 0.3 }, { 0, 1 } });
        Assert.Equal("classes[0]", Assert.Throws<ArgumentException>(() => DistributionCalibration.Calibrate(asymmetric, 3, [0], 1, 0)).ParamName);
    }
}

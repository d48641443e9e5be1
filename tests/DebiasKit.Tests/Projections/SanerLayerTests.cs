using DebiasKit.Projections;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Projections;

public class SanerLayerTests
{
    private const int D = 8;

    /// <summary>Neutral features that lean towards attribute 0, and their two attribute variants (concept + ± attribute direction).</summary>
    private static (Tensor Neutral, Tensor Variants) Biased(int texts, int seed)
    {
        var random = new Random(seed);
        var attribute = TestHelpers.Uniform(D, seed + 1);
        var neutral = new double[texts][];
        var variants = new double[texts * 2 * D];
        for (int n = 0; n < texts; n++)
        {
            var concept = TestHelpers.Uniform(D, seed + 10 + n);
            neutral[n] = concept.Zip(attribute, (c, a) => c + 0.6 * a).ToArray();
            for (int a = 0; a < 2; a++)
                for (int k = 0; k < D; k++)
                    variants[(n * 2 + a) * D + k] = concept[k] + (a == 0 ? 1 : -1) * attribute[k];
        }
        return (TestHelpers.ToTensor(neutral, ScalarType.Float32), tensor(variants.Select(v => (float)v).ToArray(), [texts, 2, D]));
    }

    [Fact]
    public void DebiasLossMatchesALoop()
    {
        var (neutral, variants) = Biased(3, 1);
        using var n = neutral;
        using var v = variants;
        var nr = TestHelpers.ToRows(n);
        var vr = TestHelpers.ToDoubles(v);
        double Cos(double[] x, double[] y) => x.Zip(y, (p, q) => p * q).Sum() / Math.Sqrt(x.Sum(p => p * p) * y.Sum(q => q * q));
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            var cos = Enumerable.Range(0, 2).Select(a => Cos(nr[i], vr.Skip((i * 2 + a) * D).Take(D).ToArray())).ToArray();
            expected += cos.Sum(c => Math.Abs(c - cos.Average()));
        }
        using var loss = SanerLayer.DebiasLoss(n, v);
        Assert.Equal(expected / 3, loss.item<float>(), 5);
    }

    [Fact]
    public void FitLowersTheDebiasLossAndKeepsAttributeSpecificRowsUnchanged()
    {
        var (neutral, variants) = Biased(6, 2);
        using var n = neutral;
        using var v = variants;
        using var layer = new SanerLayer().Fit(n, v, options: new SanerOptions { ContrastiveWeight = 0, Steps = 200, Seed = 3 });
        Assert.True(layer.DebiasLossChange.Before > 0.2, $"the toy should start biased; L_deb {layer.DebiasLossChange.Before}");
        Assert.True(layer.DebiasLossChange.After < 0.25 * layer.DebiasLossChange.Before,
            $"L_deb should fall: {layer.DebiasLossChange.Before} -> {layer.DebiasLossChange.After}");
        Assert.True(layer.LossHistory[^1] < layer.LossHistory[0]);
        Assert.True(layer.FitTime > TimeSpan.Zero);

        // Mixed batch: rows 1 and 3 state the attribute and must come back bit for bit.
        using var mixed = v.reshape(12, D).narrow(0, 0, 4).clone();
        using var output = layer.TransformNeutralOnly(mixed, [true, false, true, false]);
        foreach (int row in new[] { 1, 3 })
            Assert.True(output[row].allclose(mixed[row], 0, 0));
        using var changed = output[0].sub(mixed[0]).abs().max();
        Assert.True(changed.item<float>() > 1e-4, "a neutral row should be changed by the layer");
        using var debiased = layer.Transform(n);
        using var norms = debiased.norm(1);
        TestHelpers.AllClose(Enumerable.Repeat(1.0, 6).ToArray(), TestHelpers.ToDoubles(norms), 1e-5);
        TestHelpers.AssertLeavesOnlyItsResult(() => layer.Transform(n));
    }

    [Fact]
    public void StartsAsTheIdentity()
    {
        var (neutral, variants) = Biased(2, 5);
        using var n = neutral;
        using var v = variants;
        using var layer = new SanerLayer().Fit(n, v, options: new SanerOptions { ContrastiveWeight = 0, Steps = 1, LearningRate = 1e-12 });
        using var unit = nn.functional.normalize(n, p: 2, dim: 1);
        using var output = layer.Transform(n);
        TestHelpers.AllClose(TestHelpers.ToDoubles(unit), TestHelpers.ToDoubles(output), 1e-5);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var (neutral, variants) = Biased(3, 4);
        using var n = neutral;
        using var v = variants;
        using var oneVariant = v.narrow(1, 0, 1).contiguous();
        using var wrongDim = zeros(3, 2, D + 1);
        using var flat = zeros(3, D);
        using var images = TestHelpers.ToTensor(Enumerable.Range(0, 4).Select(i => TestHelpers.Uniform(D, 50 + i)).ToArray(), ScalarType.Float32);
        Assert.Equal("variants", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, oneVariant, options: new SanerOptions { ContrastiveWeight = 0 })).ParamName);
        Assert.Equal("variants", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, wrongDim, options: new SanerOptions { ContrastiveWeight = 0 })).ParamName);
        Assert.Equal("variants", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, flat, options: new SanerOptions { ContrastiveWeight = 0 })).ParamName);
        Assert.Equal("pairedImages", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, v)).ParamName);
        Assert.Equal("pairedNeutral", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, v, images, [0, 1, 2])).ParamName);
        Assert.Equal("pairedNeutral", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, v, images, [0, 1, 2, 3])).ParamName);
        Assert.Equal("temperature", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, v, images, [0, 1, 2, 0], temperature: -1)).ParamName);
        Assert.Equal("Steps", Assert.ThrowsAny<ArgumentException>(() => new SanerLayer().Fit(n, v, options: new SanerOptions { Steps = 0 })).ParamName);
        using var layer = new SanerLayer().Fit(n, v, images, [0, 1, 2, 0], options: new SanerOptions { Steps = 5 });
        Assert.Equal("isNeutral", Assert.ThrowsAny<ArgumentException>(() => layer.TransformNeutralOnly(n, [true])).ParamName);
        Assert.Equal("vectors", Assert.ThrowsAny<ArgumentException>(() => layer.Transform(wrongDim)).ParamName);
    }
}

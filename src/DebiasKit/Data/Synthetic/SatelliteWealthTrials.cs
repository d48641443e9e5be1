using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Data.Synthetic;

/// <summary>
/// Units drawn by <see cref="SatelliteWealthTrials"/>: per unit the wealth outcome Y, the "satellite" features observed
/// after any treatment, the treatment flag and the region.
/// </summary>
public sealed record WealthUnits(double[] Wealth, Matrix<double> Features, bool[] Treated, int[] Region)
{
    /// <summary>Number of units.</summary>
    public int Count => Wealth.Length;
}

/// <summary>
/// A seeded generator of the "one map, many trials" setting of Pettersson, Jerzak and Daoud (arXiv:2508.01341): a wealth
/// index Y over a country made of regions (a mixture of normals, Y | region r ~ N(mᵣ, s²), poorer regions more common, so
/// the national distribution is skewed), and per unit six noisy, non-linear "satellite" features of its current wealth,
/// Xⱼ = hⱼ(Y) + ηⱼ with h = (y, tanh y, y²/2, sin y, e^{y/2}, softplus y) and ηⱼ ~ N(0, ν²). An upstream team trains one
/// predictor of Y from X on a national survey (<see cref="Survey"/>) and publishes the map; downstream teams run
/// randomised trials in one region each (<see cref="Trial"/>): half the units are treated, treatment raises wealth by τ,
/// and the satellite features are observed after the treatment, so they reflect Y₀ + τT. Any predictor fitted for
/// accuracy shrinks toward the national mean (it estimates E[Y | X]); nothing in the generator shrinks on purpose.
/// </summary>
public static class SatelliteWealthTrials
{
    /// <summary>Region means mᵣ of the wealth index (poorest first).</summary>
    public static readonly double[] RegionMeans = [-1.5, -0.75, 0.0, 0.75, 1.5];

    /// <summary>Region shares of the population (poorer regions are more populous).</summary>
    public static readonly double[] RegionShares = [0.30, 0.25, 0.20, 0.15, 0.10];

    /// <summary>Within-region standard deviation s of wealth.</summary>
    public const double WithinRegionSd = 0.5;

    /// <summary>Number of satellite features.</summary>
    public const int FeatureCount = 6;

    /// <summary>A national survey: <paramref name="units"/> untreated units from every region by its share (training or calibration data).</summary>
    /// <param name="units">At least 1.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="featureNoise">ν &gt; 0, the noise of each feature (larger = a weaker predictor, more shrinkage).</param>
    public static WealthUnits Survey(int units, int seed, double featureNoise = 1.0)
    {
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be at least 1.");
        Guard.Positive(featureNoise, nameof(featureNoise));
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var region = new int[units];
        var wealth = new double[units];
        for (int i = 0; i < units; i++)
        {
            region[i] = DrawRegion(random.NextDouble());
            wealth[i] = RegionMeans[region[i]] + WithinRegionSd * normal.Sample();
        }
        return new WealthUnits(wealth, Features(wealth, featureNoise, normal), new bool[units], region);
    }

    /// <summary>
    /// One downstream trial in region <paramref name="region"/>: <paramref name="units"/> units, exactly ⌊units/2⌋ treated
    /// at random (complete randomisation), Y = Y₀ + τ·T with Y₀ ~ N(m_region, s²), features drawn from the post-treatment Y.
    /// </summary>
    /// <param name="units">At least 4.</param>
    /// <param name="effect">τ, the treatment effect on wealth (finite).</param>
    /// <param name="region">Index into <see cref="RegionMeans"/>.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="featureNoise">ν &gt; 0, as in <see cref="Survey"/>.</param>
    public static WealthUnits Trial(int units, double effect, int region, int seed, double featureNoise = 1.0)
    {
        if (units < 4) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be at least 4 (two per arm).");
        if (!double.IsFinite(effect)) throw new ArgumentException($"effect must be finite; got {effect}.", nameof(effect));
        if (region < 0 || region >= RegionMeans.Length)
            throw new ArgumentOutOfRangeException(nameof(region), region, $"region must lie in [0, {RegionMeans.Length - 1}].");
        Guard.Positive(featureNoise, nameof(featureNoise));
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var order = Enumerable.Range(0, units).ToArray();
        random.Shuffle(order);
        var treated = new bool[units];
        for (int r = 0; r < units / 2; r++) treated[order[r]] = true;
        var wealth = new double[units];
        for (int i = 0; i < units; i++)
            wealth[i] = RegionMeans[region] + WithinRegionSd * normal.Sample() + (treated[i] ? effect : 0);
        return new WealthUnits(wealth, Features(wealth, featureNoise, normal), treated, Enumerable.Repeat(region, units).ToArray());
    }

    /// <summary>A region drawn by population share (for choosing where a trial runs).</summary>
    public static int DrawRegion(double uniform)
    {
        Guard.InRange(uniform, 0, 1, nameof(uniform), highOpen: true);
        double cumulative = 0;
        for (int r = 0; r < RegionShares.Length; r++)
        {
            cumulative += RegionShares[r];
            if (uniform < cumulative) return r;
        }
        return RegionShares.Length - 1;
    }

    /// <summary>
    /// The predictor's input expansion used by the notebook: the features and their squares, [X, X²] (2·6 columns), so
    /// that a linear (ridge) model on it is a quadratic predictor of Y.
    /// </summary>
    public static Matrix<double> Expand(Matrix<double> features)
    {
        Guard.NotNull(features, nameof(features));
        return Matrix<double>.Build.Dense(features.RowCount, 2 * features.ColumnCount,
            (i, j) => j < features.ColumnCount ? features[i, j] : features[i, j - features.ColumnCount] * features[i, j - features.ColumnCount]);
    }

    private static Matrix<double> Features(double[] wealth, double noise, Normal normal)
    {
        var x = Matrix<double>.Build.Dense(wealth.Length, FeatureCount);
        for (int i = 0; i < wealth.Length; i++)
        {
            double y = wealth[i];
            x[i, 0] = y + noise * normal.Sample();
            x[i, 1] = Math.Tanh(y) + noise * normal.Sample();
            x[i, 2] = 0.5 * y * y + noise * normal.Sample();
            x[i, 3] = Math.Sin(y) + noise * normal.Sample();
            x[i, 4] = Math.Exp(0.5 * y) + noise * normal.Sample();
            x[i, 5] = Math.Log(1 + Math.Exp(y)) + noise * normal.Sample();
        }
        return x;
    }
}

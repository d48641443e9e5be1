using static TorchSharp.torch;

namespace DebiasKit.Data.Synthetic;

/// <summary>
/// A seeded generator of classification data: each class is a mixture of Gaussian clusters whose centres lie at
/// random points on a sphere of radius <see cref="Separation"/>, with isotropic noise of standard deviation 1.
/// The centres (the "world") are fixed by the world's seed; <see cref="Sample"/> draws any number of examples
/// per class with its own seed, so a training set and a test set share the world but not the examples.
/// Samples are drawn with System.Random, so they are the same on every platform and device.
/// </summary>
public sealed class GaussianClassWorld
{
    private readonly double[][][] centres; // [class][cluster][dimension]

    private GaussianClassWorld(int classes, int dimensions, int clustersPerClass, double separation, double[][][] centres)
    {
        Classes = classes;
        Dimensions = dimensions;
        ClustersPerClass = clustersPerClass;
        Separation = separation;
        this.centres = centres;
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Feature dimension.</summary>
    public int Dimensions { get; }

    /// <summary>Gaussian clusters per class.</summary>
    public int ClustersPerClass { get; }

    /// <summary>Distance of the cluster centres from the origin, in units of the noise standard deviation.</summary>
    public double Separation { get; }

    /// <summary>Creates a world.</summary>
    /// <param name="classes">Number of classes (≥ 2).</param>
    /// <param name="dimensions">Feature dimension (≥ 1).</param>
    /// <param name="clustersPerClass">Clusters per class (≥ 1); more clusters make the classes non-linear.</param>
    /// <param name="separation">Radius of the centres; smaller means more overlap between classes.</param>
    /// <param name="seed">Seed of the centres.</param>
    public static GaussianClassWorld Create(int classes, int dimensions, int clustersPerClass, double separation, int seed)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        Guard.Positive(dimensions, nameof(dimensions));
        Guard.Positive(clustersPerClass, nameof(clustersPerClass));
        Guard.Positive(separation, nameof(separation));
        var random = new Random(seed);
        var centres = new double[classes][][];
        for (int c = 0; c < classes; c++)
        {
            centres[c] = new double[clustersPerClass][];
            for (int k = 0; k < clustersPerClass; k++)
            {
                var direction = Enumerable.Range(0, dimensions).Select(_ => StandardNormal(random)).ToArray();
                double norm = Math.Sqrt(direction.Sum(v => v * v));
                centres[c][k] = direction.Select(v => v / norm * separation).ToArray();
            }
        }
        return new GaussianClassWorld(classes, dimensions, clustersPerClass, separation, centres);
    }

    /// <summary>
    /// Draws <paramref name="countsPerClass"/>[c] examples of each class c (clusters chosen uniformly), as a
    /// float32 dataset on <paramref name="device"/>, examples in class order.
    /// </summary>
    public ClassificationData Sample(IReadOnlyList<long> countsPerClass, int seed, Device? device = null)
    {
        Guard.NotNull(countsPerClass, nameof(countsPerClass));
        if (countsPerClass.Count != Classes)
            throw new ArgumentException($"countsPerClass has {countsPerClass.Count} entries but the world has {Classes} classes.", nameof(countsPerClass));
        for (int c = 0; c < Classes; c++)
            if (countsPerClass[c] < 0) throw new ArgumentOutOfRangeException(nameof(countsPerClass), countsPerClass[c], $"countsPerClass[{c}] must not be negative.");
        long total = countsPerClass.Sum();
        var features = new float[total * Dimensions];
        var labels = new long[total];
        var random = new Random(seed);
        long row = 0;
        for (int c = 0; c < Classes; c++)
        {
            for (long i = 0; i < countsPerClass[c]; i++, row++)
            {
                var centre = centres[c][random.Next(ClustersPerClass)];
                for (int d = 0; d < Dimensions; d++)
                    features[row * Dimensions + d] = (float)(centre[d] + StandardNormal(random));
                labels[row] = c;
            }
        }
        var x = tensor(features, [total, Dimensions], device: device);
        var y = tensor(labels, device: device);
        return new ClassificationData(x, y, Classes);
    }

    /// <summary>The same number of examples for every class (a balanced test set).</summary>
    public ClassificationData SampleBalanced(long perClass, int seed, Device? device = null) =>
        Sample(Enumerable.Repeat(perClass, Classes).ToArray(), seed, device);

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm's argument in (0, 1].
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

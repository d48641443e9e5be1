using DebiasKit.Training;
using static TorchSharp.torch;

namespace DebiasKit.Projections;

/// <summary>
/// Iterative nullspace projection, INLP (Ravfogel et al., 2020, "Null it out"): repeatedly train a linear classifier to
/// predict the protected attribute from the (already projected) vectors, add the directions its weights use to a
/// removed set, and project onto the intersection of the nullspaces, P = I − P_span(all weight directions). Stops after
/// <c>iterations</c> rounds. The classifier here is the kit's <see cref="LinearProbe"/> (softmax regression); for C
/// classes its centred weight rows W − mean(W) (rank C − 1, the directions its decisions use) are removed each round.
/// Variant pinned: a softmax probe instead of the reference code's linear SVM, and the projection onto the intersection
/// computed from an orthonormal basis of all removed directions (the reference's I − P_R(Σ P_R(W_i)) spans the same).
/// </summary>
public sealed class Inlp : IVectorTransform
{
    private OrthogonalProjection? projection;
    private readonly List<double> devAccuracy = [];

    /// <summary>Held-out accuracy of each round's classifier, measured before its directions were removed.</summary>
    public IReadOnlyList<double> DevAccuracy => devAccuracy;

    /// <summary>Number of directions removed.</summary>
    public int RemovedDirections => projection is null ? 0 : (int)projection.Basis.shape[0];

    /// <summary>The fitted projection onto the intersection of the nullspaces.</summary>
    public OrthogonalProjection Projection => projection ?? throw new InvalidOperationException("Call Fit before using INLP.");

    /// <inheritdoc />
    public int Dimension => Projection.Dimension;

    /// <summary>Fits <paramref name="iterations"/> rounds on the training part; dev accuracies are recorded per round.</summary>
    public Inlp Fit(Tensor trainX, IReadOnlyList<long> trainY, Tensor devX, IReadOnlyList<long> devY, int classes, int iterations = 10, int seed = 0, int probeSteps = 300)
    {
        VectorChecks.Rows(trainX, nameof(trainX), minRows: 2);
        VectorChecks.Rows(devX, nameof(devX), trainX.shape[1], minRows: 1);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        CheckLabels(trainY, trainX.shape[0], classes, nameof(trainY));
        CheckLabels(devY, devX.shape[0], classes, nameof(devY));
        if (iterations < 1 || iterations * (long)(classes - 1) > trainX.shape[1])
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"iterations must be at least 1 and remove at most d = {trainX.shape[1]} directions ({classes - 1} per round).");
        devAccuracy.Clear();
        projection?.Basis.Dispose();
        projection = null;
        using var scope = NewDisposeScope();
        var directions = new List<Tensor>();
        var x = trainX.detach().to(ScalarType.Float64);
        var dev = devX.detach().to(ScalarType.Float64);
        for (int round = 0; round < iterations; round++)
        {
            var xp = projection is null ? x : projection.Transform(x);
            var dp = projection is null ? dev : projection.Transform(dev);
            var probe = LinearProbe.Fit(xp, trainY, dp, devY, classes, seed + round, probeSteps);
            devAccuracy.Add(probe.TestAccuracy);
            var w = probe.Weight.to(ScalarType.Float64);
            directions.Add(classes == 2 ? (w[1] - w[0]).unsqueeze(0) : w - w.mean([0], keepdim: true));
            probe.Weight.Dispose();
            probe.Bias.Dispose();
            var basis = OrthonormalRows(cat(directions.ToArray(), 0));
            var previous = projection;
            projection = new OrthogonalProjection().Fit(basis);
            previous?.Basis.Dispose(); // fitted bases live outside dispose scopes: free the superseded one now
        }
        return this;
    }

    /// <inheritdoc />
    public Tensor Transform(Tensor vectors, bool inPlace = false) => Projection.Transform(vectors, inPlace);

    /// <summary>One label in [0, classes) per row, checked here so that errors name this method's arguments (the probe calls them trainY and testY).</summary>
    private static void CheckLabels(IReadOnlyList<long> labels, long rows, int classes, string name)
    {
        Guard.NotNull(labels, name);
        if (labels.Count != rows) throw new ArgumentException($"{name} must hold one label per row ({rows}); it holds {labels.Count}.", name);
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(name, labels[i], $"{name}[{i}] = {labels[i]} is outside [0, {classes}).");
    }

    /// <summary>An orthonormal basis (rows) of the row space of <paramref name="rows"/>, dropping directions below 1e-8 of the largest.</summary>
    private static Tensor OrthonormalRows(Tensor rows)
    {
        var (_, s, vt) = linalg.svd(rows, fullMatrices: false);
        var values = s.data<double>().ToArray();
        int rank = values.Count(v => v > 1e-8 * values[0]);
        return vt[..Math.Max(rank, 1)];
    }
}

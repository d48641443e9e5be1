namespace DebiasKit.Stats;

/// <summary>A k-means clustering: the centres, each point's cluster, the within-cluster sum of squares and the iterations run.</summary>
public sealed record KMeansResult(double[][] Centres, int[] Assignments, double Inertia, int Iterations)
{
    /// <summary>Points per cluster.</summary>
    public int[] Sizes => Enumerable.Range(0, Centres.Length).Select(c => Assignments.Count(a => a == c)).ToArray();
}

/// <summary>
/// Seeded k-means (Lloyd's algorithm) with k-means++ initialisation (Arthur and Vassilvitskii, 2007): each next centre is
/// drawn with probability proportional to the squared distance to the nearest chosen one; then points are assigned to
/// their nearest centre and centres moved to their cluster means until no assignment changes. An emptied cluster is
/// re-seeded with the point farthest from its centre. DatasetEquity (paper 020) clusters image embeddings with it to get
/// each sample's cluster likelihood. Single run (no n_init restarts), Euclidean distance, ties to the lower index.
/// </summary>
public static class KMeans
{
    /// <param name="points">n points of equal dimension, finite; n ≥ k.</param>
    /// <param name="clusters">k ≥ 1.</param>
    /// <param name="seed">Seeds the k-means++ draws.</param>
    /// <param name="maxIterations">Lloyd iterations at most.</param>
    public static KMeansResult Fit(double[][] points, int clusters, int seed = 0, int maxIterations = 300)
    {
        Guard.NotNull(points, nameof(points));
        if (clusters < 1) throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "clusters must be at least 1.");
        if (points.Length < clusters) throw new ArgumentException($"points holds {points.Length} points; {clusters} clusters need at least as many.", nameof(points));
        int d = points[0]?.Length ?? 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] is null || points[i].Length != d || d == 0)
                throw new ArgumentException($"points[{i}] must hold {d} > 0 values like points[0].", nameof(points));
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"points[{i}] is not finite.", nameof(points));
        }
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");

        var random = new Random(seed);
        var centres = new List<double[]> { (double[])points[random.Next(points.Length)].Clone() };
        var nearest = points.Select(p => SquaredDistance(p, centres[0])).ToArray();
        while (centres.Count < clusters)
        {
            double total = nearest.Sum(), draw = random.NextDouble() * total, cumulative = 0;
            int pick = points.Length - 1;
            for (int i = 0; i < points.Length && total > 0; i++)
            {
                cumulative += nearest[i];
                if (cumulative >= draw) { pick = i; break; }
            }
            if (total == 0) pick = random.Next(points.Length);   // all remaining points coincide with a centre
            centres.Add((double[])points[pick].Clone());
            for (int i = 0; i < points.Length; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centres[^1]));
        }

        var assignments = Enumerable.Repeat(-1, points.Length).ToArray();
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            bool changed = false;
            for (int i = 0; i < points.Length; i++)
            {
                int best = Nearest(points[i], centres);
                if (best != assignments[i]) { assignments[i] = best; changed = true; }
            }
            if (!changed) break;
            for (int c = 0; c < clusters; c++)
            {
                var members = Enumerable.Range(0, points.Length).Where(i => assignments[i] == c).ToArray();
                if (members.Length == 0)
                {
                    int farthest = Enumerable.Range(0, points.Length).MaxBy(i => SquaredDistance(points[i], centres[assignments[i]]));
                    centres[c] = (double[])points[farthest].Clone();
                    assignments[farthest] = c;
                    continue;
                }
                centres[c] = Enumerable.Range(0, d).Select(j => members.Average(i => points[i][j])).ToArray();
            }
        }
        double inertia = Enumerable.Range(0, points.Length).Sum(i => SquaredDistance(points[i], centres[assignments[i]]));
        return new KMeansResult(centres.ToArray(), assignments, inertia, iteration);
    }

    private static int Nearest(double[] point, List<double[]> centres)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < centres.Count; c++)
        {
            double distance = SquaredDistance(point, centres[c]);
            if (distance < bestDistance) { bestDistance = distance; best = c; }
        }
        return best;
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }
}

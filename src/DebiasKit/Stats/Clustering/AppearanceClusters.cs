namespace DebiasKit.Stats;

/// <summary>
/// DatasetEquity's appearance clustering (Shrivastava, Zhang, Nagesh and Parchami, "Are All Samples Created Equal? In The
/// Quest For Equity Within Datasets", ICCV 2023 workshops, paper 020): training samples are embedded, the embeddings are
/// clustered, and each sample's appearance likelihood is the size of its cluster relative to the largest cluster,
/// <code>p_i = |cluster(i)| / max_c |c|</code>
/// (the reference code's <c>cluster_size / largest_cluster_size</c>; see <see cref="Losses.DatasetEquity"/>, whose
/// <c>ClusterLikelihood</c> gives the same numbers from the assignments alone). New points (a test set) are assigned to
/// their nearest training centre, so that accuracy can be read out on rare-appearance strata.
/// <para>Variant: k-means (<see cref="KMeans"/>, seeded k-means++ then Lloyd) on the embeddings, with k fixed by the
/// caller. The reference's analysis notebooks (data_analysis/bdd100k_dataset_distribution_analysis.ipynb, checked) embed
/// images with an ImageNet-trained ResNet-101 (its pooled features), project the features to two dimensions with t-SNE and
/// cluster them there (they import scikit-learn's DBSCAN; the clustering call itself was not checked). k-means on an
/// embedding of the caller's choice is the reduced stand-in; the likelihood formula is the reference's.</para>
/// </summary>
public sealed class AppearanceClusters
{
    private AppearanceClusters(KMeansResult clustering)
    {
        Clustering = clustering;
        Sizes = clustering.Sizes;
        double largest = Sizes.Max();
        ClusterLikelihood = Sizes.Select(s => s / largest).ToArray();
        SampleLikelihood = clustering.Assignments.Select(c => ClusterLikelihood[c]).ToArray();
    }

    /// <summary>The k-means result on the training embeddings (centres, assignments, inertia).</summary>
    public KMeansResult Clustering { get; }

    /// <summary>Number of clusters k.</summary>
    public int Count => Sizes.Count;

    /// <summary>Training samples per cluster.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Each cluster's likelihood, its size over the largest cluster's size, in (0, 1] (0 for an empty cluster).</summary>
    public IReadOnlyList<double> ClusterLikelihood { get; }

    /// <summary>Each training sample's likelihood p_i, its cluster's likelihood; the input of <see cref="Losses.DatasetEquity.Weights"/>.</summary>
    public IReadOnlyList<double> SampleLikelihood { get; }

    /// <summary>Clusters the training embeddings.</summary>
    /// <param name="embeddings">n embeddings of equal dimension, finite, n ≥ k.</param>
    /// <param name="clusters">k ≥ 1.</param>
    /// <param name="seed">Seeds k-means++.</param>
    /// <param name="maxIterations">Lloyd iterations at most.</param>
    public static AppearanceClusters Fit(double[][] embeddings, int clusters, int seed = 0, int maxIterations = 300) =>
        new(KMeans.Fit(embeddings, clusters, seed, maxIterations));

    /// <summary>The nearest training centre of each point (squared Euclidean distance, ties to the lower cluster index).</summary>
    /// <param name="points">Points of the embeddings' dimension, finite.</param>
    public int[] Assign(double[][] points)
    {
        Guard.NotNull(points, nameof(points));
        int d = Clustering.Centres[0].Length;
        var result = new int[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] is null || points[i].Length != d)
                throw new ArgumentException($"points[{i}] must hold {d} values (the embeddings' dimension).", nameof(points));
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"points[{i}] is not finite.", nameof(points));
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < Count; c++)
            {
                double distance = 0;
                for (int j = 0; j < d; j++) { double diff = points[i][j] - Clustering.Centres[c][j]; distance += diff * diff; }
                if (distance < bestDistance) { bestDistance = distance; best = c; }
            }
            result[i] = best;
        }
        return result;
    }

    /// <summary>
    /// The rarest clusters: clusters taken from the smallest up (ties to the lower index) while together they hold at
    /// most <paramref name="share"/> of the training samples; at least the smallest cluster. The rare-appearance stratum
    /// of a test set is the test points <see cref="Assign"/> sends to these clusters.
    /// </summary>
    /// <param name="share">In (0, 1].</param>
    public int[] Rarest(double share) => Take(share, ascending: true);

    /// <summary>
    /// The most frequent clusters: clusters taken from the largest down (ties to the lower index) while together they hold
    /// at most <paramref name="share"/> of the training samples; at least the largest cluster.
    /// </summary>
    /// <param name="share">In (0, 1].</param>
    public int[] MostFrequent(double share) => Take(share, ascending: false);

    private int[] Take(double share, bool ascending)
    {
        Guard.InRange(share, 0, 1, nameof(share), lowOpen: true);
        var order = Enumerable.Range(0, Count).OrderBy(c => ascending ? Sizes[c] : -Sizes[c]).ThenBy(c => c).ToArray();
        double total = Sizes.Sum(), held = 0;
        var taken = new List<int>();
        foreach (int c in order)
        {
            if (taken.Count > 0 && (held + Sizes[c]) / total > share + 1e-12) break;
            taken.Add(c);
            held += Sizes[c];
        }
        return taken.Order().ToArray();
    }
}

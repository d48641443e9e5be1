namespace DebiasKit.Models;

/// <summary>Growth limits of a <see cref="DecisionTree"/>.</summary>
/// <param name="MaxDepth">Deepest level a node may sit at (root = 0), at least 0.</param>
/// <param name="MinSamplesLeaf">Fewest training rows a leaf may hold, at least 1 (C4.5's default "-m 2" is 2).</param>
public sealed record DecisionTreeOptions(int MaxDepth = 30, int MinSamplesLeaf = 2);

/// <summary>
/// A CART classification tree (Breiman, Friedman, Olshen and Stone, 1984): binary splits x_j ≤ t chosen greedily to
/// minimise the size-weighted Gini impurity of the two children, Gini = 1 − Σ_c p_c²; a leaf predicts its training rows'
/// class frequencies. It stands in for C4.5, the SMOTE paper's main learner (Chawla, Bowyer, Hall and Kegelmeyer, JAIR
/// 16, 2002, Section 5), whose decision regions the paper's argument is about (Section 4.1–4.2: replication makes
/// minority regions small and specific, SMOTE makes them larger).
/// <para>
/// Variant pinned: CART with Gini (scikit-learn's DecisionTreeClassifier without pruning), not C4.5's gain ratio
/// and pessimistic pruning; growth stops at <see cref="DecisionTreeOptions.MaxDepth"/>, at a pure node, when no split
/// leaves <see cref="DecisionTreeOptions.MinSamplesLeaf"/> rows on both sides, or when no split lowers the impurity.
/// Thresholds are midpoints between consecutive distinct values. Ties between equally good splits go to the lower
/// feature index, then the lower threshold (scikit-learn draws features in random order instead), so a fit is
/// deterministic. Predicted class: the leaf's most frequent class, ties to the lower class. Fitting presorts every
/// feature once and keeps each node's rows sorted by stable partitioning, O(d · n) per tree level.
/// </para>
/// </summary>
public sealed class DecisionTree
{
    // Node arrays: Feature[i] < 0 marks a leaf.
    private readonly List<int> feature = [];
    private readonly List<double> threshold = [];
    private readonly List<int> left = [];
    private readonly List<int> right = [];
    private readonly List<double[]> distribution = [];
    private readonly List<int> depthOf = [];

    private DecisionTree(int classes, int width) { Classes = classes; Width = width; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of features.</summary>
    public int Width { get; }

    /// <summary>Nodes, leaves included.</summary>
    public int NodeCount => feature.Count;

    /// <summary>Leaves.</summary>
    public int LeafCount => feature.Count(f => f < 0);

    /// <summary>Depth of the deepest leaf (a single leaf: 0).</summary>
    public int Depth => depthOf.Max();

    /// <summary>Grows a tree on the rows.</summary>
    /// <param name="features">n rows of d finite features.</param>
    /// <param name="labels">Class of each row, in 0 … classes − 1.</param>
    /// <param name="classes">Number of classes, at least 2.</param>
    /// <param name="options">Growth limits (default: depth 30, at least 2 rows a leaf).</param>
    public static DecisionTree Fit(double[][] features, IReadOnlyList<long> labels, int classes, DecisionTreeOptions? options = null)
    {
        int d = TabularChecks.Rows(features, nameof(features));
        TabularChecks.Labels(labels, features.Length, classes, nameof(labels));
        options ??= new DecisionTreeOptions();
        if (options.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, "options.MaxDepth must be at least 0.");
        if (options.MinSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MinSamplesLeaf, "options.MinSamplesLeaf must be at least 1.");

        int n = features.Length;
        var y = labels.Select(l => (int)l).ToArray();
        // sorted[j] holds row indices; every node owns the same range [start, end) in all d arrays, sorted by feature j.
        var sorted = new int[d][];
        var keys = new double[n];
        for (int j = 0; j < d; j++)
        {
            // Order among equal values does not matter: splits fall only between distinct values, partitions are stable.
            for (int i = 0; i < n; i++) keys[i] = features[i][j];
            sorted[j] = Enumerable.Range(0, n).ToArray();
            Array.Sort(keys, sorted[j]);
        }
        var tree = new DecisionTree(classes, d);
        var goesLeft = new bool[n];
        var buffer = new int[n];
        tree.Grow(features, y, sorted, 0, n, 0, options, goesLeft, buffer);
        return tree;
    }

    private int Grow(double[][] x, int[] y, int[][] sorted, int start, int end, int depth, DecisionTreeOptions options, bool[] goesLeft, int[] buffer)
    {
        int n = end - start, d = sorted.Length;
        var counts = new double[Classes];
        for (int i = start; i < end; i++) counts[y[sorted[0][i]]]++;
        int node = feature.Count;
        feature.Add(-1); threshold.Add(0); left.Add(-1); right.Add(-1);
        distribution.Add(counts.Select(c => c / n).ToArray());
        depthOf.Add(depth);
        if (depth >= options.MaxDepth || n < 2 * options.MinSamplesLeaf || counts.Count(c => c > 0) <= 1) return node;

        // Maximise Σ_c L_c²/n_L + Σ_c R_c²/n_R, which minimises n_L·Gini_L + n_R·Gini_R.
        double parentScore = counts.Sum(c => c * c) / n;
        double bestScore = parentScore + 1e-12 * n;
        int bestFeature = -1, bestSplit = -1;
        var leftCounts = new double[Classes];
        for (int j = 0; j < d; j++)
        {
            Array.Clear(leftCounts);
            double leftSquares = 0, rightSquares = counts.Sum(c => c * c);
            int[] order = sorted[j];
            for (int i = start; i < end - 1; i++)
            {
                int c = y[order[i]];
                double rightC = counts[c] - leftCounts[c];
                leftSquares += 2 * leftCounts[c] + 1;          // (L+1)² − L²
                rightSquares -= 2 * rightC - 1;                 // (R−1)² − R²
                leftCounts[c]++;
                int nLeft = i - start + 1, nRight = n - nLeft;
                if (nLeft < options.MinSamplesLeaf || nRight < options.MinSamplesLeaf) continue;
                if (x[order[i]][j] == x[order[i + 1]][j]) continue;   // no threshold between equal values
                double score = leftSquares / nLeft + rightSquares / nRight;
                if (score > bestScore) { bestScore = score; bestFeature = j; bestSplit = i; }
            }
        }
        if (bestFeature < 0) return node;

        int[] best = sorted[bestFeature];
        double t = (x[best[bestSplit]][bestFeature] + x[best[bestSplit + 1]][bestFeature]) / 2;
        // The midpoint of two adjacent doubles can round onto the upper one; then split at the lower value.
        if (!(t < x[best[bestSplit + 1]][bestFeature])) t = x[best[bestSplit]][bestFeature];
        for (int i = start; i < end; i++) goesLeft[best[i]] = i <= bestSplit;
        int leftSize = bestSplit - start + 1;
        for (int j = 0; j < d; j++)
        {
            // Stable partition of the node's range: left rows first, each side still sorted by feature j.
            int[] order = sorted[j];
            int l = start, r = start + leftSize;
            for (int i = start; i < end; i++) buffer[goesLeft[order[i]] ? l++ : r++] = order[i];
            Array.Copy(buffer, start, order, start, n);
        }
        feature[node] = bestFeature;
        threshold[node] = t;
        int leftChild = Grow(x, y, sorted, start, start + leftSize, depth + 1, options, goesLeft, buffer);
        int rightChild = Grow(x, y, sorted, start + leftSize, end, depth + 1, options, goesLeft, buffer);
        left[node] = leftChild;
        right[node] = rightChild;
        return node;
    }

    /// <summary>The class frequencies of the leaf that <paramref name="row"/> falls into (x_j ≤ t goes left).</summary>
    public double[] PredictProbabilities(double[] row)
    {
        Guard.NotNull(row, nameof(row));
        if (row.Length != Width) throw new ArgumentException($"row must have {Width} features; it has {row.Length}.", nameof(row));
        int node = 0;
        while (feature[node] >= 0) node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
        return (double[])distribution[node].Clone();
    }

    /// <summary>The most frequent training class of each row's leaf (ties to the lower class).</summary>
    public long[] Predict(double[][] features)
    {
        Guard.NotNull(features, nameof(features));
        var majority = distribution.Select(p =>
        {
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            return (long)best;
        }).ToArray();
        var result = new long[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            var row = features[i];
            if (row is null || row.Length != Width)
                throw new ArgumentException($"features rows must have {Width} columns; row {i} has {row?.Length.ToString() ?? "null"}.", nameof(features));
            int node = 0;
            while (feature[node] >= 0) node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            result[i] = majority[node];
        }
        return result;
    }
}

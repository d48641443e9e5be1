namespace DebiasKit.Metrics;

/// <summary>One operating point of a binary classifier in ROC space: false-positive rate and true-positive rate, each in [0, 1].</summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate)
{
    /// <summary>
    /// The operating point of hard 0/1 predictions: FPR = FP / (FP + TN), TPR = TP / (TP + FN), with 1 the positive
    /// (minority) class.
    /// </summary>
    /// <param name="predicted">0/1 prediction per example.</param>
    /// <param name="labels">0/1 truth per example; both classes present.</param>
    public static RocPoint FromPredictions(IReadOnlyList<long> predicted, IReadOnlyList<long> labels)
    {
        Guard.NotNull(predicted, nameof(predicted));
        Guard.NotNull(labels, nameof(labels));
        if (predicted.Count != labels.Count)
            throw new ArgumentException($"predicted has {predicted.Count} values but labels has {labels.Count}; they must match.", nameof(predicted));
        long tp = 0, fp = 0, positives = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels must be 0 or 1; element {i} is {labels[i]}.");
            if (predicted[i] is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(predicted), predicted[i], $"predicted must be 0 or 1; element {i} is {predicted[i]}.");
            positives += labels[i];
            if (predicted[i] == 1) { if (labels[i] == 1) tp++; else fp++; }
        }
        long negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"labels must contain both classes; got {positives} positives and {negatives} negatives.", nameof(labels));
        return new RocPoint((double)fp / negatives, (double)tp / positives);
    }

    /// <inheritdoc />
    public override string ToString() => $"(FPR {FalsePositiveRate:F3}, TPR {TruePositiveRate:F3})";
}

/// <summary>
/// The ROC convex hull of a set of operating points (Provost and Fawcett, "Robust classification for imprecise
/// environments", Machine Learning 42, 2001), which the SMOTE paper (Chawla, Bowyer, Hall and Kegelmeyer, JAIR 16, 2002,
/// Section 5) uses to name the "potentially optimal" classifiers: the points on the hull are optimal for some class
/// distribution and cost ratio, the points below it for none.
/// <para>
/// Pinned: the hull is the upper boundary of the convex hull of the points together with the trivial classifiers
/// (0, 0) (always negative) and (1, 1) (always positive), from FPR 0 to FPR 1; it is concave and non-decreasing and
/// never below the diagonal. Built by Andrew's monotone chain (the paper used Graham's scan; both give the same hull).
/// Collinear points are not vertices; <see cref="IsOnHull"/> counts a point on an edge as on the hull (it is optimal
/// too). <see cref="Auc"/> is the area under the hull (trapezoids between vertices). <see cref="CurveAuc"/> is the paper's
/// Section 5.3 AUC of a curve of operating points: the trapezoid rule over the points sorted by FPR, with (1, 1) added
/// ("the upper rightmost point is always (100%, 100%). If the curve does not naturally end at this point, the point is
/// added") and, here, (0, 0) too so that every curve spans FPR 0 … 1 (the paper starts its curves at the raw-data point
/// and does not say how the area left of it is counted: unverified).
/// </para>
/// </summary>
public sealed class RocConvexHull
{
    private readonly RocPoint[] vertices;

    private RocConvexHull(RocPoint[] vertices) => this.vertices = vertices;

    /// <summary>Hull vertices from (0, ·) to (1, 1), FPR strictly increasing, TPR non-decreasing.</summary>
    public IReadOnlyList<RocPoint> Vertices => vertices;

    /// <summary>Area under the hull, in [0.5, 1].</summary>
    public double Auc
    {
        get
        {
            double area = 0;
            for (int i = 1; i < vertices.Length; i++)
                area += (vertices[i].FalsePositiveRate - vertices[i - 1].FalsePositiveRate) * (vertices[i].TruePositiveRate + vertices[i - 1].TruePositiveRate) / 2;
            return area;
        }
    }

    /// <summary>The hull of <paramref name="points"/> (may be empty: then the diagonal) with (0, 0) and (1, 1) added.</summary>
    public static RocConvexHull Of(IEnumerable<RocPoint> points)
    {
        Guard.NotNull(points, nameof(points));
        var all = CheckAndClose(points);
        // Highest TPR per FPR, sorted by FPR: only the top point of a vertical stack can be on the upper hull.
        var columns = all.GroupBy(p => p.FalsePositiveRate)
            .Select(g => new RocPoint(g.Key, g.Max(p => p.TruePositiveRate)))
            .OrderBy(p => p.FalsePositiveRate).ToArray();
        var hull = new List<RocPoint>();
        foreach (var p in columns)
        {
            // Pop while the last two hull points and p do not make a strict right turn (clockwise): keeps the chain concave.
            while (hull.Count >= 2 && Cross(hull[^2], hull[^1], p) >= 0) hull.RemoveAt(hull.Count - 1);
            hull.Add(p);
        }
        return new RocConvexHull(hull.ToArray());
    }

    /// <summary>The hull's TPR at a false-positive rate (linear between vertices): the best TPR any mix of the points reaches there.</summary>
    public double TruePositiveRateAt(double falsePositiveRate)
    {
        Guard.InRange(falsePositiveRate, 0, 1, nameof(falsePositiveRate));
        for (int i = 1; i < vertices.Length; i++)
        {
            var (a, b) = (vertices[i - 1], vertices[i]);
            if (falsePositiveRate <= b.FalsePositiveRate)
            {
                double t = (falsePositiveRate - a.FalsePositiveRate) / (b.FalsePositiveRate - a.FalsePositiveRate);
                return a.TruePositiveRate + Math.Max(0, t) * (b.TruePositiveRate - a.TruePositiveRate);
            }
        }
        return 1;
    }

    /// <summary>True when <paramref name="point"/> lies on the hull (a vertex or on an edge, within <paramref name="tolerance"/> in TPR): a potentially optimal classifier.</summary>
    public bool IsOnHull(RocPoint point, double tolerance = 1e-9)
    {
        CheckPoint(point, nameof(point));
        return TruePositiveRateAt(point.FalsePositiveRate) - point.TruePositiveRate <= tolerance;
    }

    /// <summary>
    /// The paper's AUC of a curve of operating points (Section 5.3): trapezoids over the points sorted by FPR (ties by
    /// TPR), with (0, 0) and (1, 1) added. Not the hull's area: a curve that dips is not filled in.
    /// </summary>
    public static double CurveAuc(IEnumerable<RocPoint> points)
    {
        Guard.NotNull(points, nameof(points));
        var sorted = CheckAndClose(points).OrderBy(p => p.FalsePositiveRate).ThenBy(p => p.TruePositiveRate).ToArray();
        double area = 0;
        for (int i = 1; i < sorted.Length; i++)
            area += (sorted[i].FalsePositiveRate - sorted[i - 1].FalsePositiveRate) * (sorted[i].TruePositiveRate + sorted[i - 1].TruePositiveRate) / 2;
        return area;
    }

    /// <summary>(b − a) × (c − a): positive for a counter-clockwise (left) turn a → b → c.</summary>
    private static double Cross(RocPoint a, RocPoint b, RocPoint c) =>
        (b.FalsePositiveRate - a.FalsePositiveRate) * (c.TruePositiveRate - a.TruePositiveRate)
        - (b.TruePositiveRate - a.TruePositiveRate) * (c.FalsePositiveRate - a.FalsePositiveRate);

    private static List<RocPoint> CheckAndClose(IEnumerable<RocPoint> points)
    {
        var all = new List<RocPoint> { new(0, 0) };
        int i = 0;
        foreach (var p in points) { CheckPoint(p, $"points[{i}]"); all.Add(p); i++; }
        all.Add(new RocPoint(1, 1));
        return all;
    }

    private static void CheckPoint(RocPoint p, string name)
    {
        if (!(p.FalsePositiveRate >= 0 && p.FalsePositiveRate <= 1 && p.TruePositiveRate >= 0 && p.TruePositiveRate <= 1))
            throw new ArgumentOutOfRangeException(name.StartsWith("points") ? "points" : name, p,
                $"{name} must have FPR and TPR in [0, 1]; got {p}.");
    }
}

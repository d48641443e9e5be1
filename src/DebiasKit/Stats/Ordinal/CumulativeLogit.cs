using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// A fitted cumulative logit model for an ordinal outcome Y ∈ {0, 1, …, K} with one weight vector per threshold:
/// P(Y &gt; k | x) = σ(αₖ + βₖᵀx) for k = 0, …, K − 1. The proportional-odds model is the special case β₀ = … = β_{K−1};
/// PRESTO (Faletto and Bien, 2023) fits the general case with a fusion penalty (see <see cref="Presto"/>).
/// Class probabilities are P(Y = 0) = 1 − σ(η₀), P(Y = c) = σ(η_{c−1}) − σ(η_c), P(Y = K) = σ(η_{K−1}); with separate weights
/// they can be negative for some x (the exceedance curves may cross), which <see cref="Probabilities"/> reports as is.
/// </summary>
/// <param name="Intercepts">αₖ, one per threshold (K values).</param>
/// <param name="Weights">βₖ, one weight vector of p values per threshold (K rows).</param>
public sealed record CumulativeLogitModel(double[] Intercepts, double[][] Weights)
{
    /// <summary>K, the number of thresholds (categories minus one).</summary>
    public int Thresholds => Intercepts.Length;

    /// <summary>p, the number of features.</summary>
    public int Features => Weights[0].Length;

    /// <summary>True when every threshold has the same weights (the proportional-odds model), within <paramref name="tolerance"/>.</summary>
    public bool IsProportionalOdds(double tolerance = 0) =>
        Weights.All(w => w.Zip(Weights[0], (a, b) => Math.Abs(a - b)).All(d => d <= tolerance));

    /// <summary>P(Y &gt; k | x) = σ(αₖ + βₖᵀx) for each row of <paramref name="x"/>.</summary>
    public double[] Exceedance(Matrix<double> x, int k)
    {
        Guard.NotNull(x, nameof(x));
        if (x.ColumnCount != Features) throw new ArgumentException($"x must have {Features} columns; it has {x.ColumnCount}.", nameof(x));
        if (k < 0 || k >= Thresholds) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [0, {Thresholds - 1}].");
        var result = new double[x.RowCount];
        for (int i = 0; i < x.RowCount; i++)
        {
            double eta = Intercepts[k];
            for (int j = 0; j < Features; j++) eta += Weights[k][j] * x[i, j];
            result[i] = LogisticRegression.Sigmoid(eta);
        }
        return result;
    }

    /// <summary>P(Y = K | x), the probability of the top (rarest) category.</summary>
    public double[] TopProbability(Matrix<double> x) => Exceedance(x, Thresholds - 1);

    /// <summary>Class probabilities, an n × (K + 1) array (entries can be negative where the exceedance curves cross).</summary>
    public double[,] Probabilities(Matrix<double> x)
    {
        var exceed = Enumerable.Range(0, Thresholds).Select(k => Exceedance(x, k)).ToArray();
        var p = new double[x.RowCount, Thresholds + 1];
        for (int i = 0; i < x.RowCount; i++)
            for (int c = 0; c <= Thresholds; c++)
                p[i, c] = (c == 0 ? 1 : exceed[c - 1][i]) - (c == Thresholds ? 0 : exceed[c][i]);
        return p;
    }
}

/// <summary>
/// The mean negative log-likelihood of the cumulative logit model P(Y &gt; k | x) = σ(αₖ + βₖᵀx) and its gradient, shared by
/// <see cref="ProportionalOdds"/> and <see cref="Presto"/>. For an observation in the middle category c the term is
/// −log(σ(η_{c−1}) − σ(η_c)), computed stably as −[log σ(a) + log σ(−b) + log(−expm1(b − a))] with a = η_{c−1}, b = η_c; the
/// end categories give softplus(η₀) and softplus(−η_{K−1}). Where a ≤ b (a negative class probability) the value is +∞.
/// </summary>
public static class CumulativeLogit
{
    /// <summary>Mean negative log-likelihood of labels <paramref name="y"/> ∈ {0, …, K} under the given parameters (+∞ if a class probability is not positive).</summary>
    public static double MeanNegativeLogLikelihood(Matrix<double> x, IReadOnlyList<int> y, double[] intercepts, double[][] weights)
    {
        var data = OrdinalData.From(x, y, CheckParameters(x, intercepts, weights) + 1);
        return data.Evaluate(intercepts, Flatten(weights), null, null);
    }

    /// <summary>Gradient of <see cref="MeanNegativeLogLikelihood"/> with respect to the intercepts and the weights.</summary>
    public static (double[] Intercepts, double[][] Weights) Gradient(Matrix<double> x, IReadOnlyList<int> y, double[] intercepts, double[][] weights)
    {
        int k = CheckParameters(x, intercepts, weights);
        var data = OrdinalData.From(x, y, k + 1);
        var ga = new double[k];
        var gb = new double[k * x.ColumnCount];
        double value = data.Evaluate(intercepts, Flatten(weights), ga, gb);
        if (double.IsPositiveInfinity(value))
            throw new ArgumentException("the parameters give a non-positive probability to an observed category; the gradient is undefined there.", nameof(weights));
        return (ga, Enumerable.Range(0, k).Select(t => gb.AsSpan(t * x.ColumnCount, x.ColumnCount).ToArray()).ToArray());
    }

    private static int CheckParameters(Matrix<double> x, double[] intercepts, double[][] weights)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(intercepts, nameof(intercepts));
        Guard.NotNull(weights, nameof(weights));
        if (intercepts.Length < 1) throw new ArgumentException("intercepts must hold one value per threshold; it is empty.", nameof(intercepts));
        if (weights.Length != intercepts.Length) throw new ArgumentException($"weights must hold {intercepts.Length} rows (one per threshold); it holds {weights.Length}.", nameof(weights));
        foreach (var w in weights)
            if (w is null || w.Length != x.ColumnCount) throw new ArgumentException($"each row of weights must hold {x.ColumnCount} values (one per column of x).", nameof(weights));
        return intercepts.Length;
    }

    internal static double[] Flatten(double[][] rows) => rows.SelectMany(r => r).ToArray();

    /// <summary>e^z − 1 without cancellation for small z.</summary>
    internal static double Expm1(double z) => Math.Abs(z) < 1e-5 ? z + z * z / 2 + z * z * z / 6 : Math.Exp(z) - 1;

    internal static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
}

/// <summary>Ordinal data held as flat arrays (row-major features), with the likelihood kernel the solvers call in their inner loops.</summary>
internal sealed class OrdinalData
{
    public readonly double[] X;   // n × p row-major
    public readonly int[] Y;
    public readonly int N, P, K;  // K thresholds, categories 0..K

    public OrdinalData(double[] x, int[] y, int n, int p, int thresholds)
    {
        X = x; Y = y; N = n; P = p; K = thresholds;
    }

    /// <summary>Validates and copies x (finite) and y (labels in 0..categories − 1); optionally requires every category to be observed.</summary>
    public static OrdinalData From(Matrix<double> x, IReadOnlyList<int> y, int categories, bool requireAllCategories = false)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        if (categories < 2) throw new ArgumentOutOfRangeException(nameof(categories), categories, "categories must be at least 2.");
        int n = x.RowCount, p = x.ColumnCount;
        if (y.Count != n) throw new ArgumentException($"y must hold one label per row of x ({n}); it holds {y.Count}.", nameof(y));
        if (n < 2) throw new ArgumentException($"x must have at least two rows; it has {n}.", nameof(x));
        if (p < 1) throw new ArgumentException("x must have at least one column.", nameof(x));
        var flat = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                double v = x[i, j];
                if (!double.IsFinite(v)) throw new ArgumentException($"x must be finite; x[{i}, {j}] is {v}.", nameof(x));
                flat[i * p + j] = v;
            }
        var labels = new int[n];
        var counts = new int[categories];
        for (int i = 0; i < n; i++)
        {
            if (y[i] < 0 || y[i] >= categories)
                throw new ArgumentOutOfRangeException(nameof(y), y[i], $"y[{i}] = {y[i]}; labels must lie in 0..{categories - 1} for {categories} categories.");
            labels[i] = y[i];
            counts[y[i]]++;
        }
        if (requireAllCategories)
            for (int c = 0; c < categories; c++)
                if (counts[c] == 0)
                    throw new ArgumentException($"y has no observation in category {c}; every one of the {categories} categories must be observed for the likelihood to have a maximum.", nameof(y));
        return new OrdinalData(flat, labels, n, p, categories - 1);
    }

    /// <summary>Share of observations with Y &gt; k, for each threshold.</summary>
    public double[] ExceedanceShares()
    {
        var shares = new double[K];
        foreach (int c in Y)
            for (int k = 0; k < c; k++) shares[k]++;
        for (int k = 0; k < K; k++) shares[k] /= N;
        return shares;
    }

    /// <summary>
    /// Mean NLL at (α, B) with B row-major K × p; fills the gradients when given (they are overwritten). +∞ when a class
    /// probability is not positive for some observation.
    /// </summary>
    public double Evaluate(double[] alpha, double[] beta, double[]? gradAlpha, double[]? gradBeta)
    {
        bool grad = gradAlpha is not null;
        if (grad) { Array.Clear(gradAlpha!); Array.Clear(gradBeta!); }
        double total = 0;
        int p = P;
        for (int i = 0; i < N; i++)
        {
            int c = Y[i];
            int row = i * p;
            // η for the (at most two) thresholds this observation touches: a = η_{c−1}, b = η_c.
            double a = 0, b = 0;
            if (c > 0) a = Eta(alpha, beta, c - 1, row);
            if (c < K) b = Eta(alpha, beta, c, row);
            double da = 0, db = 0;
            if (c == 0)
            {
                total += CumulativeLogit.Softplus(b);
                db = LogisticRegression.Sigmoid(b);
            }
            else if (c == K)
            {
                total += CumulativeLogit.Softplus(-a);
                da = -LogisticRegression.Sigmoid(-a);
            }
            else
            {
                if (!(a > b)) return double.PositiveInfinity;
                double m = -CumulativeLogit.Expm1(b - a);                       // 1 − e^{b−a} ∈ (0, 1)
                total += CumulativeLogit.Softplus(-a) + CumulativeLogit.Softplus(b) - Math.Log(m);
                da = -LogisticRegression.Sigmoid(-a) / (LogisticRegression.Sigmoid(-b) * m);
                db = LogisticRegression.Sigmoid(b) / (LogisticRegression.Sigmoid(a) * m);
            }
            if (!grad) continue;
            if (c > 0) Accumulate(gradAlpha!, gradBeta!, c - 1, row, da);
            if (c < K) Accumulate(gradAlpha!, gradBeta!, c, row, db);
        }
        if (grad)
        {
            for (int k = 0; k < gradAlpha!.Length; k++) gradAlpha[k] /= N;
            for (int k = 0; k < gradBeta!.Length; k++) gradBeta[k] /= N;
        }
        return total / N;
    }

    private double Eta(double[] alpha, double[] beta, int k, int row)
    {
        double eta = alpha[k];
        int offset = k * P;
        for (int j = 0; j < P; j++) eta += beta[offset + j] * X[row + j];
        return eta;
    }

    private void Accumulate(double[] gradAlpha, double[] gradBeta, int k, int row, double d)
    {
        gradAlpha[k] += d;
        int offset = k * P;
        for (int j = 0; j < P; j++) gradBeta[offset + j] += d * X[row + j];
    }

    /// <summary>Column means and population standard deviations (zero-variance columns get 1), as ordinalNet standardises.</summary>
    public (double[] Mean, double[] Sd) ColumnMoments()
    {
        var mean = new double[P];
        var sd = new double[P];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < P; j++) mean[j] += X[i * P + j];
        for (int j = 0; j < P; j++) mean[j] /= N;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < P; j++) { double d = X[i * P + j] - mean[j]; sd[j] += d * d; }
        for (int j = 0; j < P; j++) { sd[j] = Math.Sqrt(sd[j] / N); if (sd[j] == 0) sd[j] = 1; }
        return (mean, sd);
    }

    public OrdinalData Standardised(double[] mean, double[] sd)
    {
        var z = new double[X.Length];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < P; j++) z[i * P + j] = (X[i * P + j] - mean[j]) / sd[j];
        return new OrdinalData(z, Y, N, P, K);
    }
}

namespace DebiasKit.Models;

/// <summary>
/// Gaussian naive Bayes: each feature is, within a class, an independent normal variable, so
/// log p(c | x) = log π_c + Σ_j log N(x_j; μ_cj, σ²_cj) − log Z. One of the SMOTE paper's three learners (Chawla, Bowyer,
/// Hall and Kegelmeyer, JAIR 16, 2002, Section 5), which makes it cost-sensitive by varying the minority class's prior
/// ("from the original distribution to up to 50 times the majority class"); <see cref="Predict"/> takes such priors.
/// <para>
/// Variant pinned: scikit-learn's GaussianNB. μ_cj is the class mean, σ²_cj the class's maximum-likelihood (divide by
/// n_c) variance plus ε = varianceSmoothing · (largest variance of any feature over all rows), default 1e-9 as in
/// scikit-learn; the fitted priors are the class frequencies. The paper's own naive Bayes (Borgelt's program) is not
/// pinned here: the paper does not say how it models continuous features.
/// </para>
/// </summary>
public sealed class GaussianNaiveBayes
{
    private GaussianNaiveBayes(double[] priors, double[][] means, double[][] variances)
    {
        Priors = priors;
        Means = means;
        Variances = variances;
    }

    /// <summary>Class frequencies in the training set (π_c).</summary>
    public IReadOnlyList<double> Priors { get; }

    /// <summary>μ_cj: Means[c][j].</summary>
    public IReadOnlyList<double[]> Means { get; }

    /// <summary>σ²_cj (smoothed): Variances[c][j].</summary>
    public IReadOnlyList<double[]> Variances { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => Priors.Count;

    /// <summary>Fits the per-class means, variances and frequencies.</summary>
    /// <param name="features">n rows of d finite features.</param>
    /// <param name="labels">Class of each row, in 0 … classes − 1; every class must occur.</param>
    /// <param name="classes">Number of classes, at least 2.</param>
    /// <param name="varianceSmoothing">ε as a share of the largest feature variance, ≥ 0.</param>
    public static GaussianNaiveBayes Fit(double[][] features, IReadOnlyList<long> labels, int classes, double varianceSmoothing = 1e-9)
    {
        int d = TabularChecks.Rows(features, nameof(features));
        TabularChecks.Labels(labels, features.Length, classes, nameof(labels));
        Guard.NonNegative(varianceSmoothing, nameof(varianceSmoothing));
        int n = features.Length;
        var counts = new int[classes];
        var means = new double[classes][];
        var variances = new double[classes][];
        for (int c = 0; c < classes; c++) { means[c] = new double[d]; variances[c] = new double[d]; }
        for (int i = 0; i < n; i++)
        {
            int c = (int)labels[i];
            counts[c]++;
            for (int j = 0; j < d; j++) means[c][j] += features[i][j];
        }
        for (int c = 0; c < classes; c++)
        {
            if (counts[c] == 0) throw new ArgumentException($"labels has no example of class {c}; every class needs at least one to fit its mean.", nameof(labels));
            for (int j = 0; j < d; j++) means[c][j] /= counts[c];
        }
        for (int i = 0; i < n; i++)
        {
            int c = (int)labels[i];
            for (int j = 0; j < d; j++) { double diff = features[i][j] - means[c][j]; variances[c][j] += diff * diff; }
        }
        // ε from the largest variance of a feature over all rows (scikit-learn: var_smoothing * np.var(X, axis=0).max()).
        double largest = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, squares = 0;
            for (int i = 0; i < n; i++) mean += features[i][j];
            mean /= n;
            for (int i = 0; i < n; i++) { double diff = features[i][j] - mean; squares += diff * diff; }
            largest = Math.Max(largest, squares / n);
        }
        double epsilon = varianceSmoothing * largest;
        for (int c = 0; c < classes; c++)
            for (int j = 0; j < d; j++)
            {
                variances[c][j] = variances[c][j] / counts[c] + epsilon;
                if (!(variances[c][j] > 0))
                    throw new ArgumentException($"class {c} has zero variance in feature {j} and varianceSmoothing is {varianceSmoothing}; use a positive varianceSmoothing.", nameof(varianceSmoothing));
            }
        return new GaussianNaiveBayes(counts.Select(k => (double)k / n).ToArray(), means, variances);
    }

    /// <summary>log p(x | c) for every class: Σ_j −½ log(2π σ²_cj) − (x_j − μ_cj)² / (2 σ²_cj).</summary>
    public double[] LogLikelihoods(double[] row)
    {
        Guard.NotNull(row, nameof(row));
        int d = Means[0].Length;
        if (row.Length != d) throw new ArgumentException($"row must have {d} features; it has {row.Length}.", nameof(row));
        var result = new double[Classes];
        for (int c = 0; c < Classes; c++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                double v = Variances[c][j], diff = row[j] - Means[c][j];
                s += -0.5 * Math.Log(2 * Math.PI * v) - diff * diff / (2 * v);
            }
            result[c] = s;
        }
        return result;
    }

    /// <summary>Posterior class probabilities of each row under <paramref name="priors"/> (default: the fitted frequencies).</summary>
    public double[][] PredictProbabilities(double[][] features, IReadOnlyList<double>? priors = null)
    {
        var logPriors = LogPriors(priors);
        Guard.NotNull(features, nameof(features));
        return features.Select(row =>
        {
            var l = LogLikelihoods(row);
            for (int c = 0; c < l.Length; c++) l[c] += logPriors[c];
            double max = l.Max(), z = 0;
            for (int c = 0; c < l.Length; c++) { l[c] = Math.Exp(l[c] - max); z += l[c]; }
            for (int c = 0; c < l.Length; c++) l[c] /= z;
            return l;
        }).ToArray();
    }

    /// <summary>
    /// The class of highest posterior, argmax_c log π_c + log p(x | c), under <paramref name="priors"/> (default: the
    /// fitted frequencies; any positive weights, normalised). Ties go to the lower class.
    /// </summary>
    public long[] Predict(double[][] features, IReadOnlyList<double>? priors = null)
    {
        var logPriors = LogPriors(priors);
        Guard.NotNull(features, nameof(features));
        return features.Select(row =>
        {
            var l = LogLikelihoods(row);
            int best = 0;
            for (int c = 1; c < l.Length; c++) if (l[c] + logPriors[c] > l[best] + logPriors[best]) best = c;
            return (long)best;
        }).ToArray();
    }

    private double[] LogPriors(IReadOnlyList<double>? priors)
    {
        if (priors is null) return Priors.Select(p => Math.Log(p)).ToArray();
        if (priors.Count != Classes) throw new ArgumentException($"priors must have {Classes} entries (one per class); it has {priors.Count}.", nameof(priors));
        for (int c = 0; c < priors.Count; c++)
            if (!(priors[c] > 0) || !double.IsFinite(priors[c]))
                throw new ArgumentOutOfRangeException(nameof(priors), priors[c], $"priors must be positive and finite; priors[{c}] is {priors[c]}.");
        double total = priors.Sum();
        return priors.Select(p => Math.Log(p / total)).ToArray();
    }
}

using DebiasKit.Models;
using Xunit;

namespace DebiasKit.Tests.Models;

public class GaussianNaiveBayesTests
{
    [Fact]
    public void Hand_computed_one_feature_fit_and_posterior()
    {
        // Class 0: x = 0, 2 → μ = 1, σ² = 1 (divide by n). Class 1: x = 4, 5, 6 → μ = 5, σ² = 2/3. Priors 2/5, 3/5.
        // ε = 0 (no smoothing). At x = 3: log N(3; 1, 1) = −½ log 2π − 2; log N(3; 5, 2/3) = −½ log(2π·2/3) − 4/(4/3) = −½ log(4π/3) − 3.
        double[][] x = [[0], [2], [4], [5], [6]];
        long[] y = [0, 0, 1, 1, 1];
        var nb = GaussianNaiveBayes.Fit(x, y, 2, varianceSmoothing: 0);
        Assert.Equal([0.4, 0.6], nb.Priors);
        Assert.Equal(1.0, nb.Means[0][0], 12);
        Assert.Equal(5.0, nb.Means[1][0], 12);
        Assert.Equal(1.0, nb.Variances[0][0], 12);
        Assert.Equal(2.0 / 3, nb.Variances[1][0], 12);
        var ll = nb.LogLikelihoods([3]);
        Assert.Equal(-0.5 * Math.Log(2 * Math.PI) - 2, ll[0], 12);
        Assert.Equal(-0.5 * Math.Log(4 * Math.PI / 3) - 3, ll[1], 12);
        double a = Math.Log(0.4) + ll[0], b = Math.Log(0.6) + ll[1];
        var p = nb.PredictProbabilities([[3.0]]);
        Assert.Equal(Math.Exp(a) / (Math.Exp(a) + Math.Exp(b)), p[0][0], 12);
        Assert.Equal(1.0, p[0][0] + p[0][1], 12);
    }

    [Fact]
    public void Two_features_multiply_and_smoothing_adds_a_share_of_the_largest_variance()
    {
        // Feature 1 is constant within each class: without smoothing its variance would be 0.
        double[][] x = [[0, 1], [2, 1], [4, 3], [6, 3]];
        long[] y = [0, 0, 1, 1];
        // Largest overall variance (divide by n): feature 0 has mean 3 and squares 9 + 1 + 1 + 9 = 20 → 5; ε = 0.1·5 = 0.5.
        var nb = GaussianNaiveBayes.Fit(x, y, 2, varianceSmoothing: 0.1);
        Assert.Equal(1 + 0.5, nb.Variances[0][0], 12);
        Assert.Equal(0 + 0.5, nb.Variances[0][1], 12);
        // Independence: the log-likelihood is the sum of the two one-feature terms.
        var row = new[] { 1.0, 2.0 };
        double Term(double v, double mu, double s2) => -0.5 * Math.Log(2 * Math.PI * s2) - (v - mu) * (v - mu) / (2 * s2);
        Assert.Equal(Term(1, 1, 1.5) + Term(2, 1, 0.5), nb.LogLikelihoods(row)[0], 12);
        Assert.Equal(Term(1, 5, 1.5) + Term(2, 3, 0.5), nb.LogLikelihoods(row)[1], 12);
    }

    [Fact]
    public void Raising_the_minority_prior_moves_predictions_to_the_minority()
    {
        // The paper's cost-sensitive naive Bayes: a larger minority prior can only turn predictions to the minority.
        var rng = new Random(2);
        double[][] x = Enumerable.Range(0, 220).Select(i => new[] { (i < 200 ? 0.0 : 1.5) + Normal(rng), Normal(rng) }).ToArray();
        long[] y = Enumerable.Range(0, 220).Select(i => i < 200 ? 0L : 1L).ToArray();
        var nb = GaussianNaiveBayes.Fit(x, y, 2);
        int previous = -1;
        foreach (double odds in new[] { 20.0 / 200, 1, 10, 50 })
        {
            var predicted = nb.Predict(x, [1, odds]);
            int positives = predicted.Count(p => p == 1);
            Assert.True(positives >= previous);
            previous = positives;
        }
        Assert.Equal(nb.Predict(x), nb.Predict(x, nb.Priors));
        Assert.Equal(nb.Predict(x, [2, 4]), nb.Predict(x, [1, 2]));   // priors are normalised
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Fact]
    public void Bad_input_names_the_argument()
    {
        double[][] x = [[0], [1], [2]];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => GaussianNaiveBayes.Fit(x, [0, 0, 0], 2)).ParamName);   // class 1 missing
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => GaussianNaiveBayes.Fit(x, [0, 1, 2], 2)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => GaussianNaiveBayes.Fit([[0], [double.NaN]], [0, 1], 2)).ParamName);
        Assert.Equal("varianceSmoothing", Assert.Throws<ArgumentException>(() => GaussianNaiveBayes.Fit([[1], [1], [2], [2]], [0, 0, 1, 1], 2, 0)).ParamName);
        var nb = GaussianNaiveBayes.Fit(x, [0, 1, 1], 2);
        Assert.Equal("priors", Assert.ThrowsAny<ArgumentException>(() => nb.Predict(x, [1, 0])).ParamName);
        Assert.Equal("priors", Assert.Throws<ArgumentException>(() => nb.Predict(x, [1])).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => nb.LogLikelihoods([1, 2])).ParamName);
    }
}

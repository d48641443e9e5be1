using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DebiasKit.Tests.Causal;

public class ProximalBridgesTests
{
    [Fact]
    public void Both_bridges_recover_the_true_coefficients_in_a_large_sample()
    {
        var d = ProximalConfounding.Sample(40_000, seed: 11, ProximalEffect.Constant, treatmentConfounding: 0.5);
        var h = ProximalBridges.FitOutcome(d.W, d.Treated, d.X, d.Z, d.Outcome);
        var trueH = ProximalConfounding.OutcomeBridgeCoefficients();   // (0, 1, 2, 0, 1, 0)
        for (int j = 0; j < trueH.Length; j++)
            Assert.True(Math.Abs(h.Coefficients[j] - trueH[j]) < 0.05, $"h coefficient {j}: {h.Coefficients[j]} vs {trueH[j]}");

        var q = ProximalBridges.FitTreatment(d.Z, d.Treated, d.X, d.W);
        Assert.True(q.MomentNorm < 1e-9, $"moment norm {q.MomentNorm}");
        foreach (bool arm in new[] { true, false })
        {
            var truth = ProximalConfounding.TreatmentBridgeCoefficients(arm, treatmentConfounding: 0.5);   // (−0.03125, ∓0.5, ∓0.5, 0, 0)
            var fitted = arm ? q.Treated : q.Control;
            for (int j = 0; j < truth.Length; j++)
                Assert.True(Math.Abs(fitted[j] - truth[j]) < 0.08, $"q coefficient {j} (arm {arm}): {fitted[j]} vs {truth[j]}");
        }
        // A naive regression of Y on (A, W, X) — W as a covariate, not a bridge — stays biased: its A coefficient is far from 1.
        var naive = DebiasKit.Stats.LinearRegression.Fit(
            Matrix<double>.Build.DenseOfColumnArrays(d.Treated.Select(t => t ? 1.0 : 0.0).ToArray()).Append(d.W).Append(d.X), d.Outcome);
        Assert.True(Math.Abs(naive.Slopes[0] - 1) > 0.2, $"naive A coefficient {naive.Slopes[0]}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Outcome_bridge_matches_two_stage_least_squares_written_out(int treatmentProxies)
    {
        var d = ProximalConfounding.Sample(300, seed: 5, ProximalEffect.Sine);
        var random = new Random(3);
        var z = treatmentProxies == 1 ? d.Z : d.Z.Append(Matrix<double>.Build.Dense(300, 1, (i, _) => d.Z[i, 0] * 0.5 + random.NextDouble()));
        var h = ProximalBridges.FitOutcome(d.W, d.Treated, d.X, z, d.Outcome);

        // Plain 2SLS: R = (1, A, W, X), S = (1, A, Z, X); Γ = (SᵀS)⁻¹SᵀR, R̂ = SΓ, β = (R̂ᵀR̂)⁻¹R̂ᵀy, cross products by loops.
        int n = 300;
        double[][] r = Enumerable.Range(0, n).Select(i => new[] { 1, d.Treated[i] ? 1.0 : 0, d.W[i, 0], d.X[i, 0], d.X[i, 1], d.X[i, 2] }).ToArray();
        double[][] s = Enumerable.Range(0, n).Select(i => new[] { 1, d.Treated[i] ? 1.0 : 0 }.Concat(z.Row(i)).Concat(d.X.Row(i)).ToArray()).ToArray();
        var sts = Cross(s, s);
        var str = Cross(s, r);
        var gamma = sts.Inverse() * str;
        double[][] fitted = s.Select(row => (Vector<double>.Build.DenseOfArray(row) * gamma).ToArray()).ToArray();
        var rtr = Cross(fitted, fitted);
        var rty = Vector<double>.Build.Dense(6, j => Enumerable.Range(0, n).Sum(i => fitted[i][j] * d.Outcome[i]));
        var beta = rtr.Inverse() * rty;
        for (int j = 0; j < 6; j++) Assert.Equal(beta[j], h.Coefficients[j], 8);

        var h1 = h.Predict(d.W, true, d.X);
        var own = h.Predict(d.W, d.Treated, d.X);
        for (int i = 0; i < n; i++)
        {
            double expected = beta[0] + beta[1] + beta[2] * d.W[i, 0] + beta[3] * d.X[i, 0] + beta[4] * d.X[i, 1] + beta[5] * d.X[i, 2];
            Assert.Equal(expected, h1[i], 9);
            Assert.Equal(d.Treated[i] ? h1[i] : expected - beta[1], own[i], 9);
        }
    }

    [Fact]
    public void Treatment_bridge_solves_its_moment_equations_written_out()
    {
        var d = ProximalConfounding.Sample(600, seed: 8, ProximalEffect.Sine, treatmentConfounding: 0.7);
        var q = ProximalBridges.FitTreatment(d.Z, d.Treated, d.X, d.W);
        var values = q.Predict(d.Z, d.Treated, d.X);
        foreach (bool arm in new[] { true, false })
        {
            var theta = arm ? q.Treated : q.Control;
            // (1/n) Σᵢ bᵢ (1{Aᵢ = a}(1 + exp(θᵀsᵢ)) − 1) with bᵢ = (1, Wᵢ, Xᵢ), sᵢ = (1, Zᵢ, Xᵢ), by loops.
            var moments = new double[5];
            for (int i = 0; i < 600; i++)
            {
                double[] si = { 1, d.Z[i, 0], d.X[i, 0], d.X[i, 1], d.X[i, 2] };
                double[] bi = { 1, d.W[i, 0], d.X[i, 0], d.X[i, 1], d.X[i, 2] };
                double eta = 0;
                for (int j = 0; j < 5; j++) eta += theta[j] * si[j];
                double residual = (d.Treated[i] == arm ? 1 + Math.Exp(eta) : 0) - 1;
                for (int j = 0; j < 5; j++) moments[j] += bi[j] * residual / 600;
                if (d.Treated[i] == arm) Assert.Equal(1 + Math.Exp(eta), values[i], 10);
            }
            Assert.All(moments, m => Assert.True(Math.Abs(m) < 1e-9, $"moment {m}"));
            Assert.True(ProximalBridges.TreatmentMoments(d.Z, d.Treated, d.X, d.W, arm, theta).L2Norm() < 1e-9);
        }
        // Weighting each arm by q reproduces the full sample's mean of W: the balancing property the moments encode.
        double wBar = d.W.Column(0).Average();
        Assert.Equal(wBar, Enumerable.Range(0, 600).Where(i => d.Treated[i]).Sum(i => values[i] * d.W[i, 0]) / 600, 8);
        Assert.Equal(wBar, Enumerable.Range(0, 600).Where(i => !d.Treated[i]).Sum(i => values[i] * d.W[i, 0]) / 600, 8);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var d = ProximalConfounding.Sample(50, seed: 1);
        var wide = d.W.Append(d.W.Map(v => v * v));
        Assert.Equal("z", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(wide, d.Treated, d.X, d.Z, d.Outcome)).ParamName);
        Assert.Equal("w", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitTreatment(wide, d.Treated, d.X, d.W)).ParamName);
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(d.W, d.Treated.Take(49).ToArray(), d.X, d.Z, d.Outcome)).ParamName);
        Assert.Equal("outcomes", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(d.W, d.Treated, d.X, d.Z, d.Outcome.Take(49).ToArray())).ParamName);
        var nan = d.W.Clone();
        nan[3, 0] = double.NaN;
        Assert.Equal("w", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(nan, d.Treated, d.X, d.Z, d.Outcome)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(d.W, d.Treated, d.X.SubMatrix(0, 40, 0, 3), d.Z, d.Outcome)).ParamName);
        // A treatment proxy identical to a covariate makes the instruments collinear.
        var copy = Matrix<double>.Build.DenseOfColumnArrays(d.X.Column(0).ToArray());
        Assert.Equal("z", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitOutcome(d.W, d.Treated, d.X, copy, d.Outcome)).ParamName);
        var allTreated = Enumerable.Repeat(true, 50).ToArray();
        Assert.Equal("treated", Assert.ThrowsAny<ArgumentException>(() => ProximalBridges.FitTreatment(d.Z, allTreated, d.X, d.W)).ParamName);
        var h = ProximalBridges.FitOutcome(d.W, d.Treated, d.X, d.Z, d.Outcome);
        Assert.Equal("w", Assert.ThrowsAny<ArgumentException>(() => h.Predict(wide, true, d.X)).ParamName);
    }

    private static Matrix<double> Cross(double[][] a, double[][] b)
    {
        var m = Matrix<double>.Build.Dense(a[0].Length, b[0].Length);
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < a[0].Length; j++)
                for (int k = 0; k < b[0].Length; k++)
                    m[j, k] += a[i][j] * b[i][k];
        return m;
    }
}

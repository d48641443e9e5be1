using DebiasKit.Causal;
using DebiasKit.Data.Synthetic;
using DebiasKit.Losses;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Causal;

public class SensitivityBoundsTests
{
    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static void Near(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} (tolerance {tolerance})");

    /// <summary>Fixed inputs: 40 units with scores, propensities and mediator laws drawn from a seeded generator.</summary>
    private static (double[] H00, double[] H01, double[] H10, double[] H11, double[] Pi, double[] M0, double[] M1) Inputs(int seed, int n = 40)
    {
        var r = new Random(seed);
        double[] Draw(double lo, double hi) => Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * r.NextDouble()).ToArray();
        return (Draw(0, 1), Draw(0, 1), Draw(0, 1), Draw(0, 1), Draw(0.1, 0.9), Draw(0.05, 0.95), Draw(0.05, 0.95));
    }

    /// <summary>
    /// The mediator interval by brute force: the admissible weights w(0), w(1) ∈ [lo, hi] with w(0)(1 − p) + w(1)p = 1, scanned on a
    /// fine grid of w(1); the interventional probability is w(1)·p.
    /// </summary>
    private static (double Lo, double Hi) BruteForceInterval(double p, double pi, double gamma)
    {
        double lo = pi + (1 - pi) / gamma, hi = pi + (1 - pi) * gamma;
        double best = double.NegativeInfinity, worst = double.PositiveInfinity;
        const int steps = 200_000;
        for (int s = 0; s <= steps; s++)
        {
            double w1 = lo + (hi - lo) * s / steps;
            double w0 = (1 - w1 * p) / (1 - p);
            if (w0 < lo - 1e-12 || w0 > hi + 1e-12) continue;
            best = Math.Max(best, w1 * p);
            worst = Math.Min(worst, w1 * p);
        }
        return (worst, best);
    }

    [Fact]
    public void The_closed_form_mediator_interval_matches_the_linear_programme_by_brute_force()
    {
        foreach (var (p, pi, gamma) in new[] { (0.3, 0.4, 2.0), (0.8, 0.7, 3.0), (0.05, 0.2, 5.0), (0.5, 0.5, 1.5), (0.95, 0.1, 4.0) })
        {
            var (lo, hi) = SensitivityBounds.InterventionalMediator(p, pi, gamma);
            var (bl, bh) = BruteForceInterval(p, pi, gamma);
            Near(bl, lo, 2e-5);
            Near(bh, hi, 2e-5);
        }
        // Hand value: p = 0.3, π = 0.4, Γ = 2 → lo = 0.7, hi = 1.6; upper = min(0.48, 1 − 0.49) = 0.48, lower = max(0.21, 1 − 1.12) = 0.21.
        var hand = SensitivityBounds.InterventionalMediator(0.3, 0.4, 2.0);
        Assert.Equal(0.21, hand.Lower, 12);
        Assert.Equal(0.48, hand.Upper, 12);
    }

    [Fact]
    public void Gamma_one_collapses_the_bounds_to_the_point_estimate_written_out()
    {
        var (h00, h01, h10, h11, pi, m0, m1) = Inputs(1);
        var b = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, gamma: 1);
        double de = 0, ie = 0;
        for (int i = 0; i < h00.Length; i++)
        {
            de += (1 - m0[i]) * (h10[i] - h00[i]) + m0[i] * (h11[i] - h01[i]);
            ie += (h11[i] - h10[i]) * (m1[i] - m0[i]);
        }
        de /= h00.Length; ie /= h00.Length;
        Assert.Equal(de, b.Direct.Estimate, 12);
        Assert.Equal(ie, b.Indirect.Estimate, 12);
        foreach (var e in new[] { b.Direct, b.Indirect })
        {
            Assert.Equal(e.Estimate, e.Lower, 12);
            Assert.Equal(e.Estimate, e.Upper, 12);
        }
    }

    [Fact]
    public void Bounds_widen_monotonically_in_gamma_and_always_contain_the_point_estimate()
    {
        var (h00, h01, h10, h11, pi, m0, m1) = Inputs(2);
        PathEffectBounds? previous = null;
        foreach (double gamma in new[] { 1.0, 1.2, 1.5, 2, 3, 5, 10 })
        {
            var b = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, gamma);
            Assert.True(b.Direct.Contains(b.Direct.Estimate, 1e-12) && b.Indirect.Contains(b.Indirect.Estimate, 1e-12));
            if (previous is not null)
            {
                Assert.True(b.Direct.Lower <= previous.Direct.Lower + 1e-12 && b.Direct.Upper >= previous.Direct.Upper - 1e-12);
                Assert.True(b.Indirect.Lower <= previous.Indirect.Lower + 1e-12 && b.Indirect.Upper >= previous.Indirect.Upper - 1e-12);
            }
            previous = b;
        }
        Assert.True(previous!.Indirect.Upper - previous.Indirect.Lower > 0.05);   // it does widen
    }

    [Fact]
    public void Path_effect_bounds_match_a_plain_enumeration_of_the_interval_endpoints()
    {
        // Independent route: for each unit enumerate q0, q1 over the brute-force interval endpoints and take the extremes.
        var (h00, h01, h10, h11, pi, m0, m1) = Inputs(3, n: 12);
        const double gamma = 2.5;
        double deLo = 0, deHi = 0, ieLo = 0, ieHi = 0;
        for (int i = 0; i < 12; i++)
        {
            var (a0, b0) = BruteForceInterval(m0[i], 1 - pi[i], gamma);
            var (a1, b1) = BruteForceInterval(m1[i], pi[i], gamma);
            var de = new[] { a0, b0 }.Select(q0 => (1 - q0) * (h10[i] - h00[i]) + q0 * (h11[i] - h01[i])).ToArray();
            var ie = (from q0 in new[] { a0, b0 } from q1 in new[] { a1, b1 } select (h11[i] - h10[i]) * (q1 - q0)).ToArray();
            deLo += de.Min(); deHi += de.Max(); ieLo += ie.Min(); ieHi += ie.Max();
        }
        var b = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, gamma);
        Near(deLo / 12, b.Direct.Lower, 2e-5);
        Near(deHi / 12, b.Direct.Upper, 2e-5);
        Near(ieLo / 12, b.Indirect.Lower, 2e-5);
        Near(ieHi / 12, b.Indirect.Upper, 2e-5);
    }

    [Fact]
    public void The_true_effects_lie_within_the_bounds_when_the_confounding_is_within_gamma_and_not_always_when_gamma_is_too_small()
    {
        // Known SCM nuisances (no estimation error): the truth must be inside for Γ ≥ the SCM's true Γ.
        var scm = new ConfoundedMediatorScm(Strength: 0.8);
        double trueGamma = scm.TrueGamma();
        Assert.InRange(trueGamma, 2.5, 3.2);
        var sample = scm.Sample(400, seed: 5);
        var z = sample.Z;
        var pi = z.Select(scm.Propensity).ToArray();
        var m0 = z.Select(v => scm.ObservedMediator(v, 0)).ToArray();
        var m1 = z.Select(v => scm.ObservedMediator(v, 1)).ToArray();
        // The mediator law: interventional within the Γ-interval at every z.
        for (int i = 0; i < z.Length; i++)
            for (int a = 0; a <= 1; a++)
            {
                var (lo, hi) = SensitivityBounds.InterventionalMediator(a == 1 ? m1[i] : m0[i], a == 1 ? pi[i] : 1 - pi[i], trueGamma);
                double q = scm.InterventionalMediator(z[i], a);
                Assert.True(lo - 1e-9 <= q && q <= hi + 1e-9, $"q = {q} outside [{lo}, {hi}] at z = {z[i]}, a = {a}");
            }
        int missedWithSmallGamma = 0;
        for (int k = 0; k < 20; k++)
        {
            var r = new Random(100 + k);
            // A random score h(a, z, m) = σ(c0 + c1 a + c2 z + c3 m).
            var c = Enumerable.Range(0, 4).Select(_ => 3 * (r.NextDouble() - 0.5)).ToArray();
            double H(double a, double v, double m) => Sigmoid(c[0] + c[1] * a + c[2] * v + c[3] * m);
            var h00 = z.Select(v => H(0, v, 0)).ToArray(); var h01 = z.Select(v => H(0, v, 1)).ToArray();
            var h10 = z.Select(v => H(1, v, 0)).ToArray(); var h11 = z.Select(v => H(1, v, 1)).ToArray();
            var (de, ie) = scm.TrueEffects(z, H);
            var wide = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, trueGamma);
            Assert.True(wide.Direct.Contains(de, 1e-9) && wide.Indirect.Contains(ie, 1e-9), $"truth ({de}, {ie}) outside the Γ = {trueGamma} bounds");
            var none = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, 1.0);
            if (!(none.Direct.Contains(de, 1e-4) && none.Indirect.Contains(ie, 1e-4))) missedWithSmallGamma++;
        }
        Assert.True(missedWithSmallGamma > 10, $"Γ = 1 should miss the confounded truth; it missed {missedWithSmallGamma} of 20");
    }

    [Fact]
    public void The_tensor_penalty_equals_the_worst_case_magnitudes_of_the_bounds()
    {
        var (h00, h01, h10, h11, pi, m0, m1) = Inputs(4);
        foreach (double gamma in new[] { 1.0, 2.0 })
        {
            var b = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, gamma);
            var penalty = new WorstCasePathEffects(pi, m0, m1, gamma);
            Tensor T(double[] v) => tensor(v.Select(x => (float)x).ToArray());
            using var value = penalty.Penalty(T(h00), T(h01), T(h10), T(h11));
            Assert.Equal(b.Direct.WorstCaseMagnitude + b.Indirect.WorstCaseMagnitude, value.item<float>(), 5);
        }
    }

    [Fact]
    public void The_generator_matches_its_closed_forms()
    {
        var scm = new ConfoundedMediatorScm(Strength: 0.8);
        var s = scm.Sample(60_000, seed: 7);
        // Observed P(M = 1 | A = a) among units with z near 0 against the closed form at z = 0.
        for (int a = 0; a <= 1; a++)
        {
            var near = Enumerable.Range(0, s.Count).Where(i => Math.Abs(s.Z[i]) < 0.1 && s.A[i] == a).ToArray();
            Near(scm.ObservedMediator(0, a), near.Average(i => s.M[i]), 0.04);
        }
        Assert.Equal(1.0, new ConfoundedMediatorScm(0).TrueGamma(), 12);
        Assert.Equal(new ConfoundedMediatorScm(0).ObservedMediator(0.3, 1), new ConfoundedMediatorScm(0).InterventionalMediator(0.3, 1), 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var (h00, h01, h10, h11, pi, m0, m1) = Inputs(5);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, 0.5)).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.InterventionalMediator(0.5, 0.5, double.NaN)).ParamName);
        Assert.Equal("observed", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.InterventionalMediator(1.5, 0.5, 2)).ParamName);
        Assert.Equal("propensity", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.InterventionalMediator(0.5, 1.0, 2)).ParamName);
        var bad = (double[])pi.Clone(); bad[3] = 0;
        Assert.Equal("propensity", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.PathEffects(h00, h01, h10, h11, bad, m0, m1, 2)).ParamName);
        Assert.Equal("h01", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.PathEffects(h00, h01.Take(5).ToArray(), h10, h11, pi, m0, m1, 2)).ParamName);
        var nan = (double[])m1.Clone(); nan[0] = double.NaN;
        Assert.Equal("mediator1", Assert.ThrowsAny<ArgumentException>(() => SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, nan, 2)).ParamName);
        Assert.Equal("Strength", Assert.ThrowsAny<ArgumentException>(() => new ConfoundedMediatorScm(-1).Sample(10, 0)).ParamName);
    }
}

public class SensitivityFairTrainingTests
{
    [Fact]
    public void The_penalty_drives_the_penalised_effects_towards_zero_and_bad_labels_are_named()
    {
        var scm = new ConfoundedMediatorScm(Strength: 0.4);
        var s = scm.Sample(600, seed: 3);
        var pi = s.Z.Select(scm.Propensity).ToArray();
        var m0 = s.Z.Select(v => scm.ObservedMediator(v, 0)).ToArray();
        var m1 = s.Z.Select(v => scm.ObservedMediator(v, 1)).ToArray();
        var options = new SensitivityFairOptions(Lambda: 5, Steps: 150, Seed: 1);
        var free = SensitivityFairTraining.Train(s.Inputs(), s.Y, pi, m0, m1, gamma: null, options);
        var fair = SensitivityFairTraining.Train(s.Inputs(), s.Y, pi, m0, m1, gamma: 2.0, options);
        double Worst(FairScorePredictor p)
        {
            var (h00, h01, h10, h11) = p.Counterfactual(s.Z);
            var b = SensitivityBounds.PathEffects(h00, h01, h10, h11, pi, m0, m1, 2.0);
            return b.Direct.WorstCaseMagnitude + b.Indirect.WorstCaseMagnitude;
        }
        Assert.True(Worst(free) > 0.1, $"the unconstrained predictor should use A and M: worst case {Worst(free)}");
        Assert.True(Worst(fair) < 0.25 * Worst(free), $"penalised worst case {Worst(fair)} vs unconstrained {Worst(free)}");
        // A tolerance above any attainable worst case switches the hinge off: the same seed gives the unconstrained predictor.
        var slack = SensitivityFairTraining.Train(s.Inputs(), s.Y, pi, m0, m1, gamma: 2.0, options with { Tolerance = 10 });
        Assert.Equal(free.Score(s.Inputs()), slack.Score(s.Inputs()));
        // A moderate tolerance leaves the worst case near it, between the fully penalised and the free predictor.
        var half = SensitivityFairTraining.Train(s.Inputs(), s.Y, pi, m0, m1, gamma: 2.0, options with { Tolerance = 0.1 });
        Assert.InRange(Worst(half), Worst(fair), 0.13);
        Assert.Equal("options.Tolerance", Assert.ThrowsAny<ArgumentException>(() => SensitivityFairTraining.Train(s.Inputs(), s.Y, pi, m0, m1, 1.0, options with { Tolerance = -1 })).ParamName);
        var labels = (double[])s.Y.Clone(); labels[2] = 0.5;
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => SensitivityFairTraining.Train(s.Inputs(), labels, pi, m0, m1, 1.0, options)).ParamName);
    }
}

using DebiasKit.Losses;
using DebiasKit.Models;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Causal;

/// <summary>Options of <see cref="SensitivityFairTraining"/>.</summary>
/// <param name="Lambda">λ ≥ 0, the weight of the fairness penalty.</param>
/// <param name="Steps">Full-batch Adam steps.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="Hidden">Hidden widths of the MLP (empty: logistic regression).</param>
/// <param name="Seed">Seeds the initialisation.</param>
/// <param name="Tolerance">γ ≥ 0, the fairness level the predictor is allowed: the penalty is λ·max(0, worst case − γ), a soft
/// form of the reference code's constraint "worst-case effect ≤ γ" (γ = 0: a plain penalty that drives the worst case to zero).</param>
public sealed record SensitivityFairOptions(double Lambda = 5, int Steps = 300, double LearningRate = 0.05, int[]? Hidden = null, int Seed = 0, double Tolerance = 0);

/// <summary>A trained predictor of P(Y = 1 | a, z, m) on inputs (A, Z, M).</summary>
public sealed class FairScorePredictor
{
    private readonly Mlp model;

    internal FairScorePredictor(Mlp model) { this.model = model; }

    /// <summary>Scores for rows (A, Z, M) of <paramref name="inputs"/>.</summary>
    public double[] Score(Matrix<double> inputs)
    {
        Guard.NotNull(inputs, nameof(inputs));
        if (inputs.ColumnCount != 3) throw new ArgumentException($"inputs must have three columns (A, Z, M); it has {inputs.ColumnCount}.", nameof(inputs));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(inputs.ToRowMajorArray().Select(v => (float)v).ToArray(), new long[] { inputs.RowCount, 3 });
        return model.forward(x).squeeze(1).sigmoid().data<float>().Select(v => (double)v).ToArray();
    }

    /// <summary>The score at one point h(a, z, m).</summary>
    public double Score(double a, double z, double m) => Score(Matrix<double>.Build.DenseOfRowArrays(new[] { a, z, m }))[0];

    /// <summary>h(a, zᵢ, m) for every z and the four (a, m) combinations: (h00, h01, h10, h11).</summary>
    public (double[] H00, double[] H01, double[] H10, double[] H11) Counterfactual(IReadOnlyList<double> z)
    {
        double[] At(int a, int m) => Score(Matrix<double>.Build.Dense(z.Count, 3, (i, j) => j == 0 ? a : j == 1 ? z[i] : m));
        return (At(0, 0), At(0, 1), At(1, 0), At(1, 1));
    }
}

/// <summary>
/// Fairness-penalised training in the neural sensitivity framework (Schröder, Frauen and Feuerriegel, 2024): minimise
/// BCE(h(A, Z, M), Y) + λ·max(0, max(|DE⁻|, |DE⁺|) + max(|IE⁻|, |IE⁺|) − γ), the worst case over the Γ-bounds of
/// <see cref="SensitivityBounds"/> (on tensors: <see cref="WorstCasePathEffects"/>) of the predictor's direct and indirect effect.
/// Γ = 1 gives the "fair under no confounding" predictor (penalising point estimates); no penalty (λ = 0 or a null Γ) the
/// unconstrained one. Variant pinned: a fixed-λ hinge penalty on the summed worst case above the tolerance γ
/// (<see cref="SensitivityFairOptions.Tolerance"/>), full-batch Adam on an MLP; the reference code instead enforces per-path
/// constraints (γ_DE, γ_IE, γ_SE) with Lagrange multipliers and mini-batches.
/// </summary>
public static class SensitivityFairTraining
{
    /// <param name="inputs">n × 3 rows (A, Z, M), A and M in {0, 1}.</param>
    /// <param name="labels">Y ∈ {0, 1}.</param>
    /// <param name="propensity">P(A = 1 | zᵢ), estimated.</param>
    /// <param name="mediator0">P(M = 1 | zᵢ, A = 0), estimated.</param>
    /// <param name="mediator1">P(M = 1 | zᵢ, A = 1), estimated.</param>
    /// <param name="gamma">Γ ≥ 1 of the penalty, or null for no penalty.</param>
    /// <param name="options">λ, steps, learning rate, architecture, seed.</param>
    public static FairScorePredictor Train(Matrix<double> inputs, IReadOnlyList<double> labels, IReadOnlyList<double> propensity,
        IReadOnlyList<double> mediator0, IReadOnlyList<double> mediator1, double? gamma, SensitivityFairOptions? options = null)
    {
        var o = options ?? new SensitivityFairOptions();
        Guard.NotNull(inputs, nameof(inputs));
        Guard.NotNull(labels, nameof(labels));
        int n = inputs.RowCount;
        if (inputs.ColumnCount != 3) throw new ArgumentException($"inputs must have three columns (A, Z, M); it has {inputs.ColumnCount}.", nameof(inputs));
        if (labels.Count != n) throw new ArgumentException($"labels must hold one value per row of inputs ({n}); it holds {labels.Count}.", nameof(labels));
        for (int i = 0; i < n; i++)
        {
            if (labels[i] != 0 && labels[i] != 1) throw new ArgumentException($"labels[{i}] = {labels[i]}; labels must be 0 or 1.", nameof(labels));
            if ((inputs[i, 0] != 0 && inputs[i, 0] != 1) || (inputs[i, 2] != 0 && inputs[i, 2] != 1))
                throw new ArgumentException($"inputs row {i}: A and M (columns 0 and 2) must be 0 or 1.", nameof(inputs));
            if (!double.IsFinite(inputs[i, 1])) throw new ArgumentException($"inputs[{i}, 1] (Z) must be finite.", nameof(inputs));
        }
        Guard.NonNegative(o.Lambda, nameof(options) + ".Lambda");
        Guard.NonNegative(o.Tolerance, nameof(options) + ".Tolerance");
        if (o.Steps < 1) throw new ArgumentOutOfRangeException(nameof(options), o.Steps, "options.Steps must be at least 1.");
        Training.Seeds.Apply(o.Seed);
        var model = new Mlp(3, o.Hidden ?? new[] { 16 }, 1);
        var penalty = gamma is double g && o.Lambda > 0 ? new WorstCasePathEffects(propensity, mediator0, mediator1, g) : null;
        var rows = inputs.ToRowMajorArray().Select(v => (float)v).ToArray();
        using var x = tensor(rows, new long[] { n, 3 });
        using var y = tensor(labels.Select(v => (float)v).ToArray());
        var z = Enumerable.Range(0, n).Select(i => (float)inputs[i, 1]).ToArray();
        Tensor Counterfactual(int a, int m) => stack(new[] { full(n, (float)a), tensor(z), full(n, (float)m) }, 1);
        using var x00 = Counterfactual(0, 0);
        using var x01 = Counterfactual(0, 1);
        using var x10 = Counterfactual(1, 0);
        using var x11 = Counterfactual(1, 1);
        var optimizer = optim.Adam(model.parameters(), o.LearningRate);
        for (int step = 0; step < o.Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(x).squeeze(1), y);
            if (penalty is not null)
            {
                var h = new[] { x00, x01, x10, x11 }.Select(t => model.forward(t).squeeze(1).sigmoid()).ToArray();
                loss = loss + (float)o.Lambda * nn.functional.relu(penalty.Penalty(h[0], h[1], h[2], h[3]) - (float)o.Tolerance);
            }
            loss.backward();
            optimizer.step();
        }
        return new FairScorePredictor(model);
    }
}

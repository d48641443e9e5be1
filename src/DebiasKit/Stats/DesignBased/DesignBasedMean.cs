using System.Runtime.InteropServices;
using DebiasKit.Causal;

namespace DebiasKit.Stats;

/// <summary>A design-based estimate and the pseudo-outcomes it averaged (one per unit).</summary>
public sealed record DesignBasedResult(EstimateResult Result, IReadOnlyList<double> PseudoOutcomes);

/// <summary>
/// Design-based supervised learning (DSL) for a mean (Egami, Hinck, Stewart and Wei, 2023, "Using imperfect surrogates
/// for downstream inference: design-based supervised learning for social science applications of large language
/// models", NeurIPS). A random subset of the N units is labelled by experts, unit i with a known probability πᵢ
/// (Rᵢ = 1 when labelled). With ĝᵢ a prediction of Yᵢ from the surrogate and covariates, fitted without unit i's own
/// label (cross-fitting, see <see cref="CrossFitting"/>), the pseudo-outcome Ỹᵢ = ĝᵢ + (Rᵢ/πᵢ)(Yᵢ − ĝᵢ) has mean E[Y]
/// whatever the quality of ĝ, because the sampling design is known. The estimate is mean(Ỹ) with the sandwich standard
/// error √(mean((Ỹ − θ̂)²)/N) and a normal (z) interval.
/// <para>Variant pinned: the pseudo-outcome is g + R/π (Y − g) with cross-fitted g, as the issue and the reference R
/// package <c>dsl</c> define it; for a mean the sandwich variance is the population variance of the pseudo-outcomes
/// divided by N (ddof = 0).</para>
/// </summary>
public static class DesignBasedMean
{
    /// <param name="predictions">ĝᵢ for every unit (cross-fitted), N values.</param>
    /// <param name="labels">Yᵢ for every unit; read only where <paramref name="labelled"/> is true (others may be NaN).</param>
    /// <param name="labelled">Rᵢ: whether unit i was sent to the experts.</param>
    /// <param name="probabilities">πᵢ ∈ (0, 1]: the known probability that unit i is labelled.</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    /// <param name="keepPseudoOutcomes">Return the N pseudo-outcomes in the result (true), or only the estimate (false: no
    /// N-sized allocation).</param>
    public static DesignBasedResult Estimate(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, ReadOnlySpan<bool> labelled,
        ReadOnlySpan<double> probabilities, double level = 0.95, bool keepPseudoOutcomes = true)
    {
        Guard.InRange(level, 0, 1, nameof(level), lowOpen: true, highOpen: true);
        CheckLengths(predictions, labels, labelled, probabilities);
        int n = predictions.Length;
        double[]? pseudo = keepPseudoOutcomes ? new double[n] : null;
        // Ỹ equals ĝ except on the labelled units: vectorised sums over ĝ, then a correction for each labelled unit found
        // by a vectorised search of R. The inputs are checked on the way (π a vector at a time, ĝ by its sums being finite);
        // anything odd falls back to the unit-by-unit pass, which names the first offending element.
        var (shift, sum, squares) = VectorMoments.ShiftedSums(predictions);
        if (!VectorMoments.AllProbabilities(probabilities) || !double.IsFinite(sum) || !double.IsFinite(squares))
        {
            pseudo ??= new double[n];
            Accumulate(predictions, labels, labelled, probabilities, pseudo);   // throws with the element's index
            (shift, sum, squares) = VectorMoments.ShiftedSums(pseudo);
        }
        else
        {
            if (pseudo is not null) predictions.CopyTo(pseudo);
            var flags = MemoryMarshal.Cast<bool, byte>(labelled);
            int count = 0;
            for (int offset = 0; offset < n;)
            {
                int k = flags[offset..].IndexOfAnyExcept((byte)0);
                if (k < 0) break;
                int i = offset + k;
                if (!double.IsFinite(labels[i]))
                    throw new ArgumentException($"labels[{i}] is {labels[i]} but unit {i} is labelled; labelled units need a finite label.", nameof(labels));
                double g = predictions[i], v = g + (labels[i] - g) / probabilities[i];
                double dv = v - shift, dg = g - shift;
                sum += dv - dg;
                squares += dv * dv - dg * dg;
                if (pseudo is not null) pseudo[i] = v;
                count++;
                offset = i + 1;
            }
            if (count < 2) throw new ArgumentException($"labelled must mark at least two units; it marks {count}.", nameof(labelled));
        }
        var (mean, variance) = VectorMoments.FromShiftedSums(shift, sum, squares, n);
        return new DesignBasedResult(EstimateResult.FromStandardError(mean, Math.Sqrt(variance / n), level, n),
            keepPseudoOutcomes ? pseudo! : Array.Empty<double>());
    }

    /// <summary>
    /// Ỹᵢ = ĝᵢ + (Rᵢ/πᵢ)(Yᵢ − ĝᵢ) for every unit, with every input checked (lengths, π ∈ (0, 1], finite predictions, finite
    /// labels where labelled, at least two labelled units). Shared by the mean and the regressions.
    /// </summary>
    internal static double[] PseudoOutcomes(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, ReadOnlySpan<bool> labelled,
        ReadOnlySpan<double> probabilities)
    {
        var pseudo = new double[predictions.Length];
        Accumulate(predictions, labels, labelled, probabilities, pseudo);
        return pseudo;
    }

    /// <summary>Checks every input and returns Σ Ỹᵢ in one pass, writing each Ỹᵢ to <paramref name="destination"/> unless it is empty.</summary>
    private static double Accumulate(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, ReadOnlySpan<bool> labelled,
        ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        CheckLengths(predictions, labels, labelled, probabilities);
        int n = predictions.Length;
        bool store = !destination.IsEmpty;
        int labelledCount = 0;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double pi = probabilities[i], g = predictions[i];
            if (!(pi > 0 && pi <= 1))
                throw new ArgumentOutOfRangeException(nameof(probabilities), pi, $"probabilities[{i}] = {pi}; a sampling probability must lie in (0, 1].");
            if (!double.IsFinite(g)) throw new ArgumentException($"predictions must be finite; element {i} is {g}.", nameof(predictions));
            if (labelled[i])
            {
                if (!double.IsFinite(labels[i]))
                    throw new ArgumentException($"labels[{i}] is {labels[i]} but unit {i} is labelled; labelled units need a finite label.", nameof(labels));
                g += (labels[i] - g) / pi;
                labelledCount++;
            }
            if (store) destination[i] = g;
            sum += g;
        }
        if (labelledCount < 2) throw new ArgumentException($"labelled must mark at least two units; it marks {labelledCount}.", nameof(labelled));
        return sum;
    }

    private static void CheckLengths(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, ReadOnlySpan<bool> labelled, ReadOnlySpan<double> probabilities)
    {
        int n = predictions.Length;
        if (n < 2) throw new ArgumentException($"predictions must cover at least two units; got {n}.", nameof(predictions));
        if (labels.Length != n) throw new ArgumentException($"labels must hold one value per unit ({n}); it holds {labels.Length}.", nameof(labels));
        if (labelled.Length != n) throw new ArgumentException($"labelled must hold one flag per unit ({n}); it holds {labelled.Length}.", nameof(labelled));
        if (probabilities.Length != n) throw new ArgumentException($"probabilities must hold one value per unit ({n}); it holds {probabilities.Length}.", nameof(probabilities));
    }
}

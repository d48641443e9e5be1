using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Temperature scaling (Guo, Pleiss, Sun and Weinberger, "On Calibration of Modern Neural Networks", ICML 2017): one
/// scalar T &gt; 0, fitted on held-out logits by minimising the negative log-likelihood of softmax(z / T), divides the
/// logits at test time. It changes confidence, never the predicted class. Fit / Apply in the scikit-learn style.
/// <para>
/// The NLL is convex in β = 1/T (a log-sum-exp of functions linear in β minus a linear term), so the fit is a
/// golden-section search for β over [10⁻³, 10³] on a log scale, to a relative tolerance of 10⁻⁸, in float64 —
/// deterministic and free of the learning-rate choice an LBFGS fit needs.
/// </para>
/// </summary>
public sealed class TemperatureScaling
{
    private TemperatureScaling(double temperature, double negativeLogLikelihood)
    {
        Temperature = temperature;
        NegativeLogLikelihood = negativeLogLikelihood;
    }

    /// <summary>The fitted temperature T (&gt; 1 softens over-confident logits).</summary>
    public double Temperature { get; }

    /// <summary>Mean negative log-likelihood on the fitting data at <see cref="Temperature"/>.</summary>
    public double NegativeLogLikelihood { get; }

    /// <summary>Fits T on held-out (validation) <paramref name="logits"/> [N, C] and class <paramref name="labels"/> [N].</summary>
    public static TemperatureScaling Fit(Tensor logits, Tensor labels)
    {
        Guard.LogitsAndTargets(logits, labels, nameof(logits), nameof(labels));
        if (logits.shape[0] == 0) throw new ArgumentException("logits must hold at least one example.", nameof(logits));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (!logits.isfinite().all().item<bool>()) throw new ArgumentException("logits must be finite.", nameof(logits));
        var z = logits.detach().to(float64).cpu();
        var y = labels.cpu();
        double Nll(double logBeta) => nn.functional.cross_entropy(z * Math.Exp(logBeta), y).item<double>();

        // Golden-section search on log β ∈ [ln 10⁻³, ln 10³] (unimodal: the NLL is convex in β and β ↦ log β is monotone).
        double a = Math.Log(1e-3), b = Math.Log(1e3), ratio = (Math.Sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a), d = a + ratio * (b - a), fc = Nll(c), fd = Nll(d);
        while (b - a > 1e-8)
        {
            if (fc <= fd) { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = Nll(c); }
            else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = Nll(d); }
        }
        double logBetaBest = (a + b) / 2;
        return new TemperatureScaling(Math.Exp(-logBetaBest), Nll(logBetaBest));
    }

    /// <summary>The logits divided by <see cref="Temperature"/> (same shape, dtype and device).</summary>
    public Tensor Apply(Tensor logits)
    {
        Guard.NotNull(logits, nameof(logits));
        if (!logits.is_floating_point()) throw new ArgumentException($"logits must be floating point; got {logits.dtype}.", nameof(logits));
        return logits.div(Temperature);
    }
}

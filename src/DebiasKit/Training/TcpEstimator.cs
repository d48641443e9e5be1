using DebiasKit.Losses;
using DebiasKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// The true-class-probability (TCP) uncertainty estimator of ConfidNet (Corbière et al., NeurIPS 2019) and its balanced
/// version BTCP ("Identifying Incorrect Classifications with Balanced Uncertainty"): a <see cref="ConfidenceHead"/> is
/// trained on a frozen classifier's features x to predict the classifier's TCP c = p̂(y | x) (see
/// <see cref="Functional.TrueClassProbability"/>), and its output ĉ is the confidence (uncertainty 1 − ĉ) at test
/// time, when the label is unknown. The objective is BTCP's distributional focal loss
/// (<see cref="Functional.DistributionalFocalLoss"/>), L = (1/B) Σ_i (1 − h(b(c_i)))^γ (ĉ_i − c_i)² over each mini-batch of
/// B examples, h the in-batch histogram share of c's bin: γ = 0 is ConfidNet's plain MSE; γ &gt; 0 up-weights the rare
/// TCP values, mostly the low TCP of misclassified examples, which the MSE drowns in the many confident successes.
/// <para>
/// Variant pinned: the first stage of BTCP's <c>train.py</c> (lblaoke/BTCP @852376d): the classifier's feature layers
/// frozen, only the head trained, SGD with momentum and weight decay on seeded shuffled mini-batches (the reference
/// drops the last incomplete batch; here it is kept). The reference's second stage, joint fine-tuning of classifier
/// and head with (cross-entropy + DFL) / 2 at a tenth of the learning rate, is not part of this estimator: it changes the
/// classifier, so the estimators it is compared with would no longer rank the same predictions. The reference trains
/// the head on the classifier's own training set (where errors are rarest, the imbalance the paper names); which
/// examples to fit on is the caller's choice.
/// </para>
/// Fit / Confidence in the scikit-learn style; dispose the estimator to free the head.
/// </summary>
public sealed class TcpEstimator : IDisposable
{
    private TcpEstimator(ConfidenceHead head, TcpEstimatorOptions options, IReadOnlyList<double> epochLosses)
    {
        Head = head;
        Options = options;
        EpochLosses = epochLosses;
    }

    /// <summary>The trained head (in evaluation mode).</summary>
    public ConfidenceHead Head { get; }

    /// <summary>The settings it was fitted with.</summary>
    public TcpEstimatorOptions Options { get; }

    /// <summary>Mean training loss of each epoch (the batch DFLs averaged over examples, as <see cref="Trainer"/> reports them).</summary>
    public IReadOnlyList<double> EpochLosses { get; }

    /// <summary>
    /// Trains a new head on <paramref name="features"/> [N, F] (the frozen classifier's features; no gradient flows
    /// back into them) to predict <paramref name="trueClassProbability"/> [N] ∈ [0, 1]. The head's initial weights
    /// are drawn after seeding torch with <see cref="TrainOptions.Seed"/>; the batch order comes from its own
    /// generator with the same seed.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TcpEstimator Fit(Tensor features, Tensor trueClassProbability, TcpEstimatorOptions options)
    {
        Guard.NotNull(features, nameof(features));
        Guard.NotNull(trueClassProbability, nameof(trueClassProbability));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        if (features.dim() != 2 || features.shape[0] == 0 || !features.is_floating_point())
            throw new ArgumentException($"features must be a non-empty floating-point tensor [N, F]; got {features.dtype} [{string.Join(", ", features.shape)}].", nameof(features));
        long n = features.shape[0];
        if (trueClassProbability.dim() != 1 || trueClassProbability.shape[0] != n)
            throw new ArgumentException($"trueClassProbability must have shape [{n}] (one TCP per example); got [{string.Join(", ", trueClassProbability.shape)}].", nameof(trueClassProbability));
        if (!trueClassProbability.is_floating_point() || Guard.AnyOutsideUnitInterval(trueClassProbability))
            throw new ArgumentOutOfRangeException(nameof(trueClassProbability), "trueClassProbability must be floating point with values in [0, 1].");

        var train = options.Training;
        var device = train.Device ?? features.device;
        Seeds.Apply(train.Seed);
        var head = new ConfidenceHead((int)features.shape[1], options.Hidden);
        head.to(device);
        TrainingHistory history;
        try
        {
            using var scope = NewDisposeScope();
            var x = features.detach().to(float32).to(device);
            var c = trueClassProbability.detach().to(float32).to(device);
            history = Trainer.Fit(head, x, (confidence, rows, epoch) =>
                Functional.DistributionalFocalLoss(confidence, c.index_select(0, rows), options.Gamma, options.Bins), train with { Device = device });
        }
        catch
        {
            head.Dispose();
            throw;
        }
        head.eval();
        return new TcpEstimator(head, options, history.Epochs.Select(e => e.MeanLoss).ToArray());
    }

    /// <summary>Predicted confidence ĉ ∈ [0, 1] (the estimated TCP) of each row of <paramref name="features"/>, on the CPU as float32 [N].</summary>
    public Tensor Confidence(Tensor features, int batchSize = 4096)
    {
        Guard.NotNull(features, nameof(features));
        if (features.dim() != 2 || features.shape[0] == 0)
            throw new ArgumentException($"features must be a non-empty tensor [N, F]; got [{string.Join(", ", features.shape)}].", nameof(features));
        using var scope = NewDisposeScope();
        return Trainer.Outputs(Head, features.to(float32), batchSize).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>The confidences of <see cref="Confidence"/> as an array (for the metrics of <see cref="Metrics.FailurePrediction"/>).</summary>
    public double[] ConfidenceArray(Tensor features, int batchSize = 4096)
    {
        using var confidence = Confidence(features, batchSize);
        using var asDouble = confidence.to(float64);
        return asDouble.data<double>().ToArray();
    }

    /// <summary>Frees the head.</summary>
    public void Dispose() => Head.Dispose();
}

using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// The integrated-risk objective of Li and Zhang, "Long-tailed Classification from a Bayesian-decision-theory
    /// Perspective" (arXiv:2303.06075; journal version "Making Reliable and Flexible Decisions in Long-tailed
    /// Classification", arXiv:2501.14090), for one particle (ensemble member):
    /// <para>
    /// loss_i = w_{y_i}·CE(z̃_i, y_i) + (1/α)·[ −Σ_c w_c U[y_i, c] log softmax(z̃_i)_c ],  z̃_i = z_i − m_{y_i} e_{y_i},
    /// </para>
    /// where U is the class-utility (gain) matrix (row = true class, column = decision; see <see cref="UtilityMatrix"/>),
    /// w the DRW class weights and m optional per-class margins subtracted from the true-class logit.
    /// <para>
    /// Variant pinned: the authors' reference code, github.com/lblaoke/RF-DLC, model/loss.py (class VariationalE): the
    /// margin-shifted logits feed both terms; the cross-entropy term is torch's weighted cross_entropy, so
    /// <see cref="nn.Reduction.Mean"/> gives Σ w_{y_i} CE_i / Σ w_{y_i} for it, while the utility term is a plain mean
    /// over the N examples (−Σ w·U·log p / N in the code). With None each example gets w_{y_i} CE_i + util_i/α, and Sum
    /// adds those. No weight means w = 1. The code's margins are 30·Δ_j with Δ_j the LDAM margins
    /// (<see cref="LdamMargins"/>, max 0.5) subtracted from unscaled logits: pass
    /// <c>LdamMargins(counts).Select(m =&gt; 30 * m)</c> as <paramref name="targetMargins"/> to reproduce it. The code
    /// switches the utility term (and the weights) on only after the DRW epoch; that schedule is the caller's.
    /// Algebraic limits: U = 0 gives the (weighted) cross-entropy; U = I gives w_{y_i}(1 + 1/α)·CE_i per example.
    /// The paper's own equations were not available to check; the reference code pins the formula.
    /// </para>
    /// </summary>
    /// <param name="logits">Scores of shape [N, C].</param>
    /// <param name="targets">Class indices (int64) of shape [N], each in [0, C).</param>
    /// <param name="utility">The utility matrix U of shape [C, C], floating point and finite; row y is the true class.</param>
    /// <param name="alpha">α &gt; 0: the utility term is scaled by 1/α (the reference configs use 0.002).</param>
    /// <param name="weight">Optional per-class weights w of shape [C] (DRW weights, e.g. <see cref="ClassWeights"/>).</param>
    /// <param name="targetMargins">Optional per-class margins m (length C, finite) subtracted from the true-class logit.</param>
    /// <param name="reduction">None, Mean (as above) or Sum.</param>
    public static Tensor IntegratedRiskLoss(Tensor logits, Tensor targets, Tensor utility, double alpha,
        Tensor? weight = null, IReadOnlyList<double>? targetMargins = null, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.LogitsAndTargets(logits, targets);
        CheckUtility(utility, logits.shape[1], nameof(utility));
        Guard.Positive(alpha, nameof(alpha));
        Guard.ClassWeightTensor(weight, logits.shape[1]);
        CheckMargins(targetMargins, logits.shape[1], nameof(targetMargins));
        return IntegratedRiskLossUnchecked(logits, targets, utility, alpha, weight, targetMargins, reduction);
    }

    /// <summary>
    /// The integrated-risk loss averaged over M particles (the deep-ensemble members that approximate the posterior), as
    /// the reference code averages its per-particle losses. The particle-diversity (log-variance) term is not included.
    /// </summary>
    /// <param name="particleLogits">One [N, C] logits tensor per particle, all for the same examples.</param>
    /// <param name="targets">Class indices (int64) of shape [N].</param>
    /// <param name="utility">The utility matrix U of shape [C, C].</param>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="weight">Optional per-class weights of shape [C].</param>
    /// <param name="targetMargins">Optional per-class margins subtracted from the true-class logit.</param>
    /// <param name="reduction">None, Mean or Sum, applied per particle before averaging.</param>
    public static Tensor IntegratedRiskLoss(IReadOnlyList<Tensor> particleLogits, Tensor targets, Tensor utility, double alpha,
        Tensor? weight = null, IReadOnlyList<double>? targetMargins = null, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.NotNull(particleLogits, nameof(particleLogits));
        if (particleLogits.Count == 0)
            throw new ArgumentException($"{nameof(particleLogits)} must hold at least one particle's logits.", nameof(particleLogits));
        for (int m = 0; m < particleLogits.Count; m++)
        {
            Guard.LogitsAndTargets(particleLogits[m], targets, nameof(particleLogits));
            if (!particleLogits[m].shape.SequenceEqual(particleLogits[0].shape))
                throw new ArgumentException($"{nameof(particleLogits)}[{m}] has shape [{string.Join(", ", particleLogits[m].shape)}] but particle 0 has [{string.Join(", ", particleLogits[0].shape)}].", nameof(particleLogits));
        }
        long classes = particleLogits[0].shape[1];
        CheckUtility(utility, classes, nameof(utility));
        Guard.Positive(alpha, nameof(alpha));
        Guard.ClassWeightTensor(weight, classes);
        CheckMargins(targetMargins, classes, nameof(targetMargins));
        using var scope = NewDisposeScope();
        Tensor total = IntegratedRiskLossUnchecked(particleLogits[0], targets, utility, alpha, weight, targetMargins, reduction);
        for (int m = 1; m < particleLogits.Count; m++)
            total = total + IntegratedRiskLossUnchecked(particleLogits[m], targets, utility, alpha, weight, targetMargins, reduction);
        return (total / particleLogits.Count).MoveToOuterDisposeScope();
    }

    /// <summary>The integrated-risk computation without argument checks, for callers that checked once (the module).</summary>
    internal static Tensor IntegratedRiskLossUnchecked(Tensor logits, Tensor targets, Tensor utility, double alpha,
        Tensor? weight, IReadOnlyList<double>? targetMargins, nn.Reduction reduction)
    {
        if (reduction is not (nn.Reduction.None or nn.Reduction.Mean or nn.Reduction.Sum))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be None, Mean or Sum.");
        using var scope = NewDisposeScope();
        var column = targets.unsqueeze(1);                                                           // [N, 1]
        var shifted = logits;
        if (targetMargins is not null)
        {
            var marginTable = tensor(targetMargins.ToArray(), dtype: logits.dtype, device: logits.device);
            shifted = logits.scatter_add(1, column, marginTable.index_select(0, targets).unsqueeze(1).neg());
        }
        var logP = nn.functional.log_softmax(shifted, 1);                                          // [N, C]
        var classWeight = weight is null ? ones(logits.shape[1], dtype: logits.dtype, device: logits.device)
            : weight.to(logits.dtype);
        var exampleWeight = classWeight.index_select(0, targets);                                  // w_{y_i}
        var crossEntropy = logP.gather(1, column).squeeze(1).neg();                                // −log p_{i,y_i}
        var rows = utility.to(logits.dtype).index_select(0, targets);                              // U[y_i, ·]
        var utilityTerm = (rows * classWeight * logP).sum(1).neg();                                // −Σ_c w_c U[y_i,c] log p_ic

        Tensor result = reduction switch
        {
            nn.Reduction.None => exampleWeight * crossEntropy + utilityTerm / alpha,
            nn.Reduction.Sum => (exampleWeight * crossEntropy).sum() + utilityTerm.sum() / alpha,
            _ => (exampleWeight * crossEntropy).sum() / exampleWeight.sum() + utilityTerm.mean() / alpha,
        };
        return result.MoveToOuterDisposeScope();
    }

    private static void CheckUtility(Tensor utility, long classes, string name)
    {
        Guard.NotNull(utility, name);
        if (utility.dim() != 2 || utility.shape[0] != classes || utility.shape[1] != classes)
            throw new ArgumentException($"{name} must have shape [{classes}, {classes}]; got [{string.Join(", ", utility.shape)}].", name);
        if (!utility.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor; got {utility.dtype}.", name);
        using var scope = NewDisposeScope();
        if (utility.isfinite().logical_not().any().item<bool>())
            throw new ArgumentException($"{name} must be finite (no NaN or infinity).", name);
    }

    private static void CheckMargins(IReadOnlyList<double>? margins, long classes, string name)
    {
        if (margins is null) return;
        if (margins.Count != classes)
            throw new ArgumentException($"{name} has {margins.Count} entries but there are {classes} classes.", name);
        Guard.Finite(margins, name);
    }
}

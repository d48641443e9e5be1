using DebiasKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// The extreme eigenvalues of the Hessian of a <em>class-wise</em> loss: the mean loss over the examples of a chosen set of
/// classes, with respect to all of a model's parameters. This is the diagnostic of Rangwani, Aithal, Mishra and Babu,
/// "Escaping Saddle Points for Effective Generalization on Class-Imbalanced Data" (SAM-LT, NeurIPS 2022): after training
/// with re-weighting or margin losses, the Hessian of a tail (minority) class's loss has large negative eigenvalues, i.e.
/// the weights sit at a saddle point of that loss, and sharpness-aware minimisation moves the bottom eigenvalue toward 0.
/// <para>
/// For the examples S = {i : yᵢ ∈ classes}, L_S(w) = (1/|S|) Σ_{i∈S} ℓ(f_w(xᵢ), yᵢ), with ℓ the unweighted cross-entropy
/// by default; the top and bottom eigenvalues of ∇²L_S(w) come from <see cref="HessianSpectrum.TopBottomEigenvalues"/>
/// (Lanczos on Hessian-vector products). Variant: the reference's <c>hessian_analysis.py</c>
/// (github.com/val-iisc/Saddle-LongTail) defaults to plain cross-entropy without class weights
/// (<c>--loss_type_hess CE --train_rule_hess None</c>) on the class's <em>training</em> examples
/// (<c>--dataloader_hess train</c>), with the model in evaluation mode, one class at a time; PyHessian averages the
/// per-batch products by batch size, which is the Hessian of the mean over the class's examples, as here (one batch).
/// </para>
/// </summary>
public static class ClassLossHessian
{
    /// <summary>
    /// Top and bottom Hessian eigenvalues of the mean loss over the examples of <paramref name="data"/> whose label is
    /// in <paramref name="classes"/>, at the model's current weights. The model is evaluated in evaluation mode and
    /// its training/evaluation mode restored afterwards; its weights are not changed.
    /// </summary>
    /// <param name="model">The classifier (logits [N, C]); its parameters must share one dtype and device.</param>
    /// <param name="data">Labelled examples (for the paper's diagnostic: the training set).</param>
    /// <param name="classes">The classes whose examples enter the loss (for example the few-shot classes); each in
    /// [0, C), at least one, and together holding at least one example.</param>
    /// <param name="steps">Lanczos steps (Hessian-vector products), at least 1.</param>
    /// <param name="seed">Seed of the Lanczos start vector.</param>
    /// <param name="loss">The per-batch loss (logits, targets) → scalar mean; null: unweighted cross-entropy.</param>
    public static HessianEigenvalues TopBottomEigenvalues(nn.Module<Tensor, Tensor> model, ClassificationData data,
        IReadOnlyCollection<int> classes, int steps = 20, int seed = 0, Func<Tensor, Tensor, Tensor>? loss = null)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(data, nameof(data));
        Guard.NotNull(classes, nameof(classes));
        if (classes.Count == 0) throw new ArgumentException("classes must name at least one class.", nameof(classes));
        foreach (var c in classes)
            if (c < 0 || c >= data.Classes)
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"classes must lie in [0, {data.Classes - 1}].");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be at least 1.");
        var parameters = model.parameters().ToArray();
        if (parameters.Length == 0) throw new ArgumentException("model has no parameters.", nameof(model));

        var wanted = classes.ToHashSet();
        var labels = data.LabelArray();
        var indices = Enumerable.Range(0, labels.Length).Where(i => wanted.Contains((int)labels[i])).Select(i => (long)i).ToArray();
        if (indices.Length == 0)
            throw new ArgumentException($"data holds no example of the classes {{{string.Join(", ", wanted.Order())}}}.", nameof(classes));

        var objective = loss ?? ((logits, targets) => nn.functional.cross_entropy(logits, targets));
        bool wasTraining = model.training;
        using var scope = NewDisposeScope();
        var device = parameters[0].device;
        var index = tensor(indices, device: data.Labels.device);
        var x = data.Features.index_select(0, index).to(device);
        var y = data.Labels.index_select(0, index).to(device);
        model.eval();
        try
        {
            return HessianSpectrum.TopBottomEigenvalues(() => objective(model.forward(x), y), parameters, steps, seed);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}

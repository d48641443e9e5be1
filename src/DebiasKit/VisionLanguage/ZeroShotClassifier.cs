using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.VisionLanguage;

/// <summary>
/// A zero-shot classifier built from text: one prompt feature per class ("a photo of a &lt;class&gt;"), each image assigned
/// to the class whose (re-normalised) prompt feature has the highest cosine with the image feature, as CLIP does
/// (Radford et al., 2021). Debiasing methods that act on the text side (paper 015's projections, paper 003's SANER)
/// change only the prompt features given here.
/// </summary>
public sealed class ZeroShotClassifier : IDisposable
{
    private readonly Tensor weights; // [C, d] float32, unit rows

    /// <param name="promptFeatures">One feature per class, [C, d] (C ≥ 2), finite, no zero row; rows are re-normalised.</param>
    public ZeroShotClassifier(Tensor promptFeatures)
    {
        using (NewDisposeScope()) VectorChecks.Rows(promptFeatures, nameof(promptFeatures), minRows: 2);
        using var scope = NewDisposeScope();
        var norms = promptFeatures.detach().to(ScalarType.Float64).norm(1);
        if (norms.min().item<double>() < 1e-12)
            throw new ArgumentException("promptFeatures has a zero row; a class prompt needs a direction.", nameof(promptFeatures));
        weights = nn.functional.normalize(promptFeatures.detach().to(ScalarType.Float32), p: 2, dim: 1).DetachFromDisposeScope();
        Classes = (int)promptFeatures.shape[0];
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dimension => (int)weights.shape[1];

    /// <summary>Cosines between every image feature ([N, d]) and every class prompt: [N, C] float32.</summary>
    public Tensor Scores(Tensor imageFeatures)
    {
        using (NewDisposeScope()) VectorChecks.Rows(imageFeatures, nameof(imageFeatures), Dimension);
        using var scope = NewDisposeScope();
        var x = nn.functional.normalize(imageFeatures.detach().to(ScalarType.Float32), p: 2, dim: 1);
        return x.matmul(weights.to(x.device).T).MoveToOuterDisposeScope();
    }

    /// <summary>The predicted class of every image feature.</summary>
    public long[] Predict(Tensor imageFeatures)
    {
        using var scope = NewDisposeScope();
        using var cpu = Scores(imageFeatures).argmax(1).cpu();
        return cpu.data<long>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => weights.Dispose();
}

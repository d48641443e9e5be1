using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.VisionLanguage;

/// <summary>Text-to-image retrieval by cosine similarity.</summary>
public static class Retrieval
{
    /// <summary>
    /// For every query feature ([Q, d]), the indices of the <paramref name="k"/> image features ([N, d]) with the highest
    /// cosine, best first (ties broken by torch's top-k).
    /// </summary>
    public static long[][] TopK(Tensor queryFeatures, Tensor imageFeatures, int k)
    {
        using (NewDisposeScope()) VectorChecks.Rows(queryFeatures, nameof(queryFeatures), minRows: 1);
        using (NewDisposeScope()) VectorChecks.Rows(imageFeatures, nameof(imageFeatures), queryFeatures.shape[1], minRows: 1);
        if (k < 1 || k > imageFeatures.shape[0])
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {imageFeatures.shape[0]}] (the number of images).");
        using var scope = NewDisposeScope();
        var q = nn.functional.normalize(queryFeatures.detach().to(ScalarType.Float32), p: 2, dim: 1);
        var x = nn.functional.normalize(imageFeatures.detach().to(ScalarType.Float32, q.device), p: 2, dim: 1);
        var (_, indices) = q.matmul(x.T).topk(k, dim: 1);
        var flat = indices.cpu().data<long>().ToArray();
        return Enumerable.Range(0, (int)q.shape[0]).Select(r => flat.Skip(r * k).Take(k).ToArray()).ToArray();
    }
}

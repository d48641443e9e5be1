using DebiasKit.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A fixed bag-of-embeddings sentence encoder: word ids [N, L] (int64, <see cref="TokenIds.Padding"/> = 0 for no word)
/// to the mean of their word vectors [N, d], e_n = Σ_l 1[id_nl ≠ 0] E[id_nl] / Σ_l 1[id_nl ≠ 0], and the zero vector for
/// a row with no word. It is torch's EmbeddingBag in mean mode with padding index 0, loaded with the given matrix and
/// frozen (its one parameter does not require a gradient), so a following classifier learns on fixed sentence vectors.
/// </summary>
public sealed class MeanEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly EmbeddingBag bag;

    /// <param name="embeddings">Embedding matrix [V + 1, d] (floating point), row 0 the padding.</param>
    public MeanEmbedding(Tensor embeddings) : base(nameof(MeanEmbedding))
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        if (embeddings.dim() != 2 || embeddings.shape[0] < 1 || !embeddings.is_floating_point())
            throw new ArgumentException($"embeddings must be a floating-point [V + 1, d] matrix; got {embeddings.dtype} [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        Dimension = (int)embeddings.shape[1];
        Words = embeddings.shape[0] - 1;
        bag = nn.EmbeddingBag_from_pretrained(embeddings.detach().clone(), freeze: true, mode: EmbeddingBagMode.Mean, padding_index: TokenIds.Padding);
        foreach (var parameter in bag.parameters()) parameter.requires_grad = false;   // from_pretrained's freeze did not clear it here
        RegisterComponents();
    }

    /// <summary>Width d of the sentence vectors.</summary>
    public int Dimension { get; }

    /// <summary>Words V of the matrix (ids 1 … V).</summary>
    public long Words { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor ids)
    {
        Guard.NotNull(ids, nameof(ids));
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"ids must be int64 [N, L]; got {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        return bag.forward(ids, null, null);
    }
}

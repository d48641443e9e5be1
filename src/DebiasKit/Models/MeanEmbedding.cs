using DebiasKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Models;

/// <summary>
/// A fixed bag-of-embeddings sentence encoder: word ids [N, L] (int64, <see cref="TokenIds.Padding"/> = 0 for no word)
/// to the mean of their word vectors [N, d], e_n = Σ_l 1[id_nl ≠ 0] E[id_nl] / max(1, Σ_l 1[id_nl ≠ 0]). The matrix is a
/// buffer, not a parameter: nothing here is trained, so a following classifier learns on frozen features, as a linear
/// or MLP head on fixed sentence vectors. A row with no word gives the zero vector.
/// </summary>
public sealed class MeanEmbedding : nn.Module<Tensor, Tensor>
{
    /// <param name="embeddings">Embedding matrix [V + 1, d] (floating point), row 0 the padding.</param>
    public MeanEmbedding(Tensor embeddings) : base(nameof(MeanEmbedding))
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        if (embeddings.dim() != 2 || embeddings.shape[0] < 1 || !embeddings.is_floating_point())
            throw new ArgumentException($"embeddings must be a floating-point [V + 1, d] matrix; got {embeddings.dtype} [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        Dimension = (int)embeddings.shape[1];
        register_buffer("table", embeddings.detach().clone());
    }

    /// <summary>Width d of the sentence vectors.</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor ids)
    {
        Guard.NotNull(ids, nameof(ids));
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"ids must be int64 [N, L]; got {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        using var scope = NewDisposeScope();
        var table = get_buffer("table")!;                                                     // the buffer moves with module.to(device)
        var present = ids.ne(TokenIds.Padding).to_type(table.dtype);                         // [N, L]
        var vectors = table.index_select(0, ids.flatten()).view(ids.shape[0], ids.shape[1], Dimension);
        var sum = (vectors * present.unsqueeze(2)).sum(1);                                     // padding rows are zero anyway
        return (sum / present.sum(1, keepdim: true).clamp_min(1)).MoveToOuterDisposeScope();
    }
}

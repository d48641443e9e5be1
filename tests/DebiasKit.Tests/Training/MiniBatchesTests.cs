using DebiasKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class MiniBatchesTests
{
    [Fact]
    public void Batches_are_consecutive_slices_of_one_permutation_drawn_from_the_generator()
    {
        using var scope = NewDisposeScope();
        var batches = new List<long[]>();
        using var shuffle = new Generator(5);
        foreach (var index in MiniBatches.Shuffled(10, 4, shuffle, CPU))
            batches.Add(index.data<long>().ToArray());

        // The same generator seed drawn by hand: one randperm, cut 4 + 4 + 2.
        using var reference = new Generator(5);
        var expected = randperm(10, generator: reference).data<long>().ToArray();
        Assert.Equal(new[] { 4, 4, 2 }, batches.Select(b => b.Length));
        Assert.Equal(expected, batches.SelectMany(b => b));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void Each_epoch_draws_a_new_order_and_the_same_seed_repeats_it()
    {
        using var scope = NewDisposeScope();
        // Read inside the enumeration: a batch is freed once the loop moves past it.
        long[] Epoch(Generator g) => MiniBatches.Shuffled(50, 50, g, CPU).Select(b => b.data<long>().ToArray()).Single();
        using var first = new Generator(3);
        using var second = new Generator(3);
        var a1 = Epoch(first); var a2 = Epoch(first);
        var b1 = Epoch(second); var b2 = Epoch(second);
        Assert.NotEqual(a1, a2);
        Assert.Equal(a1, b1);
        Assert.Equal(a2, b2);
    }

    [Fact]
    public void A_last_batch_below_the_minimum_size_is_skipped()
    {
        using var scope = NewDisposeScope();
        using var shuffle = new Generator(1);
        var sizes = MiniBatches.Shuffled(9, 4, shuffle, CPU, minimumSize: 2).Select(b => b.shape[0]).ToArray();
        Assert.Equal(new long[] { 4, 4 }, sizes);   // 9 = 4 + 4 + 1: the lone last example has no partner
        using var again = new Generator(1);
        Assert.Equal(new long[] { 4, 4, 2 }, MiniBatches.Shuffled(10, 4, again, CPU, minimumSize: 2).Select(b => b.shape[0]));
    }

    [Fact]
    public void Tensors_made_while_handling_a_batch_are_freed_when_the_next_batch_is_drawn()
    {
        using var scope = NewDisposeScope();
        using var shuffle = new Generator(2);
        var made = new List<Tensor>();
        var kept = zeros(1);
        foreach (var index in MiniBatches.Shuffled(6, 2, shuffle, CPU))
        {
            var step = index.to_type(float32).sum();
            kept.add_(step);
            made.Add(step);
            made.Add(index);
            Assert.False(step.IsInvalid);
        }
        Assert.All(made, t => Assert.True(t.IsInvalid));
        Assert.Equal(15f, kept.item<float>());   // 0 + 1 + … + 5, accumulated in place into a tensor made before the loop
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        using var shuffle = new Generator(0);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => MiniBatches.Shuffled(0, 4, shuffle, CPU)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => MiniBatches.Shuffled(5, 0, shuffle, CPU)).ParamName);
        Assert.Equal("shuffle", Assert.ThrowsAny<ArgumentException>(() => MiniBatches.Shuffled(5, 2, null!, CPU)).ParamName);
        Assert.Equal("minimumSize", Assert.ThrowsAny<ArgumentException>(() => MiniBatches.Shuffled(5, 2, shuffle, CPU, minimumSize: 0)).ParamName);
    }
}

using DebiasKit.Models;
using DebiasKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class SharpnessAwareMinimizationTests
{
    /// <summary>Two identical MLPs (the second a copy of the first) and a seeded batch.</summary>
    private static (Mlp A, Mlp B, Tensor X, Tensor Y) Twins(int seed)
    {
        Seeds.Apply(seed);
        var a = new Mlp(4, [6], 3);
        var b = new Mlp(4, [6], 3);
        using (no_grad())
            foreach (var (pa, pb) in a.parameters().Zip(b.parameters()))
                pb.copy_(pa);
        var x = randn(10, 4);
        var y = tensor(Labels(10, 3, seed));
        return (a, b, x, y);
    }

    private static float[] Flat(nn.Module model) =>
        model.parameters().SelectMany(p => { using var c = p.detach().cpu().contiguous(); return c.data<float>().ToArray(); }).ToArray();

    [Fact]
    public void With_rho_zero_each_step_equals_the_base_optimizer_step_exactly()
    {
        var (a, b, x, y) = Twins(seed: 1);
        using var _a = a; using var _b = b; using var _x = x; using var _y = y;
        using var baseA = optim.Adam(a.parameters(), 0.05);
        using var baseB = optim.Adam(b.parameters(), 0.05);
        using var sam = new SharpnessAwareMinimization(b, baseB, rho: 0);
        for (int step = 0; step < 3; step++)
        {
            using (NewDisposeScope())
            {
                baseA.zero_grad();
                nn.functional.cross_entropy(a.forward(x), y).backward();
                baseA.step();
            }
            sam.Step(() => nn.functional.cross_entropy(b.forward(x), y)).Dispose();
        }
        var expected = Flat(a);
        var actual = Flat(b);
        Assert.Equal(expected, actual);                     // bit for bit: ε̂ = 0·g/(‖g‖+1e-12) = 0
    }

    /// <summary>
    /// L(w) = ½(3·w₁² + 2·w₂²) with w₁ and w₂ two separate parameters, at w = (1, 2), ρ = 0.5, SGD with η = 0.1.
    /// g = (3·1, 2·2) = (3, 4), ‖g‖ = 5 (the norm over both parameters together), ε̂ = 0.5·(3, 4)/5 = (0.3, 0.4);
    /// w + ε̂ = (1.3, 2.4), g(w + ε̂) = (3·1.3, 2·2.4) = (3.9, 4.8); w ← (1 − 0.39, 2 − 0.48) = (0.61, 1.52).
    /// L(w) = ½(3 + 8) = 5.5. (Normalising each parameter on its own would give ε̂ = (0.5, 0.5) instead.)
    /// </summary>
    [Fact]
    public void On_a_quadratic_the_perturbation_and_the_update_match_the_hand_computation()
    {
        using var w1 = new Parameter(tensor(new[] { 1.0 }));
        using var w2 = new Parameter(tensor(new[] { 2.0 }));
        Tensor Loss() => w1.square().mul(3).add(w2.square().mul(2)).sum().mul(0.5);
        using var sgd = optim.SGD([w1, w2], 0.1);
        using var sam = new SharpnessAwareMinimization([w1, w2], sgd, rho: 0.5);

        // The split: backward at w, FirstStep, backward at w + ε̂, SecondStep.
        using (NewDisposeScope()) Loss().backward();
        sam.FirstStep();
        Assert.True(sam.IsPerturbed);
        AllClose([1.3, 2.4], [.. ToDoubles(w1), .. ToDoubles(w2)], 1e-12);
        Assert.True(w1.grad is null || ToDoubles(w1.grad).Single() == 0);   // zeroed for the second pass
        using (NewDisposeScope()) Loss().backward();
        AllClose([3.9, 4.8], [.. ToDoubles(w1.grad!), .. ToDoubles(w2.grad!)], 1e-12);
        sam.SecondStep();
        Assert.False(sam.IsPerturbed);
        AllClose([0.61, 1.52], [.. ToDoubles(w1), .. ToDoubles(w2)], 1e-12);

        // The same through Step, from w = (1, 2) again; it returns L(w).
        using (no_grad()) { w1.fill_(1.0); w2.fill_(2.0); }
        using var loss = sam.Step(Loss);
        Assert.Equal(5.5, loss.item<double>(), 12);
        AllClose([0.61, 1.52], [.. ToDoubles(w1), .. ToDoubles(w2)], 1e-12);
    }

    /// <summary>Records the parameter values at the moment the base optimiser is asked to step.</summary>
    private sealed class RecordingOptimizer(IReadOnlyList<Parameter> watched) : optim.Optimizer(IntPtr.Zero)
    {
        public List<float[]> SeenAtStep { get; } = [];

        public override Tensor step(Func<Tensor>? closure = null)
        {
            SeenAtStep.Add(watched.SelectMany(p => { using var c = p.detach().contiguous(); return c.data<float>().ToArray(); }).ToArray());
            return null!;
        }
    }

    [Fact]
    public void The_weights_are_restored_exactly_before_the_base_step_and_the_perturbed_gradient_is_used()
    {
        var (model, other, x, y) = Twins(seed: 2);
        using var _m = model; using var _o = other; using var _x = x; using var _y = y;
        var parameters = model.parameters().ToList();
        var before = Flat(model);
        var recorder = new RecordingOptimizer(parameters);
        using var sam = new SharpnessAwareMinimization(parameters, recorder, rho: 0.8);
        using (NewDisposeScope()) nn.functional.cross_entropy(model.forward(x), y).backward();
        sam.FirstStep();
        Assert.NotEqual(before, Flat(model));                // the weights did move to w + ε̂ ...
        using (NewDisposeScope()) nn.functional.cross_entropy(model.forward(x), y).backward();
        sam.SecondStep(zeroGrad: false);
        Assert.Equal(before, Assert.Single(recorder.SeenAtStep));   // ... and are back bit for bit when the base steps
        Assert.Equal(before, Flat(model));

        // The gradient left for the base step is the one at w + ε̂, not at w.
        using var gradient = cat(parameters.Select(p => p.grad!.reshape(-1)).ToArray());
        using (no_grad())
            foreach (var p in other.parameters()) p.grad?.zero_();
        using (NewDisposeScope()) nn.functional.cross_entropy(other.forward(x), y).backward();
        using var atW = cat(other.parameters().Select(p => p.grad!.reshape(-1)).ToArray());
        Assert.True(gradient.sub(atW).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var w = new Parameter(tensor(new[] { 1.0, 2.0 }));
        using var sgd = optim.SGD([w], 0.1);
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => new SharpnessAwareMinimization([w], sgd, -0.1)).ParamName);
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => new SharpnessAwareMinimization([w], sgd, double.NaN)).ParamName);
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => new SharpnessAwareMinimization([w], sgd, double.PositiveInfinity)).ParamName);
        Assert.Equal("baseOptimizer", Assert.Throws<ArgumentNullException>(() => new SharpnessAwareMinimization([w], null!, 0.1)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new SharpnessAwareMinimization(Array.Empty<Parameter>(), sgd, 0.1)).ParamName);

        using var sam = new SharpnessAwareMinimization([w], sgd, 0.1);
        Assert.Equal("Rho", Assert.Throws<ArgumentOutOfRangeException>(() => sam.Rho = double.NaN).ParamName);
        Assert.Equal(0.1, sam.Rho);
        Assert.Equal("lossClosure", Assert.Throws<ArgumentException>(() => sam.Step(() => w.mul(2))).ParamName);       // not a scalar
        Assert.Equal("lossClosure", Assert.Throws<ArgumentException>(() => sam.Step(() => tensor(1.0))).ParamName);   // no graph
        Assert.Throws<InvalidOperationException>(() => sam.SecondStep());                                              // no FirstStep
        AllClose([1.0, 2.0], ToDoubles(w));                                                                            // nothing moved
    }

    [Fact]
    public void Steps_leave_no_tensors_behind()
    {
        var (model, other, x, y) = Twins(seed: 3);
        using var _m = model; using var _o = other; using var _x = x; using var _y = y;
        using var sgd = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        using var sam = new SharpnessAwareMinimization(model, sgd, rho: 0.5);
        Tensor Loss() => nn.functional.cross_entropy(model.forward(x), y);
        sam.Step(Loss).Dispose();                             // warm-up: the momentum buffers are created once
        AssertLeavesOnlyItsResult(() => sam.Step(Loss));
        long live = LiveTensors();
        using (NewDisposeScope()) Loss().backward();
        sam.FirstStep();
        using (NewDisposeScope()) Loss().backward();
        sam.SecondStep();
        Assert.Equal(live, LiveTensors());
    }
}

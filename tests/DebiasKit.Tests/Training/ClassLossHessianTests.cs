using DebiasKit.Data;
using DebiasKit.Training;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class ClassLossHessianTests
{
    /// <summary>A small tanh network 4 → 3 → 3 in float64 (27 parameters), seeded.</summary>
    private static nn.Module<Tensor, Tensor> TanhNetwork(int seed)
    {
        torch.manual_seed(seed);
        var model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 3));
        model.to(float64);
        return model;
    }

    /// <summary>12 examples of 3 classes (4 features, float64), seeded.</summary>
    private static ClassificationData Data(int seed) =>
        new(tensor(Uniform(48, seed, -2, 2), [12, 4]), tensor(Labels(12, 3, seed + 1)), 3);


    /// <summary>
    /// The reference loss, built independently: a plain loop over the examples keeps those whose label is in the set,
    /// adds each one's cross-entropy −log softmax(z)_y, and divides by their number. Its Hessian is formed column by
    /// column by central differences of the gradient; MathNet's eigendecomposition gives the extremes, which the
    /// diagnostic (27 Lanczos steps = all 27 parameters, so exact up to rounding) must match.
    /// </summary>
    [Fact]
    public void Matches_the_eigenvalues_of_the_finite_difference_Hessian_of_the_selected_classes_loss()
    {
        using var model = TanhNetwork(seed: 1);
        using var data = Data(seed: 2);
        var classes = new[] { 1, 2 };
        var labels = data.LabelArray();
        Assert.Contains(0L, labels);   // class 0 is present and must be left out
        var parameters = model.parameters().Select(p => (Tensor)p).ToArray();
        Tensor Loss()
        {
            Tensor? sum = null;
            int count = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                if (!classes.Contains((int)labels[i])) continue;
                var logits = model.forward(data.Features[i].unsqueeze(0)).squeeze(0);
                var term = logits.logsumexp(0).sub(logits[labels[i]]);
                sum = sum is null ? term : sum.add(term);
                count++;
            }
            return sum!.div(count);
        }
        int n = parameters.Sum(p => (int)p.numel());
        Assert.Equal(27, n);
        var hessian = FiniteDifferenceHessian(Loss, parameters);
        var evd = ((hessian + hessian.Transpose()) / 2).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Assert.True(evd.Min() < -1e-3, $"this loss should have a negative-curvature direction; λ_min = {evd.Min()}");

        var result = ClassLossHessian.TopBottomEigenvalues(model, data, classes, steps: n, seed: 3);
        Assert.Equal(evd.Max(), result.Top, 6);
        Assert.Equal(evd.Min(), result.Bottom, 6);

        // The whole data set's loss has another spectrum: the class selection matters.
        var all = ClassLossHessian.TopBottomEigenvalues(model, data, [0, 1, 2], steps: n, seed: 3);
        Assert.True(Math.Abs(all.Bottom - result.Bottom) > 1e-4, $"all classes {all.Bottom} vs classes 1, 2 {result.Bottom}");
    }

    /// <summary>
    /// A linear softmax classifier's cross-entropy is convex in its weights (its Hessian is a sum of Kronecker products
    /// of PSD matrices diag(p) − ppᵀ and xxᵀ), so the bottom eigenvalue is ≥ 0 up to rounding, while the top is positive.
    /// </summary>
    [Fact]
    public void A_linear_classifier_has_no_negative_curvature()
    {
        torch.manual_seed(4);
        using var model = nn.Linear(4, 3);
        model.to(float64);
        using var data = Data(seed: 5);
        var result = ClassLossHessian.TopBottomEigenvalues(model, data, [2], steps: 15, seed: 6);
        Assert.True(result.Top > 1e-3, $"top {result.Top}");
        Assert.True(result.Bottom > -1e-9, $"bottom {result.Bottom}");
    }

    [Fact]
    public void Leaves_weights_and_training_mode_as_they_were_and_is_seeded()
    {
        using var model = TanhNetwork(seed: 7);
        using var data = Data(seed: 8);
        var before = model.parameters().SelectMany(p => ToDoubles(p)).ToArray();
        model.train();
        long live = LiveTensors();
        var first = ClassLossHessian.TopBottomEigenvalues(model, data, [0], steps: 5, seed: 9);
        Assert.Equal(live, LiveTensors());
        Assert.True(model.training);
        model.eval();
        var second = ClassLossHessian.TopBottomEigenvalues(model, data, [0], steps: 5, seed: 9);
        Assert.False(model.training);
        Assert.Equal(first.RitzValues, second.RitzValues);
        Assert.Equal(before, model.parameters().SelectMany(p => ToDoubles(p)).ToArray());
    }

    [Fact]
    public void Bad_input_is_named()
    {
        using var model = TanhNetwork(seed: 10);
        using var data = new ClassificationData(tensor(Uniform(8, 11), [2, 4]), tensor(new long[] { 0, 0 }), 3);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ClassLossHessian.TopBottomEigenvalues(null!, data, [0])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => ClassLossHessian.TopBottomEigenvalues(model, null!, [0])).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentNullException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, null!)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, [])).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, [3])).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, [-1])).ParamName);
        // Class 2 is valid but has no example here.
        Assert.Equal("classes", Assert.Throws<ArgumentException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, [2])).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => ClassLossHessian.TopBottomEigenvalues(model, data, [0], steps: 0)).ParamName);
    }
}

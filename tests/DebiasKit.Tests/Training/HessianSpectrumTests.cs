using DebiasKit.Training;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static DebiasKit.Tests.TestHelpers;
using static TorchSharp.torch;

namespace DebiasKit.Tests.Training;

public class HessianSpectrumTests
{
    /// <summary>A = Q·diag(eigenvalues)·Qᵀ with Q a seeded random orthogonal matrix (QR of a uniform matrix).</summary>
    private static Matrix<double> SymmetricWith(double[] eigenvalues, int seed)
    {
        int n = eigenvalues.Length;
        var values = Uniform(n * n, seed);
        var q = Matrix<double>.Build.Dense(n, n, (i, j) => values[i * n + j]).QR().Q;
        var a = q * Matrix<double>.Build.DiagonalOfDiagonalArray(eigenvalues) * q.Transpose();
        return (a + a.Transpose()) / 2;
    }

    /// <summary>The quadratic ½xᵀAx of the parameters' entries x (concatenated), and its parameters.</summary>
    private static (Func<Tensor> Loss, Tensor[] Parameters, Tensor A) Quadratic(Matrix<double> a, int seed, params long[][] shapes)
    {
        var at = tensor(a.ToRowMajorArray(), [a.RowCount, a.ColumnCount]);
        var random = Uniform(a.RowCount, seed);
        int offset = 0;
        var parameters = shapes.Select(shape =>
        {
            int size = (int)shape.Aggregate(1L, (x, y) => x * y);
            var p = tensor(random.Skip(offset).Take(size).ToArray(), shape).requires_grad_();
            offset += size;
            return p;
        }).ToArray();
        Assert.Equal(a.RowCount, offset);
        Tensor Loss()
        {
            var x = cat(parameters.Select(p => p.reshape(-1)).ToArray());
            return x.dot(at.mv(x)).mul(0.5);
        }
        return (Loss, parameters, at);
    }

    /// <summary>A small tanh network's cross-entropy on a fixed batch, in float64: a non-quadratic loss.</summary>
    private static (Func<Tensor> Loss, Tensor[] Parameters, Tensor[] Data) TanhNetwork(int seed)
    {
        var w1 = tensor(Uniform(12, seed), [3, 4]).requires_grad_();
        var b1 = tensor(Uniform(3, seed + 1), [3]).requires_grad_();
        var w2 = tensor(Uniform(6, seed + 2), [2, 3]).requires_grad_();
        var x = tensor(Uniform(20, seed + 3, -2, 2), [5, 4]);
        var y = tensor(Labels(5, 2, seed + 4));
        Tensor Loss() => nn.functional.cross_entropy(nn.functional.linear(nn.functional.linear(x, w1, b1).tanh(), w2), y);
        return (Loss, [w1, b1, w2], [x, y]);
    }


    [Fact]
    public void The_Hessian_vector_product_equals_a_central_difference_of_gradients()
    {
        var (loss, parameters, data) = TanhNetwork(seed: 1);
        var v = Uniform(21, seed: 9);
        using var vector = tensor(v);
        using var hv = HessianSpectrum.HessianVectorProduct(loss, parameters, vector);

        // (∇L(w + h·v) − ∇L(w − h·v)) / 2h, moving the parameters in place.
        void Shift(double h)
        {
            using var noGrad = no_grad();
            int offset = 0;
            foreach (var p in parameters)
            {
                int size = (int)p.numel();
                using var step = tensor(v.Skip(offset).Take(size).ToArray(), p.shape).mul(h);
                p.add_(step);
                offset += size;
            }
        }
        const double h = 1e-5;
        Shift(h);
        var up = Gradient(loss, parameters);
        Shift(-2 * h);
        var down = Gradient(loss, parameters);
        Shift(h);
        var numeric = up.Zip(down, (u, d) => (u - d) / (2 * h)).ToArray();
        Assert.True(numeric.Max(Math.Abs) > 1e-2, "the finite difference must not be trivially zero");
        AllClose(numeric, ToDoubles(hv), 1e-7);
        foreach (var t in parameters.Concat(data)) t.Dispose();
    }

    /// <summary>
    /// On ½xᵀAx the Hessian is A: H·v = A·v exactly, and with k = n Lanczos steps the extreme Ritz values are A's extreme
    /// eigenvalues (here 5 and −3), which MathNet's eigendecomposition of A gives independently.
    /// </summary>
    [Fact]
    public void On_a_quadratic_the_product_is_A_v_and_the_extreme_eigenvalues_match_MathNet()
    {
        var a = SymmetricWith([-3, -0.5, 0.7, 1, 2, 5], seed: 2);
        var (loss, parameters, at) = Quadratic(a, seed: 3, [2, 2], [2]);
        var v = Uniform(6, seed: 4);
        using (var vector = tensor(v))
        using (var hv = HessianSpectrum.HessianVectorProduct(loss, parameters, vector))
            AllClose((a * Vector<double>.Build.DenseOfArray(v)).ToArray(), ToDoubles(hv), 1e-12);

        var evd = a.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        var result = HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 6, seed: 5);
        Assert.Equal(6, result.Steps);
        Assert.Equal(evd.Max(), result.Top, 9);
        Assert.Equal(evd.Min(), result.Bottom, 9);
        Assert.Equal(-3, result.Bottom, 9);
        AllClose(evd.OrderBy(x => x).ToArray(), result.RitzValues.ToArray(), 1e-9);

        // More steps than parameters: capped at P = 6.
        Assert.Equal(6, HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 50, seed: 5).Steps);
        foreach (var t in parameters.Append(at)) t.Dispose();
    }

    /// <summary>
    /// With k = 20 steps on a 60-dimensional quadratic whose extreme eigenvalues stand apart from a bulk in [−1, 1]
    /// (as a saddle's negative direction does), Lanczos finds both extremes far before k = n.
    /// </summary>
    [Fact]
    public void Twenty_Lanczos_steps_find_separated_extreme_eigenvalues_of_a_larger_quadratic()
    {
        var spectrum = Enumerable.Range(0, 58).Select(i => -1 + 2.0 * i / 57).Append(8).Append(-4).ToArray();
        var a = SymmetricWith(spectrum, seed: 6);
        var (loss, parameters, at) = Quadratic(a, seed: 7, [60]);
        var evd = a.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        var result = HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 20, seed: 8);
        Assert.Equal(20, result.Steps);
        Assert.Equal(evd.Max(), result.Top, 6);
        Assert.Equal(evd.Min(), result.Bottom, 6);
        // Ritz values interlace: every one lies inside [λ_min, λ_max].
        Assert.All(result.RitzValues, r => Assert.InRange(r, evd.Min() - 1e-9, evd.Max() + 1e-9));

        // Seeded: the same seed gives the same numbers; another seed the same extremes.
        var again = HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 20, seed: 8);
        Assert.Equal(result.RitzValues, again.RitzValues);
        var other = HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 20, seed: 9);
        Assert.Equal(result.Top, other.Top, 6);
        Assert.NotEqual(result.RitzValues, other.RitzValues);
        foreach (var t in parameters.Append(at)) t.Dispose();
    }

    [Fact]
    public void On_a_small_network_the_extremes_match_the_eigenvalues_of_the_finite_difference_Hessian()
    {
        var (loss, parameters, data) = TanhNetwork(seed: 10);
        const int n = 21;
        var hessian = FiniteDifferenceHessian(loss, parameters);
        var evd = ((hessian + hessian.Transpose()) / 2).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Assert.True(evd.Min() < -1e-3, $"the network's loss should have a negative curvature direction here; λ_min = {evd.Min()}");
        var result = HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: n, seed: 11);
        Assert.Equal(evd.Max(), result.Top, 6);
        Assert.Equal(evd.Min(), result.Bottom, 6);
        foreach (var t in parameters.Concat(data)) t.Dispose();
    }

    [Fact]
    public void Works_in_float32()
    {
        var a = SymmetricWith([-3, -0.5, 0.7, 1, 2, 5], seed: 17);
        var (loss64, parameters64, at64) = Quadratic(a, seed: 18, [6]);
        using var at = at64.to(float32);
        using var x = parameters64[0].detach().to(float32).requires_grad_();
        Tensor Loss() => x.dot(at.mv(x)).mul(0.5f);
        var result = HessianSpectrum.TopBottomEigenvalues(Loss, [x], steps: 6, seed: 19);
        Assert.Equal(5, result.Top, 4);
        Assert.Equal(-3, result.Bottom, 4);
        using var v = tensor(new[] { 1f, 0, 0, 0, 0, 0 });
        using var hv = HessianSpectrum.HessianVectorProduct(Loss, [x], v);
        Assert.Equal(ScalarType.Float32, hv.dtype);
        AllClose(a.Column(0).ToArray(), ToDoubles(hv), 1e-5);
        foreach (var t in parameters64.Append(at64)) t.Dispose();
    }

    [Fact]
    public void A_loss_linear_in_a_parameter_has_zero_curvature_there()
    {
        // L = x₁² + 3·y (y enters linearly, z not at all): H = diag(2, 0, 0).
        using var x = tensor(new[] { 0.5 }).requires_grad_();
        using var y = tensor(new[] { 2.0 }).requires_grad_();
        using var z = tensor(new[] { 1.0 }).requires_grad_();
        Tensor Loss() => x.square().sum().add(y.sum().mul(3));
        using (var v = tensor(new[] { 1.0, 1.0, 1.0 }))
        using (var hv = HessianSpectrum.HessianVectorProduct(Loss, [x, y, z], v))
            AllClose([2, 0, 0], ToDoubles(hv), 1e-12);
        var result = HessianSpectrum.TopBottomEigenvalues(Loss, [x, y, z], steps: 3);
        Assert.Equal(2, result.Top, 9);
        Assert.Equal(0, result.Bottom, 9);

        // Linear in everything: H = 0.
        using (var v = tensor(new[] { 1.0 }))
        using (var hv = HessianSpectrum.HessianVectorProduct(() => y.sum().mul(3), [y], v))
            AllClose([0], ToDoubles(hv), 0);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var a = SymmetricWith([1, 2, 3], seed: 12);
        var (loss, parameters, at) = Quadratic(a, seed: 13, [3]);
        using var good = tensor(new[] { 1.0, 0, 0 });
        using var shortVector = tensor(new[] { 1.0, 0 });
        using var single = tensor(new[] { 1f, 0, 0 });
        using var nan = tensor(new[] { 1.0, double.NaN, 0 });
        using var noGrad = tensor(new[] { 1.0, 2.0 });
        using var integer = tensor(new long[] { 1, 2 });
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, parameters, shortVector)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, parameters, single)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, parameters, nan)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentNullException>(() => HessianSpectrum.HessianVectorProduct(loss, parameters, null!)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => HessianSpectrum.HessianVectorProduct(null!, parameters, good)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(() => parameters[0].mul(2), parameters, good)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(() => loss().mul(double.NaN), parameters, good)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, [], good)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, [noGrad], good)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => HessianSpectrum.HessianVectorProduct(loss, [integer], good)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 0)).ParamName);
        foreach (var t in parameters.Append(at)) t.Dispose();
    }

    [Fact]
    public void Leaves_no_tensors_behind()
    {
        var (loss, parameters, data) = TanhNetwork(seed: 14);
        using var v = tensor(Uniform(21, seed: 15));
        AssertLeavesOnlyItsResult(() => HessianSpectrum.HessianVectorProduct(loss, parameters, v));
        long live = LiveTensors();
        HessianSpectrum.TopBottomEigenvalues(loss, parameters, steps: 10, seed: 16);
        Assert.Equal(live, LiveTensors());
        foreach (var t in parameters.Concat(data)) t.Dispose();
    }
}

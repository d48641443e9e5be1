using DebiasKit.Data;
using MathNet.Numerics.LinearAlgebra;

namespace DebiasKit.Stats;

/// <summary>
/// Linear regression from aggregate responses: the learner sees every unit's features x_i but only the mean response
/// ȳ_a of each bag a of k units. Javanmard, Chen, Mirrokni, Badanidiyuru and Fu, "Learning from Aggregate responses:
/// Instance Level versus Bag Level Loss Functions", ICLR 2024 (arXiv:2401.11081).
/// <para>
/// For a linear model f(x) = xᵀθ (no intercept; centre the features and responses first if needed) and bags with
/// means x̄_a, f̄_a = x̄_aᵀθ:
/// </para>
/// <list type="bullet">
/// <item>bag-level loss L_bag(θ) = Σ_a (ȳ_a − x̄_aᵀθ)², whose minimiser is unbiased (E[ȳ_a | X] = x̄_aᵀθ*) but uses
/// only m = n/k observations;</item>
/// <item>instance-level loss L_ins(θ) = Σ_a Σ_{i∈a} (ȳ_a − x_iᵀθ)² = k·L_bag(θ) + Σ_a Σ_{i∈a} (x_iᵀθ − x̄_aᵀθ)²,
/// i.e. the bag loss plus a penalty on the within-bag spread of the predictions: a generalised ridge that shrinks θ
/// (biased, lower variance);</item>
/// <item>the interpolating loss L_ρ(θ) = k·L_bag(θ) + ρ·Σ_a Σ_{i∈a} ((x_i − x̄_a)ᵀθ)², ρ ∈ [0, 1]: ρ = 0 is the
/// bag-level and ρ = 1 the instance-level estimator.</item>
/// </list>
/// <para>
/// Every minimiser is a closed-form generalised ridge solve, (k X̄ᵀX̄ + ρ W) θ = k X̄ᵀȳ with
/// W = Σ_a Σ_{i∈a} (x_i − x̄_a)(x_i − x̄_a)ᵀ, solved by Cholesky on the d × d normal equations (see <see cref="Path"/>).
/// Variant pinned: the
/// decomposition and the ρ-interpolation as described in the paper's abstract and summaries (the instance loss is
/// "a regularized form of the bag-level loss"), with unnormalised sums; scaling L_ρ by a constant leaves θ̂ unchanged.
/// </para>
/// </summary>
public static class AggregateResponses
{
    /// <summary>The bag-level estimator, argmin Σ_a (ȳ_a − x̄_aᵀθ)² (ρ = 0). Needs at least as many bags as features.</summary>
    public static Vector<double> BagLevel(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans) =>
        Interpolating(x, bags, bagMeans, 0);

    /// <summary>The instance-level estimator, argmin Σ_a Σ_{i∈a} (ȳ_a − x_iᵀθ)² (ρ = 1).</summary>
    public static Vector<double> InstanceLevel(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans) =>
        Interpolating(x, bags, bagMeans, 1);

    /// <summary>
    /// The interpolating estimator argmin k·Σ_a (ȳ_a − x̄_aᵀθ)² + ρ·Σ_a Σ_{i∈a} ((x_i − x̄_a)ᵀθ)².
    /// </summary>
    /// <param name="x">Features of the whole population, one row per unit (units in no bag are ignored).</param>
    /// <param name="bags">Disjoint bags (<see cref="Bags.Random"/>).</param>
    /// <param name="bagMeans">The aggregate response ȳ_a of each bag, possibly privatised (<see cref="LaplaceMechanism"/>).</param>
    /// <param name="rho">ρ ∈ [0, 1].</param>
    public static Vector<double> Interpolating(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans, double rho)
    {
        Guard.InRange(rho, 0, 1, nameof(rho));
        return Path(x, bags, bagMeans, [rho])[0];
    }

    /// <summary>
    /// The interpolating estimator for several ρ at once, sharing the Gram matrices: since
    /// W = Σ_{i in a bag} x_i x_iᵀ − k X̄ᵀX̄, the normal equations are ((1 − ρ)·k X̄ᵀX̄ + ρ·XᵀX) θ = k X̄ᵀȳ (XᵀX over the
    /// bagged units): the estimator interpolates the bag-level and the instance-level Gram matrices. Each ρ is one
    /// d × d Cholesky solve.
    /// </summary>
    /// <param name="x">Features of the whole population, one row per unit.</param>
    /// <param name="bags">Disjoint bags.</param>
    /// <param name="bagMeans">ȳ_a per bag.</param>
    /// <param name="rhos">Values of ρ, each in [0, 1].</param>
    public static Vector<double>[] Path(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans, IReadOnlyList<double> rhos)
    {
        Check(x, bags, bagMeans);
        Guard.NotNull(rhos, nameof(rhos));
        foreach (var rho in rhos) Guard.InRange(rho, 0, 1, nameof(rhos));
        int k = bags.BagSize;
        var means = BagFeatureMeans(x, bags);
        var bagGram = means.TransposeThisAndMultiply(means).Multiply(k);                 // k X̄ᵀX̄
        var bagged = x.SubRows(bags.Order);
        var instanceGram = bagged.TransposeThisAndMultiply(bagged);                         // XᵀX over bagged units
        var right = means.TransposeThisAndMultiply(Vector<double>.Build.DenseOfEnumerable(bagMeans)).Multiply(k);
        return rhos.Select(rho =>
        {
            var a = bagGram.Multiply(1 - rho) + instanceGram.Multiply(rho);
            ArgumentException Singular() => new(
                rho == 0
                    ? $"The bag-level problem is singular: {bags.Count} bags for {x.ColumnCount} features (need at least {x.ColumnCount} bags with linearly independent mean features); use ρ > 0 or smaller bags."
                    : $"The interpolating problem is singular for ρ = {rho}: the bagged units' features are linearly dependent.",
                nameof(bags));
            MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
            try { cholesky = a.Cholesky(); }
            catch (ArgumentException) { throw Singular(); }
            double smallest = double.PositiveInfinity, largest = 0;
            for (int j = 0; j < a.RowCount; j++)
            {
                double v = cholesky.Factor[j, j];
                smallest = Math.Min(smallest, v);
                largest = Math.Max(largest, v);
            }
            if (!(smallest > 1e-7 * largest)) throw Singular();
            return cholesky.Solve(right);
        }).ToArray();
    }

    /// <summary>L_bag(θ) = Σ_a (ȳ_a − x̄_aᵀθ)².</summary>
    public static double BagLoss(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans, Vector<double> theta)
    {
        Check(x, bags, bagMeans, theta);
        var fitted = BagFeatureMeans(x, bags) * theta;
        return Enumerable.Range(0, bags.Count).Sum(a => (bagMeans[a] - fitted[a]) * (bagMeans[a] - fitted[a]));
    }

    /// <summary>L_ins(θ) = Σ_a Σ_{i∈a} (ȳ_a − x_iᵀθ)².</summary>
    public static double InstanceLoss(Matrix<double> x, BagPartition bags, IReadOnlyList<double> bagMeans, Vector<double> theta)
    {
        Check(x, bags, bagMeans, theta);
        var predictions = x * theta;
        double sum = 0;
        for (int r = 0; r < bags.Order.Count; r++)
        {
            double e = bagMeans[r / bags.BagSize] - predictions[bags.Order[r]];
            sum += e * e;
        }
        return sum;
    }

    /// <summary>The within-bag spread of the predictions, Σ_a Σ_{i∈a} (x_iᵀθ − x̄_aᵀθ)² (the instance loss's penalty).</summary>
    public static double WithinBagSpread(Matrix<double> x, BagPartition bags, Vector<double> theta)
    {
        Check(x, bags, null, theta);
        var predictions = x * theta;
        var bagPredictions = BagFeatureMeans(x, bags) * theta;
        double sum = 0;
        for (int r = 0; r < bags.Order.Count; r++)
        {
            double e = predictions[bags.Order[r]] - bagPredictions[r / bags.BagSize];
            sum += e * e;
        }
        return sum;
    }

    /// <summary>The mean feature vector x̄_a of every bag, as an m × d matrix.</summary>
    public static Matrix<double> BagFeatureMeans(Matrix<double> x, BagPartition bags)
    {
        Check(x, bags, null);
        int k = bags.BagSize;
        var means = Matrix<double>.Build.Dense(bags.Count, x.ColumnCount);
        for (int r = 0; r < bags.Order.Count; r++)
            for (int j = 0; j < x.ColumnCount; j++)
                means[r / k, j] += x[bags.Order[r], j] / k;
        return means;
    }

    private static void Check(Matrix<double> x, BagPartition bags, IReadOnlyList<double>? bagMeans, Vector<double>? theta = null)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(bags, nameof(bags));
        if (x.RowCount != bags.Population)
            throw new ArgumentException($"{nameof(x)} has {x.RowCount} rows but the bags are over a population of {bags.Population} units.", nameof(x));
        foreach (var v in x.Enumerate())
            if (!double.IsFinite(v)) throw new ArgumentException($"{nameof(x)} must be finite; it contains {v}.", nameof(x));
        if (bagMeans is not null)
        {
            if (bagMeans.Count != bags.Count)
                throw new ArgumentException($"{nameof(bagMeans)} must hold one mean per bag ({bags.Count}); got {bagMeans.Count}.", nameof(bagMeans));
            Guard.Finite(bagMeans, nameof(bagMeans));
        }
        if (theta is not null && theta.Count != x.ColumnCount)
            throw new ArgumentException($"{nameof(theta)} must have {x.ColumnCount} entries (one per feature); got {theta.Count}.", nameof(theta));
    }
}

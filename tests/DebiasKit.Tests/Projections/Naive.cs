using DebiasKit.Data;
using MathNet.Numerics.Distributions;
using Xunit;

namespace DebiasKit.Tests.Projections;

/// <summary>
/// Independent references for the projection and word-bias tests: plain loops over double arrays (dot products,
/// classical Gram–Schmidt, PCA of the scatter matrix by power iteration), written without TorchSharp so that a mistake
/// in the library's tensor code cannot hide in the reference too.
/// </summary>
internal static class Naive
{
    /// <summary>Seeded standard normal values, [rows][cols].</summary>
    public static double[][] Gaussian(int rows, int cols, int seed, double scale = 1)
    {
        var normal = new Normal(0, scale, new Random(seed));
        return Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, cols).Select(_ => normal.Sample()).ToArray()).ToArray();
    }

    public static double Dot(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    public static double[] Scale(double[] a, double s) => a.Select(v => v * s).ToArray();

    public static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    public static double[] Subtract(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    public static double[] Unit(double[] a) => Scale(a, 1 / Norm(a));

    public static double Cosine(double[] a, double[] b) => Dot(a, b) / (Norm(a) * Norm(b));

    public static double[] Mean(IReadOnlyList<double[]> rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
            for (int i = 0; i < mean.Length; i++) mean[i] += row[i] / rows.Count;
        return mean;
    }

    /// <summary>Orthonormal rows spanning <paramref name="rows"/>, by classical Gram–Schmidt written out.</summary>
    public static double[][] GramSchmidt(IEnumerable<double[]> rows)
    {
        var basis = new List<double[]>();
        foreach (var row in rows)
        {
            var v = (double[])row.Clone();
            foreach (var q in basis)
            {
                double dot = Dot(row, q);
                for (int i = 0; i < v.Length; i++) v[i] -= dot * q[i];
            }
            basis.Add(Unit(v));
        }
        return basis.ToArray();
    }

    /// <summary>x minus its components along the orthonormal rows of <paramref name="basis"/>.</summary>
    public static double[] RemoveSpan(double[] x, IEnumerable<double[]> basis)
    {
        var result = (double[])x.Clone();
        foreach (var q in basis)
        {
            double dot = Dot(x, q);
            for (int i = 0; i < result.Length; i++) result[i] -= dot * q[i];
        }
        return result;
    }

    /// <summary>The scatter matrix Σ cᵢ cᵢᵀ of the rows.</summary>
    public static double[,] Scatter(IEnumerable<double[]> rows)
    {
        double[,]? s = null;
        foreach (var c in rows)
        {
            s ??= new double[c.Length, c.Length];
            for (int i = 0; i < c.Length; i++)
                for (int j = 0; j < c.Length; j++) s[i, j] += c[i] * c[j];
        }
        return s!;
    }

    /// <summary>Each defining set centred on its own mean, all centred vectors stacked (Bolukbasi's doPCA input).</summary>
    public static List<double[]> SetCentred(IEnumerable<double[][]> sets)
    {
        var centred = new List<double[]>();
        foreach (var set in sets)
        {
            var mean = Mean(set);
            centred.AddRange(set.Select(w => Subtract(w, mean)));
        }
        return centred;
    }

    /// <summary>The leading eigenvector of a symmetric positive semi-definite matrix, by power iteration (unit length, sign arbitrary).</summary>
    public static double[] LeadingEigenvector(double[,] s, int iterations = 5000)
    {
        int d = s.GetLength(0);
        var v = Enumerable.Range(0, d).Select(i => 1.0 + 0.1 * i).ToArray();
        v = Unit(v);
        for (int t = 0; t < iterations; t++)
        {
            var next = new double[d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) next[i] += s[i, j] * v[j];
            v = Unit(next);
        }
        return v;
    }

    /// <summary>The first principal direction of the set-centred defining vectors, by power iteration on their scatter matrix.</summary>
    public static double[] FirstPrincipalDirection(IEnumerable<double[][]> sets) => LeadingEigenvector(Scatter(SetCentred(sets)));

    /// <summary>Asserts that a and b are equal up to a common sign, element by element.</summary>
    public static void AssertEqualUpToSign(double[] expected, double[] actual, double tolerance)
    {
        double sign = Dot(expected, actual) < 0 ? -1 : 1;
        TestHelpers.AllClose(expected, Scale(actual, sign), tolerance);
    }

    public static double[][] Multiply(double[][] a, double[][] b)
    {
        int n = a.Length, m = b[0].Length, inner = b.Length;
        var c = new double[n][];
        for (int i = 0; i < n; i++)
        {
            c[i] = new double[m];
            for (int j = 0; j < m; j++)
                for (int k = 0; k < inner; k++) c[i][j] += a[i][k] * b[k][j];
        }
        return c;
    }

    public static double[][] Transpose(double[][] a) =>
        Enumerable.Range(0, a[0].Length).Select(j => a.Select(row => row[j]).ToArray()).ToArray();

    public static double MaxAbsDifference(double[][] a, double[][] b) =>
        a.Zip(b, (x, y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max()).Max();

    /// <summary>P = Pᵀ and P·P = P, each to <paramref name="tolerance"/>; returns the trace (the rank of a projection).</summary>
    public static double AssertSymmetricIdempotent(double[][] p, double tolerance = 1e-10)
    {
        double asymmetry = MaxAbsDifference(p, Transpose(p));
        Assert.True(asymmetry <= tolerance, $"P − Pᵀ has an entry of size {asymmetry}");
        double gap = MaxAbsDifference(p, Multiply(p, p));
        Assert.True(gap <= tolerance, $"P·P − P has an entry of size {gap}");
        return Enumerable.Range(0, p.Length).Sum(i => p[i][i]);
    }

    public static double[][] Identity(int d) =>
        Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => i == j ? 1.0 : 0.0).ToArray()).ToArray();

    /// <summary>A vocabulary of the given words and double rows (stored as float32, as WordEmbeddings does).</summary>
    public static WordEmbeddings Vocabulary(IReadOnlyList<string> words, double[][] rows) =>
        new(words, rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), rows[0].Length);

    /// <summary>The rows of a vocabulary as doubles (the float32 values it holds).</summary>
    public static double[][] Rows(WordEmbeddings embeddings) =>
        embeddings.Words.Select(w => embeddings.Vector(w).Select(v => (double)v).ToArray()).ToArray();

    /// <summary>A row of a vocabulary as doubles.</summary>
    public static double[] Row(WordEmbeddings embeddings, string word) => embeddings.Vector(word).Select(v => (double)v).ToArray();
}

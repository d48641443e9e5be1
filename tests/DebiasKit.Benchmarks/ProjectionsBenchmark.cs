using BenchmarkDotNet.Attributes;
using DebiasKit.Data;
using DebiasKit.Projections;
using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Benchmarks;

/// <summary>
/// The closed-form projections on the shipped GloVe matrix (50,000 words × 100): fit the gender subspace on Bolukbasi et
/// al.'s definitional pairs, neutralise every row, hard-debias the whole vocabulary (neutralise and equalise, new
/// vocabulary included), fit and apply P₀, apply SentenceDebias. Target: each at most 20 ms. For comparison with numpy,
/// the neutralise step alone on the first 20,000 rows (numpy about 19 ms on this machine; the script
/// <c>numpy_neutralize.py</c> beside this file times numpy's x − (x·g)gᵀ followed by row normalisation).
/// Torch uses its default thread count (both cores), as numpy's BLAS does.
/// </summary>
[MemoryDiagnoser]
public class ProjectionsBenchmark
{
    private WordEmbeddings glove = null!;
    private List<IReadOnlyList<string>> definingSets = null!;
    private List<IReadOnlyList<string>> equalitySets = null!;
    private List<string> genderSpecific = null!;
    private Tensor all = null!, first20k = null!, directions = null!;
    private BiasSubspace subspace = null!;
    private HardDebias hardDebias = null!;
    private SentenceDebias sentenceDebias = null!;
    private Tensor pairFirst = null!, pairSecond = null!;

    [GlobalSetup]
    public void Setup()
    {
        glove = Glove.Load();
        definingSets = WordLists.GenderDefinitionalPairs()
            .Where(p => glove.Contains(p.Female) && glove.Contains(p.Male))
            .Select(p => (IReadOnlyList<string>)[p.Female, p.Male]).ToList();
        equalitySets = WordLists.GenderEqualizePairs()
            .Where(p => glove.Contains(p.Female) && glove.Contains(p.Male))
            .Select(p => (IReadOnlyList<string>)[p.Female, p.Male]).ToList();
        genderSpecific = WordLists.GenderSpecificWords().Where(glove.Contains).ToList();
        all = glove.ToTensor();
        first20k = all[..20_000].clone();
        subspace = BiasSubspace.Fit(glove, definingSets);
        hardDebias = new HardDebias().Fit(glove, definingSets, equalitySets);
        // P₀ removes the span of the ten pair differences (she − he, …), as Chuang et al. remove spurious prompt directions.
        directions = glove.Matrix(definingSets.Select(s => s[0]).ToList()) - glove.Matrix(definingSets.Select(s => s[1]).ToList());
        // P* of Chuang et al.: the definitional pairs' vectors as bias prompts, the equalise pairs as the calibration pairs S.
        pairFirst = glove.Matrix(equalitySets.Select(s => s[0]).ToList());
        pairSecond = glove.Matrix(equalitySets.Select(s => s[1]).ToList());
        sentenceDebias = new SentenceDebias().Fit(glove.Matrix(definingSets.Select(s => s[0]).ToList()), glove.Matrix(definingSets.Select(s => s[1]).ToList()));
        Console.WriteLine($"// {glove}; {definingSets.Count} defining pairs, {equalitySets.Count} equality pairs, {genderSpecific.Count} gender-specific words; torch threads {torch.get_num_threads()}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        all.Dispose();
        first20k.Dispose();
        directions.Dispose();
    }

    [Benchmark(Description = "BiasSubspace.Fit, gender definitional pairs")]
    public int BiasSubspaceFit()
    {
        var fitted = BiasSubspace.Fit(glove, definingSets);
        int k = fitted.K;
        fitted.Components.Dispose();
        return k;
    }

    [Benchmark(Description = "HardDebias.Neutralize, 50,000 × 100")]
    public void Neutralize50k()
    {
        using var result = HardDebias.Neutralize(all, subspace);
    }

    [Benchmark(Description = "HardDebias.Neutralize, 20,000 × 100 (numpy ≈ 19 ms)")]
    public void Neutralize20k()
    {
        using var result = HardDebias.Neutralize(first20k, subspace);
    }

    [Benchmark(Description = "HardDebias.Transform, whole vocabulary")]
    public WordEmbeddings HardDebiasTransform() => hardDebias.Transform(glove, keep: genderSpecific);

    [Benchmark(Description = "OrthogonalProjection Fit + Transform, 50,000 × 100")]
    public void OrthogonalProjectionFitTransform()
    {
        var projection = new OrthogonalProjection().Fit(directions);
        using var result = projection.Transform(all);
        projection.Basis.Dispose();
    }

    [Benchmark(Description = "CalibratedProjection Fit + Transform, 50,000 × 100")]
    public void CalibratedProjectionFitTransform()
    {
        var projection = new CalibratedProjection().Fit(directions, pairFirst, pairSecond, lambda: 1000);
        using var result = projection.Transform(all);
        projection.Matrix.Dispose();
    }

    [Benchmark(Description = "SentenceDebias.Transform, 50,000 × 100")]
    public void SentenceDebiasTransform()
    {
        using var result = sentenceDebias.Transform(all);
    }
}

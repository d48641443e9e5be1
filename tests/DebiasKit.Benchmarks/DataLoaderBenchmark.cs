using BenchmarkDotNet.Attributes;
using DebiasKit.Data;

namespace DebiasKit.Benchmarks;

/// <summary>
/// Time of each data loader, checksum verification included. DataFile remembers a file it verified until the file
/// changes, so after the first call of a process a loader only reads and parses: the notebooks' case, where each
/// file is loaded once, is BenchmarkDotNet's first (cold) iteration; the mean is the parse alone.
/// </summary>
[MemoryDiagnoser]
public class DataLoaderBenchmark
{
    [Benchmark] public object MnistLoad() => Mnist.Load();
    [Benchmark] public object FashionMnistLoad() => FashionMnist.Load();
    [Benchmark] public object GloveLoad() => Glove.Load();
    [Benchmark] public object WordListsAll() => (WordLists.FemaleFirstNames(), WordLists.MaleFirstNames(), WordLists.ResumeNames(), WordLists.Professions(), WordLists.WeatTests());
    [Benchmark] public object LaLondeBoth() => (LaLonde.Experimental(), LaLonde.WithPsidControls());
    [Benchmark] public object TennesseeStarLoad() => TennesseeStar.Load();
    [Benchmark] public object KernlabIncomeLoad() => KernlabIncome.Load();
    [Benchmark] public object GermanCreditLoad() => GermanCredit.Load();
    [Benchmark] public object SentimentSentencesLoad() => SentimentSentences.Load();
    [Benchmark] public object SklearnDigitsLoad() => SklearnDigits.Load();
    [Benchmark] public object BreastCancerLoad() => BreastCancer.Load();
    [Benchmark] public object MovieLensLoad() => MovieLens.Load();

    /// <summary>Each loader's first call in this process (checksum included), as a notebook meets it; printed as a table.</summary>
    public static void PrintFirstCalls()
    {
        var benchmark = new DataLoaderBenchmark();
        var loaders = typeof(DataLoaderBenchmark).GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(BenchmarkAttribute), false).Length > 0).ToList();
        Console.WriteLine("First call of each loader in a fresh process (SHA-256 check included):");
        foreach (var loader in loaders)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            loader.Invoke(benchmark, null);
            Console.WriteLine($"  {loader.Name,-24} {clock.Elapsed.TotalSeconds,6:F3} s");
        }
    }
}

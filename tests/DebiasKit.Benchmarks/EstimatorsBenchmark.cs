using BenchmarkDotNet.Attributes;
using DebiasKit.Stats;

namespace DebiasKit.Benchmarks;

/// <summary>
/// Point estimate and interval of PPI (and PPI++) and of DSL for a mean on 10⁷ rows (target: at most 0.05 s each; numpy
/// takes about 0.20 s for ppi_py's PPI mean interval on this machine, per the issue). 1,000 labelled units for PPI; for
/// DSL, 10⁷ units with cross-fitted predictions given (the cross-fitting itself is not timed: it depends on the model).
/// </summary>
[MemoryDiagnoser]
public class EstimatorsBenchmark
{
    private const int Rows = 10_000_000;
    private double[] labels = null!, labelledPredictions = null!, unlabelledPredictions = null!;
    private double[] dslPredictions = null!, dslLabels = null!, probabilities = null!;
    private bool[] labelled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        unlabelledPredictions = new double[Rows];
        for (int i = 0; i < Rows; i++) unlabelledPredictions[i] = random.NextDouble();
        labels = Enumerable.Range(0, 1000).Select(_ => random.NextDouble()).ToArray();
        labelledPredictions = labels.Select(v => v + 0.1 * random.NextDouble()).ToArray();
        dslPredictions = unlabelledPredictions;
        labelled = new bool[Rows];
        dslLabels = new double[Rows];
        probabilities = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            labelled[i] = random.NextDouble() < 0.01;
            dslLabels[i] = labelled[i] ? dslPredictions[i] + 0.1 : double.NaN;
            probabilities[i] = 0.01;
        }
    }

    [Benchmark(Description = "PPI mean interval, 10^7 unlabelled rows")]
    public double PpiMean() => PredictionPoweredMean.Estimate(labels, labelledPredictions, unlabelledPredictions).Result.Upper;

    [Benchmark(Description = "PPI++ mean interval (λ estimated), 10^7 unlabelled rows")]
    public double PpiPlusPlusMean() => PredictionPoweredMean.Estimate(labels, labelledPredictions, unlabelledPredictions, lambda: null).Result.Upper;

    [Benchmark(Description = "DSL mean interval, 10^7 units, pseudo-outcomes returned")]
    public double DslMean() => DesignBasedMean.Estimate(dslPredictions, dslLabels, labelled, probabilities).Result.Upper;

    [Benchmark(Description = "DSL mean interval, 10^7 units, estimate only")]
    public double DslMeanEstimateOnly() => DesignBasedMean.Estimate(dslPredictions, dslLabels, labelled, probabilities, keepPseudoOutcomes: false).Result.Upper;
}

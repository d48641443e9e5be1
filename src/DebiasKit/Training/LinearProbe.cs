using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>A fitted linear probe: accuracies and the softmax weights [classes, d] with biases [classes] (float32, host).</summary>
public sealed record LinearProbeResult(double TrainAccuracy, double TestAccuracy, Tensor Weight, Tensor Bias);

/// <summary>
/// A linear probe: multinomial logistic regression trained full-batch (Adam, L2 penalty) on fixed features. Used to ask
/// "can a linear classifier still read the attribute / do the task from these vectors?", as iterative nullspace
/// projection (Ravfogel et al., 2020) and downstream utility checks do. Deterministic for a given seed.
/// </summary>
public static class LinearProbe
{
    /// <summary>Trains on (<paramref name="trainX"/>, <paramref name="trainY"/>) and scores on the test part.</summary>
    /// <param name="trainX">Features [n, d].</param>
    /// <param name="trainY">Class of each training row, in [0, classes).</param>
    /// <param name="testX">Features [m, d] scored after training.</param>
    /// <param name="testY">Class of each test row.</param>
    /// <param name="classes">Number of classes (≥ 2).</param>
    /// <param name="seed">Seeds the weight initialisation.</param>
    /// <param name="steps">Full-batch optimisation steps.</param>
    /// <param name="learningRate">Adam step size.</param>
    /// <param name="l2">Penalty λ‖W‖² (keeps weights finite on separable data).</param>
    public static LinearProbeResult Fit(Tensor trainX, IReadOnlyList<long> trainY, Tensor testX, IReadOnlyList<long> testY,
        int classes, int seed, int steps = 300, double learningRate = 0.05, double l2 = 1e-4)
    {
        Projections.VectorChecks.Rows(trainX, nameof(trainX), minRows: 1);
        Projections.VectorChecks.Rows(testX, nameof(testX), trainX.shape[1]);
        Labels(trainY, trainX.shape[0], classes, nameof(trainY));
        Labels(testY, testX.shape[0], classes, nameof(testY));
        Guard.Positive(steps, nameof(steps));
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.NonNegative(l2, nameof(l2));

        using var scope = NewDisposeScope();
        var device = trainX.device;
        var x = trainX.detach().to(ScalarType.Float32);
        var y = tensor(trainY.ToArray(), device: device);
        var generator = new Generator((ulong)seed, device);
        var weight = new TorchSharp.Modules.Parameter(randn([classes, x.shape[1]], generator: generator, device: device) * 0.01f);
        var bias = new TorchSharp.Modules.Parameter(zeros([classes], device: device));
        using var optimizer = optim.Adam([weight, bias], learningRate);
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(x.matmul(weight.T) + bias, y) + l2 * weight.square().sum();
            loss.backward();
            optimizer.step();
        }
        var w = weight.detach().cpu().clone();
        var b = bias.detach().cpu().clone();
        double trainAccuracy = Accuracy(x, y, weight, bias);
        double testAccuracy = testX.shape[0] == 0 ? double.NaN
            : Accuracy(testX.detach().to(ScalarType.Float32), tensor(testY.ToArray(), device: testX.device), weight.to(testX.device), bias.to(testX.device));
        return new LinearProbeResult(trainAccuracy, testAccuracy, w.DetachFromDisposeScope(), b.DetachFromDisposeScope());
    }

    private static double Accuracy(Tensor x, Tensor y, Tensor weight, Tensor bias)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return (x.matmul(weight.T) + bias).argmax(1).eq(y).to(ScalarType.Float64).mean().item<double>();
    }

    private static void Labels(IReadOnlyList<long> labels, long rows, int classes, string name)
    {
        Guard.NotNull(labels, name);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2.");
        if (labels.Count != rows) throw new ArgumentException($"{name} must hold one label per row ({rows}); it holds {labels.Count}.", name);
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(name, labels[i], $"{name}[{i}] = {labels[i]} is outside [0, {classes}).");
    }
}

namespace DebiasKit.Training;

/// <summary>
/// Settings of <see cref="TcpEstimator"/>. The defaults are BTCP's Fashion-MNIST configuration
/// (lblaoke/BTCP <c>conf/fashion-mnist.yaml</c>): SGD, learning rate 0.001, momentum 0.9, weight decay 10⁻⁴, batches of 32,
/// 70 epochs, a head of four hidden layers of 400 units, histogram of 10 bins.
/// </summary>
public sealed record TcpEstimatorOptions
{
    /// <summary>Focusing parameter γ of the distributional focal loss: 0 is ConfidNet's MSE to the TCP, γ &gt; 0 is BTCP (the reference runs 0, 1 and 2).</summary>
    public double Gamma { get; init; }

    /// <summary>Equal-width bins of the in-batch TCP histogram on [0, 1].</summary>
    public int Bins { get; init; } = 10;

    /// <summary>Hidden widths of the <see cref="Models.ConfidenceHead"/>.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [400, 400, 400, 400];

    /// <summary>
    /// Epochs, batch size, learning rate (or schedule), momentum, weight decay, optimiser, seed (it seeds the head's
    /// initial weights and the batch order) and device of the head's training. <see cref="TrainOptions.SamRho"/> is not used.
    /// </summary>
    public TrainOptions Training { get; init; } = new()
    {
        Epochs = 70,
        BatchSize = 32,
        LearningRate = 0.001,
        Momentum = 0.9,
        WeightDecay = 1e-4,
    };

    internal void Validate()
    {
        Guard.NonNegative(Gamma, nameof(Gamma));
        Guard.Positive(Bins, nameof(Bins));
        Guard.NotNull(Hidden, nameof(Hidden));
        Guard.NotNull(Training, nameof(Training));
        Training.Validate();
    }
}

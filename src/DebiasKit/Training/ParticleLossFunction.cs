using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// The objective of a particle ensemble (<see cref="Models.ParticleEnsemble"/>): every particle's logits [N, C] for the
/// same mini-batch, the targets and the 0-based epoch, to a scalar loss.
/// </summary>
public delegate Tensor ParticleLossFunction(IReadOnlyList<Tensor> particleLogits, Tensor targets, int epoch);

using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// The training objective: logits and targets of a mini-batch and the 0-based epoch (so schedules such as deferred
/// re-weighting can change the loss over training) to a scalar loss.
/// </summary>
public delegate Tensor LossFunction(Tensor logits, Tensor targets, int epoch);

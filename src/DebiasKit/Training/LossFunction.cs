using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// The training objective: logits and targets of a mini-batch and the 0-based epoch (so schedules such as deferred
/// re-weighting can change the loss over training) to a scalar loss.
/// </summary>
public delegate Tensor LossFunction(Tensor logits, Tensor targets, int epoch);

/// <summary>
/// A training objective with a weight per example: logits, targets and the weights of the mini-batch's examples (as
/// given to <see cref="Trainer.Fit(TorchSharp.torch.nn.Module{Tensor, Tensor}, Data.ClassificationData, Tensor, WeightedLossFunction, TrainOptions, Action{EpochReport}?)"/>)
/// and the 0-based epoch, to a scalar loss. Used by sample-reweighting methods such as DatasetEquity.
/// </summary>
public delegate Tensor WeightedLossFunction(Tensor logits, Tensor targets, Tensor weights, int epoch);

/// <summary>
/// A training objective that looks its targets up by example: the mini-batch's outputs, the row numbers of its examples
/// in the training inputs (int64 [B], on the training device, as given to
/// <see cref="Trainer.Fit(TorchSharp.torch.nn.Module{Tensor, Tensor}, Tensor, RowLossFunction, TrainOptions, Action{EpochReport}?)"/>)
/// and the 0-based epoch, to a scalar loss. For targets that are not one class per example: label matrices, regression
/// targets, precomputed teachers' logits, or per-example records such as a masking loss's masks.
/// </summary>
public delegate Tensor RowLossFunction(Tensor outputs, Tensor rows, int epoch);

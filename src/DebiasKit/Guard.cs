using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit;

/// <summary>
/// Argument checks shared by the kit. Each throws an <see cref="ArgumentException"/> (or a subclass) that names
/// the argument and says what was expected, so that bad input never turns into a silent NaN or a native crash.
/// </summary>
internal static class Guard
{
    public static void NotNull(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name);
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }

    public static void InRange(double value, double low, double high, string name, bool lowOpen = false, bool highOpen = false)
    {
        bool ok = !double.IsNaN(value)
            && (lowOpen ? value > low : value >= low)
            && (highOpen ? value < high : value <= high);
        if (!ok)
        {
            string interval = $"{(lowOpen ? "(" : "[")}{low}, {high}{(highOpen ? ")" : "]")}";
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in {interval}.");
        }
    }

    public static void Finite(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name} must be finite; element {i} is {values[i]}.", name);
    }

    /// <summary>Class counts: one per class, every one a positive number of examples.</summary>
    public static void ClassCounts(IReadOnlyList<long> counts, string name, long? expectedClasses = null)
    {
        NotNull(counts, name);
        if (counts.Count == 0) throw new ArgumentException($"{name} must hold one count per class; it is empty.", name);
        if (expectedClasses is long c && counts.Count != c)
            throw new ArgumentException($"{name} has {counts.Count} entries but there are {c} classes.", name);
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] <= 0)
                throw new ArgumentOutOfRangeException(name, counts[i], $"{name}[{i}] is {counts[i]}; every class count must be positive.");
    }

    // The tensor checks below compare with explicit scalars disposed after use: an implicitly converted TorchSharp
    // Scalar can be finalised by the GC while the native comparison still reads it (seen once, under load, as
    // "Unknown scalar type" from a targets.lt(0) here), and these checks run on every batch of every loss.
    /// <summary>Logits of shape [N, C] (floating point) and integer class targets of shape [N] with values in [0, C).</summary>
    public static void LogitsAndTargets(Tensor logits, Tensor targets, string logitsName = "logits", string targetsName = "targets")
    {
        NotNull(logits, logitsName);
        NotNull(targets, targetsName);
        if (logits.dim() != 2)
            throw new ArgumentException($"{logitsName} must have shape [N, C]; got [{string.Join(", ", logits.shape)}].", logitsName);
        if (!logits.is_floating_point())
            throw new ArgumentException($"{logitsName} must be a floating-point tensor; got {logits.dtype}.", logitsName);
        if (targets.dim() != 1 || targets.shape[0] != logits.shape[0])
            throw new ArgumentException(
                $"{targetsName} must have shape [{logits.shape[0]}] to match {logitsName} [{string.Join(", ", logits.shape)}]; got [{string.Join(", ", targets.shape)}].",
                targetsName);
        if (targets.dtype != ScalarType.Int64)
            throw new ArgumentException($"{targetsName} must hold class indices as int64; got {targets.dtype}.", targetsName);

        long classes = logits.shape[1];
        if (targets.shape[0] == 0) return;
        using var scope = NewDisposeScope();
        // One device-to-host read for all checks; the detailed message is only built when something is wrong.
        using var zero = 0L.ToScalar();
        using var classCount = classes.ToScalar();
        bool anyBad = logits.isnan().any().logical_or_(targets.lt(zero).any()).logical_or_(targets.ge(classCount).any()).item<bool>();
        if (!anyBad) return;
        if (logits.isnan().any().item<bool>()) throw new ArgumentException($"{logitsName} contains NaN.", logitsName);
        long min = targets.min().item<long>(), max = targets.max().item<long>();
        throw new ArgumentOutOfRangeException(targetsName,
            $"{targetsName} must lie in [0, {classes - 1}] for {classes} classes; found values from {min} to {max}.");
    }

    /// <summary>Multi-label logits of shape [N, L] (floating point, no NaN) and targets of the same shape with values in [0, 1].</summary>
    public static void MultiLabelLogitsAndTargets(Tensor logits, Tensor targets, string logitsName = "logits", string targetsName = "targets")
    {
        NotNull(logits, logitsName);
        NotNull(targets, targetsName);
        if (logits.dim() != 2)
            throw new ArgumentException($"{logitsName} must have shape [N, L] (examples, labels); got [{string.Join(", ", logits.shape)}].", logitsName);
        if (!logits.is_floating_point())
            throw new ArgumentException($"{logitsName} must be a floating-point tensor; got {logits.dtype}.", logitsName);
        if (!targets.shape.SequenceEqual(logits.shape))
            throw new ArgumentException(
                $"{targetsName} must have the shape of {logitsName} [{string.Join(", ", logits.shape)}]; got [{string.Join(", ", targets.shape)}].", targetsName);
        if (!targets.is_floating_point())
            throw new ArgumentException($"{targetsName} must be a floating-point tensor of 0/1 (or soft) labels; got {targets.dtype}.", targetsName);
        using var scope = NewDisposeScope();
        if (logits.isnan().any().item<bool>()) throw new ArgumentException($"{logitsName} contains NaN.", logitsName);
        if (AnyOutsideUnitInterval(targets))
            throw new ArgumentOutOfRangeException(targetsName, $"{targetsName} must lie in [0, 1] (no NaN).");
    }

    /// <summary>Optional per-class weights: a floating-point vector of length C, finite and non-negative.</summary>
    public static void ClassWeightTensor(Tensor? weight, long classes, string name = "weight")
    {
        if (weight is null) return;
        if (weight.dim() != 1 || weight.shape[0] != classes)
            throw new ArgumentException($"{name} must have shape [{classes}]; got [{string.Join(", ", weight.shape)}].", name);
        if (!weight.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor; got {weight.dtype}.", name);
        if (AnyNegativeOrNotFinite(weight))
            throw new ArgumentException($"{name} must be finite and non-negative.", name);
    }

    /// <summary>Whether any value is NaN or outside [0, 1] (probabilities, soft labels, likelihoods); one host read.</summary>
    public static bool AnyOutsideUnitInterval(Tensor values)
    {
        using var scope = NewDisposeScope();
        using var zero = 0.0.ToScalar();
        using var one = 1.0.ToScalar();
        return values.isnan().logical_or_(values.lt(zero)).logical_or_(values.gt(one)).any().item<bool>();
    }

    /// <summary>Whether any value is NaN, infinite or negative (weights); one host read.</summary>
    public static bool AnyNegativeOrNotFinite(Tensor values)
    {
        using var scope = NewDisposeScope();
        using var zero = 0.0.ToScalar();
        return values.isfinite().logical_not_().logical_or_(values.lt(zero)).any().item<bool>();
    }
}

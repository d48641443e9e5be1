namespace DebiasKit.Losses;

/// <summary>How <see cref="Functional.TrueClassProbability"/> turns a classifier's outputs into class probabilities.</summary>
public enum TcpNormalisation
{
    /// <summary>Softmax of the logits: the true-class probability of ConfidNet (Corbière et al. 2019) and of the BTCP paper's text.</summary>
    Softmax,

    /// <summary>
    /// BTCP's reference code (lblaoke/BTCP <c>models/*.py</c>): the outputs shifted by their row minimum and divided by
    /// their row sum, (z − min z) / Σ (z − min z). The class with the lowest output gets probability 0.
    /// </summary>
    MinShifted,
}

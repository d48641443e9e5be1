namespace DebiasKit.Training;

/// <summary>The extreme eigenvalues of a Hessian estimated by Lanczos (<see cref="HessianSpectrum.TopBottomEigenvalues"/>).</summary>
/// <param name="Top">The largest Ritz value, estimating the largest eigenvalue λ_max.</param>
/// <param name="Bottom">The smallest Ritz value, estimating the smallest eigenvalue λ_min (negative at a saddle).</param>
/// <param name="RitzValues">All k Ritz values, ascending.</param>
/// <param name="Steps">The Lanczos steps taken (Hessian-vector products).</param>
public sealed record HessianEigenvalues(double Top, double Bottom, IReadOnlyList<double> RitzValues, int Steps);

using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>Seeding, so that the same notebook gives the same numbers on every run.</summary>
public static class Seeds
{
    /// <summary>
    /// Seeds torch's global generator (model initialisation, dropout) on every device. Call it before building a
    /// model; the training loop seeds its own shuffling from <see cref="TrainOptions.Seed"/>.
    /// </summary>
    public static void Apply(int seed)
    {
        random.manual_seed(seed);
        if (cuda.is_available()) cuda.manual_seed_all(seed);
    }
}

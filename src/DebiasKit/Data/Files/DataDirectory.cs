namespace DebiasKit.Data;

/// <summary>
/// Finds the kit's data/ folder: the folder named by the environment variable DEBIASKIT_DATA when it is set,
/// otherwise the first data/ folder (one holding README.md) above the kit's own assembly or the current folder.
/// The kit reads only this folder and never downloads anything.
/// </summary>
public static class DataDirectory
{
    /// <summary>Environment variable that points the kit at another data folder.</summary>
    public const string EnvironmentVariable = "DEBIASKIT_DATA";

    /// <summary>The data folder, or an exception that says where the kit looked.</summary>
    public static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!Directory.Exists(fromEnvironment))
                throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{fromEnvironment}', which is not a folder.");
            return Path.GetFullPath(fromEnvironment);
        }
        var starts = new[] { Path.GetDirectoryName(typeof(DataDirectory).Assembly.Location), Directory.GetCurrentDirectory() };
        foreach (var start in starts)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"The kit's data/ folder was not found above '{starts[0]}' or '{starts[1]}'. Run from a clone of the kit, or set {EnvironmentVariable} to the folder.");
    }
}

namespace DebiasKit.Runner.Notebooks;

/// <summary>Where things are in the kit's repository, found from any current directory.</summary>
public sealed class Repository
{
    private Repository(string root) => Root = root;

    /// <summary>The folder that holds Notebooks.sln.</summary>
    public string Root { get; }

    /// <summary>notebooks/</summary>
    public string NotebooksFolder => Path.Combine(Root, "notebooks");

    /// <summary>The approved snapshot files.</summary>
    public string ApprovedFolder => Path.Combine(Root, "tests", "DebiasKit.Notebooks.Tests", "approved");

    /// <summary>Where runs are written by default.</summary>
    public string RunsFolder => Path.Combine(Root, "artifacts", "runs");

    /// <summary>The kit folder notebooks load DebiasKit.dll from.</summary>
    public string KitFolder => Path.Combine(Root, "artifacts", "kit");

    /// <summary>
    /// Finds the repository by walking up from <paramref name="start"/> (default: the current directory, then the
    /// runner's own folder) to the first folder that holds Notebooks.sln.
    /// </summary>
    public static Repository Find(string? start = null)
    {
        foreach (var origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (origin is null) continue;
            for (var dir = new DirectoryInfo(Path.GetFullPath(origin)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln"))) return new Repository(dir.FullName);
        }
        throw new InvalidOperationException("Could not find the DebiasKit repository (a folder with Notebooks.sln) above the current directory or the runner.");
    }

    /// <summary>A path relative to the repository root, with forward slashes (for reports and results).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/');
}

using System.Text.RegularExpressions;

namespace DebiasKit.Runner.Notebooks;

/// <summary>A notebook on disk: notebooks/&lt;family&gt;/&lt;id&gt;-&lt;slug&gt;.ipynb.</summary>
public sealed partial record NotebookFile(string Path)
{
    /// <summary>The file name without extension, for example "034-ldam-drw"; names output files.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The paper's three-digit id, for example "034"; names the approved snapshot.</summary>
    public string PaperId
    {
        get
        {
            var match = IdPattern().Match(Name);
            return match.Success ? match.Groups[1].Value : Name;
        }
    }

    /// <summary>The family folder, for example "long-tail".</summary>
    public string Family => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path)) ?? "";

    /// <summary>
    /// The notebooks named by <paramref name="paths"/> (files or folders searched recursively), sorted by path so that
    /// every run and every shard sees the same order. Checkpoint folders are skipped.
    /// </summary>
    public static IReadOnlyList<NotebookFile> Discover(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            var path = System.IO.Path.GetFullPath(raw);
            if (File.Exists(path))
            {
                if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"'{raw}' is not a .ipynb notebook.");
                found.Add(path);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories))
                    if (!file.Contains(".ipynb_checkpoints", StringComparison.Ordinal)) found.Add(file);
            }
            else throw new ArgumentException($"'{raw}' is neither a notebook nor a folder.");
        }
        return found.Select(p => new NotebookFile(p)).ToList();
    }

    /// <summary>Keeps shard k of n (1-based k): every n-th notebook starting at the k-th.</summary>
    public static IReadOnlyList<NotebookFile> Shard(IReadOnlyList<NotebookFile> notebooks, int k, int n)
    {
        if (n < 1 || k < 1 || k > n) throw new ArgumentException($"shard must be k/n with 1 ≤ k ≤ n; got {k}/{n}.");
        return notebooks.Where((_, i) => i % n == k - 1).ToList();
    }

    [GeneratedRegex(@"^(\d{3})(-|$)")]
    private static partial Regex IdPattern();
}

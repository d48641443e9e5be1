namespace DebiasKit.Runner.Execution;

/// <summary>Settings of one run of the runner.</summary>
public sealed record RunOptions
{
    /// <summary>"ci" (default) or "full": injected as the notebook's profile parameter.</summary>
    public string Profile { get; init; } = "ci";

    /// <summary>Further parameter overrides, name and value as typed on the command line.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Where executed notebooks, results and the report go.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Notebooks run at the same time.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Torch threads per notebook.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Hard limit per notebook (the worker is killed).</summary>
    public TimeSpan NotebookTimeout { get; init; }

    /// <summary>Hard limit per cell.</summary>
    public TimeSpan CellTimeout { get; init; }

    /// <summary>Print each cell as it finishes.</summary>
    public bool Verbose { get; init; } = true;

    /// <summary>Write the HTML report.</summary>
    public bool WriteReport { get; init; } = true;

    /// <summary>The default limits of a profile: ci notebooks must finish in 30 s, so 90 s is a hard stop.</summary>
    public static (TimeSpan Notebook, TimeSpan Cell) DefaultTimeouts(string profile) => profile == "full"
        ? (TimeSpan.FromHours(6), TimeSpan.FromHours(3))
        : (TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60));
}

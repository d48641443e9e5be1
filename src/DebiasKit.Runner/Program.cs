using System.CommandLine;
using DebiasKit.Runner.Cli;
using DebiasKit.Runner.Execution;

// DebiasKit.Runner: run | list | approve | catalog | new | record (and the internal `worker` verb a run starts per notebook).
if (args.Length > 0 && args[0] == "worker") return await WorkerHost.RunAsync();

var root = new RootCommand("Runs DebiasKit notebooks headlessly: executed notebooks, results files and an HTML report.")
{
    RunCommand.Create(),
    ListCommand.Create(),
    ApproveCommand.Create(),
    CatalogCommand.Create(),
    NewCommand.Create(),
    RecordCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

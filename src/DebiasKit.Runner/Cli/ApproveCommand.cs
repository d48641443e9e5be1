using System.CommandLine;
using DebiasKit.Runner.Notebooks;

namespace DebiasKit.Runner.Cli;

/// <summary>`approve &lt;id&gt;...`: promotes received snapshots to approved ones after a deliberate change.</summary>
public static class ApproveCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ids") { Description = "Paper ids, for example 034.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Approve every received snapshot." };
        var command = new Command("approve", "Promote tests/DebiasKit.Notebooks.Tests/approved/<id>.received.json to <id>.approved.json.") { ids, all };
        command.SetAction(result =>
        {
            var repository = Repository.Find();
            var folder = repository.ApprovedFolder;
            var chosen = result.GetValue(all)
                ? Directory.GetFiles(folder, "*.received.json").Select(f => Path.GetFileName(f)[..^".received.json".Length]).ToArray()
                : result.GetValue(ids) ?? [];
            if (chosen.Length == 0)
            {
                Console.Error.WriteLine("Nothing to approve: name paper ids or pass --all.");
                return 2;
            }
            int missing = 0;
            foreach (var id in chosen)
            {
                var received = Path.Combine(folder, id + ".received.json");
                if (!File.Exists(received))
                {
                    Console.Error.WriteLine($"{id}: no received snapshot ({Path.GetRelativePath(repository.Root, received)}); run the notebook tests first.");
                    missing++;
                    continue;
                }
                File.Move(received, Path.Combine(folder, id + ".approved.json"), overwrite: true);
                Console.WriteLine($"{id}: approved.");
            }
            return missing == 0 ? 0 : 1;
        });
        return command;
    }
}

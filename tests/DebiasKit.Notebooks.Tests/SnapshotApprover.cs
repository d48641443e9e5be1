using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTests.Core;
using DebiasKit.Runner.Results;

namespace DebiasKit.Notebooks.Tests;

/// <summary>
/// ApprovalTests' approved/received workflow for notebook results, with the comparison of
/// <see cref="Snapshot.Compare"/>: numbers agree within the precision each metric declares. A mismatch (or a missing
/// approved file) writes approved/&lt;id&gt;.received.json beside the approved file and fails with the differences;
/// `DebiasKit.Runner approve &lt;id&gt;` promotes it after a deliberate change.
/// </summary>
public sealed class SnapshotApprover(string approvedFolder, string id, JsonObject received) : IApprovalApprover
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private IReadOnlyList<string> differences = [];

    public string ApprovedPath => Path.Combine(approvedFolder, id + ".approved.json");

    public string ReceivedPath => Path.Combine(approvedFolder, id + ".received.json");

    public bool Approve()
    {
        if (!File.Exists(ApprovedPath))
        {
            differences = [$"no approved snapshot {Path.GetFileName(ApprovedPath)} yet"];
            return false;
        }
        var approved = (JsonObject)JsonNode.Parse(File.ReadAllText(ApprovedPath))!;
        differences = Snapshot.Compare(approved, received);
        return differences.Count == 0;
    }

    public void Fail()
    {
        File.WriteAllText(ReceivedPath, received.ToJsonString(Indented) + "\n");
        throw new SnapshotMismatchException(
            $"Results of {id} differ from {Path.GetFileName(ApprovedPath)}:\n  - {string.Join("\n  - ", differences)}\n" +
            $"The received results are in {ReceivedPath}. If the change is deliberate, approve it with:\n" +
            $"  dotnet run --project src/DebiasKit.Runner -- approve {id}");
    }

    public void ReportFailure(IApprovalFailureReporter reporter) => reporter.Report(ApprovedPath, ReceivedPath);

    public void CleanUpAfterSuccess(IApprovalFailureReporter reporter)
    {
        if (File.Exists(ReceivedPath)) File.Delete(ReceivedPath);
    }

    /// <summary>The normalised snapshot written as the approved file would be.</summary>
    public static string Text(JsonObject snapshot) => snapshot.ToJsonString(Indented) + "\n";
}

public sealed class SnapshotMismatchException(string message) : Exception(message);

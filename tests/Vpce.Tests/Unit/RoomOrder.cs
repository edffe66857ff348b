using System.Text.RegularExpressions;

namespace Vpce.Tests.Unit;

/// <summary>The rooms of src/Operator in the one direction they may import (docs/architecture.md): a room imports only
/// rooms before it. The reconcile's rooms are Model → Observe → Diff → Apply → Export → Status → Controllers; the runtime's
/// metrics and the controller runtime sit before Observe (Observe's snapshot waits on the runtime's clock), the adapters
/// after Controllers, then Hosting and the demo.</summary>
public static partial class RoomOrder
{
    public static readonly IReadOnlyList<string> Rooms =
        ["Model", "Observability", "Runtime", "Observe", "Diff", "Apply", "Export", "Status", "Controllers", "Aws", "Kube", "Hosting", "Demo"];

    /// <summary>"file: Room imports Later" for every import of a room that comes later in the line, or the same level's
    /// other room (the adapters Aws and Kube do not import each other).</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<(string Room, string File, string Text)> files)
    {
        var violations = new List<string>();
        foreach (var (room, file, text) in files)
        {
            var position = Position(room);
            foreach (var imported in Imported(text).Where(r => r != room && Rooms.Contains(r)).Distinct())
            {
                if (Position(imported) >= position)
                {
                    violations.Add($"{file}: {room} imports {imported}");
                }
            }
        }
        return violations;
    }

    /// <summary>The rooms a source text names: its usings and fully qualified names (Vpce.Operator.Room.Type).</summary>
    public static IEnumerable<string> Imported(string text) =>
        OperatorNamespace().Matches(text).Select(m => m.Groups[1].Value);

    // Aws and Kube are one level: adapters.
    private static int Position(string room) => room == "Kube" ? Rooms.IndexOf("Aws") : Rooms.IndexOf(room);

    private static int IndexOf(this IReadOnlyList<string> list, string item) => list.ToList().IndexOf(item);

    [GeneratedRegex(@"\bVpce\.Operator\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex OperatorNamespace();
}

using Vpce.Operator.Model;

namespace Vpce.Operator.Export;

/// <summary>What the export phase did: the Exported condition (null: remove it, export is off), the ConfigMap the status
/// records as the operator's own (null: none), and the Normal events it decided on.</summary>
public sealed record ExportResult(bool? Ok, string Reason, string Message, string? ExportedConfigMap)
{
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
}

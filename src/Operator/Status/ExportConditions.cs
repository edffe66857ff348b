using Vpce.Crds;
using Vpce.Operator.Export;

namespace Vpce.Operator.Status;

/// <summary>The Exported condition and status.exportedConfigMap from the export phase, pure: a Warning when it turns False or
/// says something else (a ConfigMap of that name the object does not own, a refused write), none while export is off.</summary>
public static class ExportConditions
{
    public static void Record(StatusConditions c, VpcEndpointStatus status, ExportResult? export)
    {
        if (export is null)
        {
            return;
        }
        c.Add(export.Notes);
        status.ExportedConfigMap = export.ExportedConfigMap;
        if (export.Ok is not { } ok)
        {
            c.Remove(ConditionTypes.Exported);
            return;
        }
        c.SetCheck(ConditionTypes.Exported, ok, export.Reason, export.Message);
    }
}

namespace Vpce.Operator.Observability;

/// <summary>The result label of vpce_reconcile_total.</summary>
public static class ReconcileOutcomes
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Requeue = "requeue";
}

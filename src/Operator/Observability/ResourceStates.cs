namespace Vpce.Operator.Observability;

/// <summary>The state label of vpce_resources.</summary>
public static class ResourceStates
{
    public const string Ready = "ready";
    public const string NotReady = "not_ready";
    public const string Drifted = "drifted";
}

namespace Vpce.Simulation.Aws;

/// <summary>Where a new endpoint of a service ends up once its pending time is over.</summary>
public enum EndpointOutcome
{
    Available,
    /// <summary>The service owner must accept it (AWS reports pendingAcceptance).</summary>
    PendingAcceptance,
    Failed,
    Rejected,
}

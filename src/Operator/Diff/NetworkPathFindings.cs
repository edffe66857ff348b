namespace Vpce.Operator.Diff;

/// <summary>What the network-path checks found for one endpoint; a null finding leaves its condition as it was (what it
/// needs could not be read, or the check does not apply).</summary>
public sealed record NetworkPathFindings(bool IsGateway)
{
    /// <summary>Gateway: RoutesCovered and status.subnetCoverage.</summary>
    public RoutesFinding? Routes { get; init; }
    /// <summary>Interface, private DNS on: DnsSupported.</summary>
    public CheckFinding? Dns { get; init; }
    /// <summary>Interface: HttpsAllowed.</summary>
    public CheckFinding? Https { get; init; }
    /// <summary>Interface: NetworkAclAllows.</summary>
    public CheckFinding? Acls { get; init; }
}

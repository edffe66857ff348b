using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class VpcEndpointStatus : IResourceStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    /// <summary>The AWS account the object acts in.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("endpointId")] public string? EndpointId { get; set; }
    [JsonPropertyName("state")] public string? State { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("vpcId")] public string? VpcId { get; set; }
    [JsonPropertyName("serviceName")] public string? ServiceName { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("routeTableIds")] public List<string> RouteTableIds { get; set; } = new();
    [JsonPropertyName("subnetIds")] public List<string> SubnetIds { get; set; } = new();
    [JsonPropertyName("securityGroupIds")] public List<string> SecurityGroupIds { get; set; } = new();
    [JsonPropertyName("networkInterfaceIds")] public List<string> NetworkInterfaceIds { get; set; } = new();
    [JsonPropertyName("dnsEntries")] public List<DnsEntry> DnsEntries { get; set; } = new();
    [JsonPropertyName("prefixListId")] public string? PrefixListId { get; set; }
    [JsonPropertyName("managedRouteTableIds")] public List<string> ManagedRouteTableIds { get; set; } = new();
    [JsonPropertyName("managedSubnetIds")] public List<string> ManagedSubnetIds { get; set; } = new();
    [JsonPropertyName("managedSecurityGroupIds")] public List<string> ManagedSecurityGroupIds { get; set; } = new();
    [JsonPropertyName("managedTagKeys")] public List<string> ManagedTagKeys { get; set; } = new();
    [JsonPropertyName("skippedSubnetIds")] public List<string> SkippedSubnetIds { get; set; } = new();
    /// <summary>Gateway: for the subnets the spec names (every subnet of the VPC when it names none), whether their route
    /// table takes the endpoint.</summary>
    [JsonPropertyName("subnetCoverage")] public List<SubnetCoverage> SubnetCoverage { get; set; } = new();
    /// <summary>The create or delete EC2's reads have not shown yet (<see cref="Crds.UnconfirmedCall"/>).</summary>
    [JsonPropertyName("unconfirmedCall")] public UnconfirmedCall? UnconfirmedCall { get; set; }
    [JsonPropertyName("lastSyncTime")] public DateTimeOffset? LastSyncTime { get; set; }
    [JsonPropertyName("exportedConfigMap")] public string? ExportedConfigMap { get; set; }
    [JsonPropertyName("policyFindings")] public List<string> PolicyFindings { get; set; } = new();
    [JsonPropertyName("plannedChanges")] public List<string> PlannedChanges { get; set; } = new();
    [JsonPropertyName("drift")] public List<DriftEntry> Drift { get; set; } = new();
    [JsonPropertyName("conditions")] public List<Condition> Conditions { get; set; } = new();

    /// <summary>A new status holding this one's values, its lists the same instances (a status builder replaces a list, never
    /// changes one it did not make): no list allocated only to be replaced, and every property copied, a new one too.</summary>
    public VpcEndpointStatus SharingValues() => (VpcEndpointStatus)MemberwiseClone();
}

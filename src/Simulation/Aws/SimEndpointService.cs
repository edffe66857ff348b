namespace Vpce.Simulation.Aws;

/// <summary>A service offered for endpoints in one region, and how endpoints to it behave.</summary>
internal sealed class SimEndpointService(string serviceName, string shortName, IReadOnlyList<string> types, string? privateDnsName, string? prefixListId,
    bool policySupported = true, string owner = SimEndpointService.Amazon)
{
    public string ServiceName { get; } = serviceName;
    /// <summary>The part after com.amazonaws.REGION., used in DNS names.</summary>
    public string ShortName { get; } = shortName;
    /// <summary>Interface and/or Gateway.</summary>
    public IReadOnlyList<string> Types { get; } = types;
    /// <summary>The Interface private DNS name (ssm.eu-west-1.amazonaws.com), null if none.</summary>
    public string? PrivateDnsName { get; } = privateDnsName;
    /// <summary>The AWS-managed prefix list of the Gateway flavour, null if the service has no Gateway type.</summary>
    public string? PrefixListId { get; } = prefixListId;
    /// <summary>Availability zones the service is offered in; null for every zone of the region.</summary>
    public IReadOnlyList<string>? AvailabilityZones { get; set; }
    public EndpointOutcome Outcome { get; set; } = EndpointOutcome.Available;
    /// <summary>VpcEndpointPolicySupported: false for a service that ignores endpoint policies.</summary>
    public bool PolicySupported { get; } = policySupported;
    /// <summary>DescribeVpcEndpointServices' Owner: amazon for AWS's services, the provider's account for a vpce-svc one.</summary>
    public string Owner { get; } = owner;

    public const string Amazon = "amazon";
}

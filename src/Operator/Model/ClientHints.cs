using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>What spec.export writes for workloads, so they use the endpoint's region and URL instead of defaulting to
/// us-east-1: AWS_REGION (and AWS_DEFAULT_REGION, which the AWS CLI v1 and boto3 read), the SDKs' service-specific
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt; (<see cref="SdkEndpointVariables"/>) and VPC_ENDPOINT_ID. Pure.</summary>
public static class ClientHints
{
    public const string RegionKey = "AWS_REGION";
    public const string DefaultRegionKey = "AWS_DEFAULT_REGION";
    public const string EndpointIdKey = "VPC_ENDPOINT_ID";

    /// <summary>The ConfigMap's data, or null while the endpoint has no DNS name to point at yet.</summary>
    /// <param name="servicePrivateDnsName">The service's private DNS name (DescribeVpcEndpointServices), when known.</param>
    public static IReadOnlyDictionary<string, string>? Data(string region, string serviceName, AwsEndpoint endpoint, string? servicePrivateDnsName)
    {
        var url = EndpointUrl(region, serviceName, endpoint, servicePrivateDnsName);
        return url is null ? null : new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [RegionKey] = region,
            [DefaultRegionKey] = region,
            [SdkEndpointVariables.For(serviceName)] = url,
            [EndpointIdKey] = endpoint.VpcEndpointId,
        };
    }

    /// <summary>A gateway endpoint carries the service's own regional hostname (its routes do the rest); an interface
    /// endpoint with private DNS the service's name as private DNS resolves it; without private DNS, the endpoint's regional
    /// DNS name (the shortest of its names under vpce.amazonaws.com: the zonal ones add the zone; when none has that form,
    /// as moto names them, the shortest name given). "*." of S3's names is left out: the SDKs put the bucket in front.</summary>
    public static string? EndpointUrl(string region, string serviceName, AwsEndpoint endpoint, string? servicePrivateDnsName)
    {
        var regionalHost = $"{ServiceNames.ShortName(serviceName)}.{region}.{DnsSuffix(region)}";
        if (endpoint.Type.Equals(Vpce.Crds.EndpointTypes.Gateway, StringComparison.OrdinalIgnoreCase))
        {
            return "https://" + regionalHost;
        }
        if (endpoint.PrivateDnsEnabled)
        {
            return "https://" + (servicePrivateDnsName is { Length: > 0 } name ? WithoutWildcard(name) : regionalHost);
        }
        var names = endpoint.DnsEntries.Select(d => WithoutWildcard(d.DnsName)).ToList();
        var regional = names.Where(n => n.EndsWith(".vpce." + DnsSuffix(region), StringComparison.Ordinal)).ToList();
        var own = (regional.Count > 0 ? regional : names)
            .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();
        return own is null ? null : "https://" + own;
    }

    private static string WithoutWildcard(string dnsName) => dnsName.StartsWith("*.", StringComparison.Ordinal) ? dnsName[2..] : dnsName;

    private static string DnsSuffix(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}

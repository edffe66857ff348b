using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Which companions of an endpoint exist in its VPC, whoever made them. Pure.</summary>
public static class CompanionCheck
{
    /// <summary>One report per set the endpoint's service depends on (none for a service outside every set).
    /// <paramref name="vpcEndpoints"/> are the VPC's endpoints; one counts while it is pending or available.</summary>
    public static IReadOnlyList<CompanionReport> Check(string region, string serviceName, string type, IEnumerable<AwsEndpoint> vpcEndpoints)
    {
        var sets = CompanionSets.DependedOnBy(ServiceNames.ShortName(serviceName), type);
        if (sets.Count == 0)
        {
            return [];
        }
        var usable = vpcEndpoints.Where(IsUsable).ToList();
        return sets.Select(set =>
        {
            var present = new List<(CompanionService, string)>();
            var missing = new List<CompanionService>();
            foreach (var member in set.Members)
            {
                var found = usable
                    .Where(e => Serves(e, region, member))
                    .OrderBy(e => e.VpcEndpointId, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (found is null)
                {
                    missing.Add(member);
                }
                else
                {
                    present.Add((member, found.VpcEndpointId));
                }
            }
            return new CompanionReport(set, present, missing);
        }).ToList();
    }

    /// <summary>True when <paramref name="vpcEndpoints"/> hold every companion the endpoint's service depends on (or it
    /// depends on none): the reader's test of whether the VPC's other endpoints need reading, before the one check.</summary>
    public static bool Covers(string region, string serviceName, string type, IEnumerable<AwsEndpoint> vpcEndpoints)
    {
        var usable = vpcEndpoints.Where(IsUsable).ToList();
        return CompanionSets.DependedOnBy(ServiceNames.ShortName(serviceName), type)
            .All(set => set.Members.All(member => usable.Any(e => Serves(e, region, member))));
    }

    private static bool IsUsable(AwsEndpoint endpoint) => endpoint.State is EndpointStates.Available or EndpointStates.Pending;

    private static bool Serves(AwsEndpoint endpoint, string region, CompanionService member) =>
        endpoint.ServiceName == $"com.amazonaws.{region}.{member.ShortName}" && IsType(endpoint, member.Type);

    // moto leaves the type out of some answers; an endpoint of the service without a type is taken as the one asked for.
    private static bool IsType(AwsEndpoint endpoint, string type) =>
        endpoint.Type.Length == 0 || string.Equals(endpoint.Type, type, StringComparison.OrdinalIgnoreCase);
}

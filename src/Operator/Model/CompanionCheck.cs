using System.Collections.Concurrent;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Which companions of an endpoint exist in its VPC, whoever made them. Pure.</summary>
public static class CompanionCheck
{
    // Full service names per region and member: a handful, and asked for on every reconcile of a dependent.
    private static readonly ConcurrentDictionary<(string Region, string ShortName), string> FullNames = new();

    /// <summary>One report per set the endpoint's service depends on (none for a service outside every set).
    /// <paramref name="vpcEndpoints"/> are the VPC's endpoints; one counts while it is pending or available. Given a
    /// <see cref="VpcEndpointSet"/>, the answer is the set's, found once for all its dependents.</summary>
    public static IReadOnlyList<CompanionReport> Check(string region, string serviceName, string type, IEnumerable<AwsEndpoint> vpcEndpoints)
    {
        if (CompanionSets.DependedOnBy(ServiceNames.ShortName(serviceName), type).Count == 0)
        {
            return [];
        }
        return vpcEndpoints is VpcEndpointSet set
            ? set.Reports(region, serviceName, type, static (asked, s) => Compute(asked.Region, asked.ServiceName, asked.Type, s))
            : Compute(region, serviceName, type, VpcEndpointSet.Of(vpcEndpoints));
    }

    private static List<CompanionReport> Compute(string region, string serviceName, string type, VpcEndpointSet endpoints) =>
        CompanionSets.DependedOnBy(ServiceNames.ShortName(serviceName), type).Select(set =>
        {
            var present = new List<(CompanionService, string)>();
            var missing = new List<CompanionService>();
            foreach (var member in set.Members)
            {
                var found = endpoints.FirstUsable(FullNames.GetOrAdd((region, member.ShortName), static k => $"com.amazonaws.{k.Region}.{k.ShortName}"), member.Type);
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

    // moto leaves the type out of some answers; an endpoint of the service without a type is taken as the one asked for.
    internal static bool IsType(AwsEndpoint endpoint, string type) =>
        endpoint.Type.Length == 0 || string.Equals(endpoint.Type, type, StringComparison.OrdinalIgnoreCase);
}

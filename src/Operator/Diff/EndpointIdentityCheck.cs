using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Diff;

/// <summary>The one identity check, used alike before a create, on adoption and on every change: the fields fixed at
/// creation (region, VPC, service, type) and whose endpoint it is (its ownership tags).</summary>
public static class EndpointIdentityCheck
{
    /// <summary>Fields fixed at creation on which <paramref name="wanted"/> and <paramref name="existing"/> differ.
    /// A VpcId either side does not know yet is no difference.</summary>
    public static IReadOnlyList<ImmutableViolation> Compare(EndpointIdentity wanted, EndpointIdentity existing)
    {
        if (wanted.Region == existing.Region && (wanted.VpcId is null || existing.VpcId is null || wanted.VpcId == existing.VpcId)
            && wanted.ServiceName == existing.ServiceName && string.Equals(wanted.Type, existing.Type, StringComparison.OrdinalIgnoreCase))
        {
            // Asked on every reconcile, and nearly always so: nothing to allocate.
            return [];
        }
        var violations = new List<ImmutableViolation>();
        if (wanted.Region != existing.Region)
        {
            violations.Add(new("region", wanted.Region, existing.Region));
        }
        if (wanted.VpcId is not null && existing.VpcId is not null && wanted.VpcId != existing.VpcId)
        {
            violations.Add(new("vpcId", wanted.VpcId, existing.VpcId));
        }
        if (wanted.ServiceName != existing.ServiceName)
        {
            violations.Add(new("serviceName", wanted.ServiceName, existing.ServiceName));
        }
        if (!string.Equals(wanted.Type, existing.Type, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new("type", wanted.Type, existing.Type));
        }
        return violations;
    }

    /// <summary>The identity the status recorded of the endpoint made or adopted earlier; null before there was one.</summary>
    public static EndpointIdentity? Recorded(VpcEndpointStatus? status) =>
        status is { EndpointId: not null, Region: { } region, ServiceName: { } service, Type: { } type }
            ? new EndpointIdentity(region, service, type, status.VpcId)
            : null;

    public static EndpointIdentity Of(DesiredEndpoint desired) => new(desired.Region, desired.ServiceName, desired.Type, desired.VpcId);

    public static EndpointIdentity Of(AwsEndpoint endpoint, string region) => new(region, endpoint.ServiceName, endpoint.Type, endpoint.VpcId);

    /// <summary>Another object's owner when the endpoint's ownership tags name one; null when the endpoint carries none
    /// (it may be adopted) or names <paramref name="self"/> exactly.</summary>
    public static EndpointOwner? ForeignOwner(IReadOnlyDictionary<string, string> tags, EndpointOwner self) =>
        OwnershipTags.OwnerOf(tags) is { } owner && owner != self ? owner : null;
}

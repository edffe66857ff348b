using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Diff;

/// <summary>The one identity check, used alike before a create, on adoption and on every change: the fields fixed at
/// creation (region, VPC, service, type) and whose endpoint it is (its ownership tags; an endpoint with none is adopted
/// only when its owner tagged it vpce.io/adoptable=true).</summary>
public static class EndpointIdentityCheck
{
    /// <summary>The check a reconcile makes once, after its read: <paramref name="wanted"/> against the identity the status
    /// recorded of the endpoint made earlier (a spec may not move it), then the endpoint found: another object's is never
    /// touched, and one made for another VPC, service or type is not adopted (<paramref name="adopting"/>) nor changed.</summary>
    public static IdentityProblem? Check(EndpointIdentity wanted, VpcEndpointStatus? status, AwsEndpoint? found, EndpointOwner self, bool adopting)
    {
        if (Recorded(status) is { } recorded && Compare(wanted, recorded) is { Count: > 0 } moved)
        {
            return new(ReadyReasons.ImmutableFieldChanged,
                $"{string.Join("; ", moved)}; the endpoint {status!.EndpointId} on AWS is left as it is (create a new object to change these)", KeepReady: true);
        }
        if (found is null)
        {
            return null;
        }
        if (OwnershipTags.ForeignOwner(found.Tags, self) is { } owner)
        {
            return new(ReadyReasons.AdoptionConflict, adopting
                ? $"spec.endpointId: {found.VpcEndpointId} is owned by {owner}; it is not adopted and nothing on it is changed"
                : $"endpoint {found.VpcEndpointId} is now owned by {owner}; the operator leaves it alone", KeepReady: false);
        }
        if (Compare(wanted, Of(found, wanted.Region)) is not { Count: > 0 } violations)
        {
            // An endpoint made outside the operator is adopted only when its owner opted in.
            return adopting && OwnershipTags.OwnerOf(found.Tags) is null && !OwnershipTags.OptedIn(found.Tags)
                ? new(ReadyReasons.AdoptionConflict,
                    $"spec.endpointId: {found.VpcEndpointId} carries no ownership tags and not the tag {OwnershipTags.Adoptable}=true, " +
                    $"which its owner sets to let an object adopt it; it is not adopted and nothing on it is changed", KeepReady: false)
                : null;
        }
        return adopting
            ? new(ReadyReasons.AdoptionConflict,
                $"spec.endpointId: {found.VpcEndpointId} is a {found.Type} endpoint for {found.ServiceName} in {found.VpcId}; " +
                $"the spec asks for a {wanted.Type} endpoint for {wanted.ServiceName} in {wanted.VpcId}; it is not adopted", KeepReady: false)
            : new(ReadyReasons.ImmutableFieldChanged,
                $"{string.Join("; ", violations)}; the endpoint {found.VpcEndpointId} on AWS is left as it is", KeepReady: true);
    }

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
}

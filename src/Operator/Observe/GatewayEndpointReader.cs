using Vpce.Crds;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>What <see cref="Model.PrivateDnsRule"/> needs before private DNS is turned on: whether the region offers the
/// service as a Gateway endpoint too (the catalog, read once an hour), and whether the VPC has one. This cluster's own
/// endpoints come first (the owned read, current with the operator's own creates); only without one there is the VPC's
/// read of other tools' endpoints made. Never writes.</summary>
public sealed class GatewayEndpointReader(EndpointSnapshot snapshot, RegionCatalog catalog)
{
    public async Task<bool> ServiceOffersGatewayAsync(string region, string serviceName, CancellationToken ct) =>
        await catalog.GetServiceAsync(region, serviceName, EndpointTypes.Gateway, ct) is not null;

    /// <summary>True when the VPC has a pending or available Gateway endpoint of the service, whoever made it.</summary>
    public async Task<bool> VpcHasGatewayAsync(string region, string vpcId, string serviceName, CancellationToken ct)
    {
        return (await snapshot.OwnedInVpcAsync(region, vpcId, ct)).Any(e => IsUsableGateway(e, serviceName))
            || (await snapshot.VpcEndpointsAsync(region, vpcId, ct)).Any(e => IsUsableGateway(e, serviceName));
    }

    private static bool IsUsableGateway(AwsEndpoint endpoint, string serviceName) =>
        endpoint.ServiceName == serviceName && string.Equals(endpoint.Type, EndpointTypes.Gateway, StringComparison.OrdinalIgnoreCase)
        && endpoint.State is EndpointStates.Available or EndpointStates.Pending;
}

using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

public sealed class ResilientStsApi(IStsApi inner, AwsCallGuard guard) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        guard.CallAsync(region, "sts", "GetCallerIdentity", AwsActionClass.Other, t => inner.GetCallerIdentityAsync(region, t), ct);

    public Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct) =>
        guard.CallAsync(region, "sts", "AssumeRole", AwsActionClass.Other, t => inner.AssumeRoleAsync(region, request, t), ct);
}

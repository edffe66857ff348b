using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>STS with a session's credentials (<see cref="SessionApis"/>): GetCallerIdentity answers the assumed role, and
/// AssumeRole is role chaining.</summary>
internal sealed class SessionSts(SessionApis session) : IStsApi
{
    public async Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        await session.For("sts").Sts.GetCallerIdentityAsync(region, ct).ConfigureAwait(false);

    public async Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct) =>
        await session.For("sts").Sts.AssumeRoleAsync(region, request, ct).ConfigureAwait(false);
}

using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingStsApi(IStsApi inner, CrashSwitch crash) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.GetCallerIdentityAsync(region, ct));

    public Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.AssumeRoleAsync(region, request, ct));
}

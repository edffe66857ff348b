using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingStsApi(IStsApi inner, CrashSwitch crash) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.GetCallerIdentityAsync(region, ct));
}

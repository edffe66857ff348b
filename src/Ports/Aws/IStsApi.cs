namespace Vpce.Ports.Aws;

public interface IStsApi
{
    Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct);
}

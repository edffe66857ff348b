using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The operator's own identity, asked of STS once per start (it does not change while the process runs);
/// a failed ask is asked again next time.</summary>
public sealed class CallerIdentityCache(IStsApi sts, string region)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CallerIdentity? _identity;

    public async Task<CallerIdentity> GetAsync(CancellationToken ct)
    {
        if (_identity is { } known)
        {
            return known;
        }
        await _gate.WaitAsync(ct);
        try
        {
            return _identity ??= await sts.GetCallerIdentityAsync(region, ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

internal sealed class SimulatedSts(SimulatedWorld world, AwsCallGate gate) : IStsApi
{
    public async Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct)
    {
        await gate.PassAsync("sts:GetCallerIdentity", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
            return world.Caller;
    }

    // Replaced by the simulated accounts (trust, External ID, credentials acting in the role's account).
    public Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct) =>
        throw new NotSupportedException("the simulator has one account so far");
}

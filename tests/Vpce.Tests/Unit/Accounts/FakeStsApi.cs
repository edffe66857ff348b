using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>STS of one <see cref="FakeAwsApis"/> view: its own identity (null credentials) or the credentials it acts with,
/// asked at every request as the SDK adapter asks its refreshing credentials.</summary>
public sealed class FakeStsApi(FakeAwsApis world, Func<AwsSessionCredentials>? credentials) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        Task.FromResult(world.IdentityOf(credentials?.Invoke()));

    public Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct) =>
        world.AnswerAsync(region, request, credentials?.Invoke(), ct);
}

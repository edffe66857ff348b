using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Vpce.Ports.Aws;
using AssumeRoleRequest = Amazon.SecurityToken.Model.AssumeRoleRequest;

namespace Vpce.Operator.Aws.Sdk;

public sealed class SdkStsApi(SdkClients<IAmazonSecurityTokenService> clients) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        SdkErrors.Call("GetCallerIdentity", async () =>
        {
            var response = await clients.For(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
            return new CallerIdentity(response.Account, response.Arn, response.UserId);
        }, ct);

    public Task<AssumedRole> AssumeRoleAsync(string region, Vpce.Ports.Aws.AssumeRoleRequest request, CancellationToken ct) =>
        SdkErrors.Call("AssumeRole", async () =>
        {
            var response = await clients.For(region).AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = request.RoleArn,
                RoleSessionName = request.SessionName,
                ExternalId = request.ExternalId,
                DurationSeconds = (int)request.Duration.TotalSeconds,
                Tags = request.SessionTags is { Count: > 0 } tags
                    ? tags.Select(t => new Amazon.SecurityToken.Model.Tag { Key = t.Key, Value = t.Value }).ToList()
                    : null,
            }, ct);
            var credentials = response.Credentials;
            return new AssumedRole(
                new AwsSessionCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken,
                    new DateTimeOffset(DateTime.SpecifyKind(credentials.Expiration ?? DateTime.UtcNow, DateTimeKind.Utc))),
                response.AssumedRoleUser.Arn, response.AssumedRoleUser.AssumedRoleId);
        }, ct);
}

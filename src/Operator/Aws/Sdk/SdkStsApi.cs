using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

public sealed class SdkStsApi(SdkClients<IAmazonSecurityTokenService> clients) : IStsApi
{
    public Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct) =>
        SdkErrors.Call("GetCallerIdentity", async () =>
        {
            var response = await clients.For(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
            return new CallerIdentity(response.Account, response.Arn, response.UserId);
        }, ct);
}

using Amazon.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>SDK credentials that ask the operator's credential cache before every request: the cache refreshes an assumed
/// role before it expires, and the clients built on these never hold a stale session.</summary>
internal sealed class DelegatedCredentials(Func<AwsSessionCredentials> current) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
    {
        var credentials = current();
        return new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
}

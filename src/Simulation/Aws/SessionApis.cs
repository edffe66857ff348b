using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// The ports acting with credentials STS issued (<see cref="AwsSimulator.ActingAs"/>): each call asks for the credentials
/// first, as the SDK signs each request with the provider's current ones, authenticates them as the call's service does
/// (<see cref="AuthenticationErrors"/>), and is then made by the session's account's ports as the session. A refused
/// call reaches no account, so no account counts it.
/// </summary>
internal sealed class SessionApis : IAwsApis
{
    private readonly AwsAccounts _accounts;
    private readonly TimeProvider _time;
    private readonly Func<AwsSessionCredentials> _credentials;

    public SessionApis(AwsAccounts accounts, TimeProvider time, Func<AwsSessionCredentials> credentials)
    {
        _accounts = accounts;
        _time = time;
        _credentials = credentials;
        Ec2 = new SessionEc2(this);
        S3 = new SessionS3(this);
        Sts = new SessionSts(this);
    }

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    /// <summary>Role chaining: the other session's credentials are authenticated on their own, whoever asked for them.</summary>
    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new SessionApis(_accounts, _time, credentials);

    /// <summary>The session's account's ports as the session, or the service's refusal of the credentials.</summary>
    internal IAwsApis For(string service) => _accounts.Authenticate(_credentials(), service, _time.GetUtcNow()).Ports;
}

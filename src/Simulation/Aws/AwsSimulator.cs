using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// An in-memory AWS account behind the operator's AWS ports, on a (virtual) <see cref="TimeProvider"/>. Build the
/// account with <see cref="World"/>, change it behind the operator's back with <see cref="Tamper"/>, break it with
/// <see cref="Faults"/>, and count the calls with <see cref="Calls"/>. Thread-safe.
/// The simulator made with the constructor is the home account (<see cref="DemoAccount.AccountId"/>); <see cref="AddAccount"/>
/// adds peers, each with its own world, calls, faults and throttling buckets (AWS's limits are per account and region), that
/// share the time, the options, S3's bucket names and STS's sessions. <see cref="ActingAs"/> acts with a session's
/// credentials in the account of the role it assumed.
/// </summary>
public sealed class AwsSimulator : IAwsApis
{
    private readonly AwsCallGate _gate;
    private readonly AwsAccounts _accounts;

    public AwsSimulator(TimeProvider? time = null, AwsSimulatorOptions? options = null)
        : this(time ?? TimeProvider.System, options ?? new AwsSimulatorOptions(), DemoAccount.AccountId, accounts: null)
    {
    }

    private AwsSimulator(TimeProvider time, AwsSimulatorOptions options, string accountId, AwsAccounts? accounts)
    {
        Time = time;
        Options = options;
        AccountId = accountId;
        _accounts = accounts ?? new AwsAccounts(options);
        World = new SimulatedWorld(Time, Options, accountId, _accounts);
        _gate = new AwsCallGate(Time, Options, Calls, Faults);
        Ec2 = new SimulatedEc2(World, _gate);
        S3 = new SimulatedS3(World, _gate, World.CurrentCaller);
        Sts = new SimulatedSts(this, _gate, World.CurrentCaller);
        Tamper = new AwsTamper(World);
        _accounts.Register(this);
    }

    public TimeProvider Time { get; }
    public AwsSimulatorOptions Options { get; }
    /// <summary>The account's id: where its world's resources live and its calls are counted. The world's caller is a user of
    /// it unless a test sets another (<see cref="SimulatedWorld.SetCallerIdentity"/>).</summary>
    public string AccountId { get; }
    public SimulatedWorld World { get; }
    public AwsTamper Tamper { get; }
    public AwsFaults Faults { get; } = new();
    public AwsCallCounter Calls { get; } = new();

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    /// <summary>Every session STS issued in this simulated AWS (any account's AssumeRole), oldest first.</summary>
    public IReadOnlyList<IssuedSession> IssuedSessions => _accounts.Sessions;

    /// <summary>Adds another account (12 digits, not yet held) beside this one and returns its simulator.</summary>
    public AwsSimulator AddAccount(string accountId)
    {
        if (!IamPrincipals.AccountShape().IsMatch(accountId))
            throw new ArgumentException($"{accountId} is not a 12-digit account id", nameof(accountId));
        return new AwsSimulator(Time, Options, accountId, _accounts);
    }

    /// <summary>The simulator of an account this one's AWS holds (this one's own included), or null.</summary>
    public AwsSimulator? Account(string accountId) => _accounts.Find(accountId);

    /// <summary>The ports acting with a session's credentials: before every call <paramref name="credentials"/> is asked, and
    /// the call is refused as its service refuses credentials STS never issued or that expired (by this simulator's time),
    /// else made in the session's account as the session (its calls, faults and throttling buckets; S3 sees the role as
    /// aws:PrincipalArn; STS answers the assumed-role identity). Refused calls are counted in no account.</summary>
    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new SessionApis(_accounts, Time, credentials);

    /// <summary>This account's ports acting as another caller (an issued session).</summary>
    internal IAwsApis PortsAs(Func<CallerIdentity> caller) =>
        new SessionPorts(Ec2, new SimulatedS3(World, _gate, caller), new SimulatedSts(this, _gate, caller), this);

    internal AwsAccounts Accounts => _accounts;
}

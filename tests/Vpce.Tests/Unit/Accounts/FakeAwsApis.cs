using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>AWS as the credential cache sees it: STS only. AssumeRole records every request and answers credentials that expire
/// at now + the requested duration, or AccessDenied for a role told to <see cref="Refuse"/>; <see cref="Hold"/> keeps a role's
/// answers waiting until released. <see cref="ActingAs"/> gives a view whose STS records the credentials it acts with, so a
/// chain's hops can be followed. Every view shares the one record.</summary>
public sealed class FakeAwsApis : IAwsApis
{
    public const string OwnAccount = "111122223333";
    public const string OwnArn = "arn:aws:iam::111122223333:role/vpce-operator-hub";

    private readonly FakeAwsApis _root;
    private readonly object _lock = new();
    private readonly List<StsCall> _calls = [];
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallerIdentity> _issuedTo = new(StringComparer.Ordinal);
    private int _issued;

    public FakeAwsApis(TimeProvider time)
    {
        _root = this;
        Time = time;
        Sts = new FakeStsApi(this, null);
    }

    private FakeAwsApis(FakeAwsApis root, Func<AwsSessionCredentials> credentials)
    {
        _root = root;
        Time = root.Time;
        Sts = new FakeStsApi(root, credentials);
    }

    public TimeProvider Time { get; }

    public IEc2Api Ec2 => throw new NotSupportedException("the credential cache calls STS only");
    public IS3Api S3 => throw new NotSupportedException("the credential cache calls STS only");
    public IStsApi Sts { get; }

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new FakeAwsApis(_root, credentials);

    /// <summary>Every AssumeRole so far, in the order they were asked.</summary>
    public IReadOnlyList<StsCall> Calls
    {
        get
        {
            lock (_root._lock) return _root._calls.ToList();
        }
    }

    public IReadOnlyList<StsCall> CallsFor(string roleArn) => Calls.Where(c => c.Request.RoleArn == roleArn).ToList();

    public void Refuse(string roleArn)
    {
        lock (_root._lock) _root._refused.Add(roleArn);
    }

    public void Admit(string roleArn)
    {
        lock (_root._lock) _root._refused.Remove(roleArn);
    }

    /// <summary>From now on the role's AssumeRole waits (after being recorded) until the returned source completes.</summary>
    public TaskCompletionSource Hold(string roleArn)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_root._lock) _root._held[roleArn] = held;
        return held;
    }

    /// <summary>Records the call, waits if the role is held, then answers or refuses it (as the root decides).</summary>
    internal async Task<AssumedRole> AnswerAsync(string region, AssumeRoleRequest request, AwsSessionCredentials? actingWith, CancellationToken ct)
    {
        TaskCompletionSource? held;
        lock (_lock)
        {
            _calls.Add(new StsCall(Time.GetUtcNow(), region, request, actingWith));
            _held.TryGetValue(request.RoleArn, out held);
        }
        if (held is not null)
        {
            await held.Task.WaitAsync(ct);
        }
        int serial;
        lock (_lock)
        {
            if (_refused.Contains(request.RoleArn))
            {
                throw new AwsApiException("AccessDenied",
                    $"User: {actingWith?.AccessKeyId ?? OwnArn} is not authorized to perform: sts:AssumeRole on resource: {request.RoleArn}", 403);
            }
            serial = ++_issued;
        }
        var account = request.RoleArn.Split(':') is { Length: >= 5 } parts ? parts[4] : OwnAccount;
        var roleName = request.RoleArn[(request.RoleArn.LastIndexOf('/') + 1)..];
        var credentials = new AwsSessionCredentials($"ASIAFAKE{serial:D8}", $"secret-{serial}", $"token-{serial}", Time.GetUtcNow() + request.Duration);
        var assumed = new AssumedRole(credentials, $"arn:aws:sts::{account}:assumed-role/{roleName}/{request.SessionName}", $"AROAFAKE{serial:D8}:{request.SessionName}");
        lock (_lock) _issuedTo[credentials.AccessKeyId] = new CallerIdentity(account, assumed.AssumedRoleArn, assumed.AssumedRoleId);
        return assumed;
    }

    /// <summary>Who credentials act as: the role session they were issued to, or nobody (InvalidClientTokenId) when this STS never issued them.</summary>
    internal CallerIdentity IdentityOf(AwsSessionCredentials? credentials)
    {
        if (credentials is null)
        {
            return new CallerIdentity(OwnAccount, OwnArn, "AROAFAKEOWN");
        }
        lock (_lock)
        {
            return _issuedTo.TryGetValue(credentials.AccessKeyId, out var identity)
                ? identity
                : throw new AwsApiException("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
        }
    }
}

using System.Security.Cryptography;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// The accounts of one simulated AWS, shared by the <see cref="AwsSimulator"/> of each: what spans accounts in AWS lives
/// here: the account ids, S3's bucket names (one namespace for every account), IAM's principals, and the sessions STS
/// issued, whose credentials any account's endpoint authenticates. Lock order: this registry's lock, then one world's lock; never a world's
/// lock and then this one.
/// </summary>
internal sealed class AwsAccounts(AwsSimulatorOptions options)
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private readonly Lock _sync = new();
    private readonly Dictionary<string, AwsSimulator> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionGrant> _grants = new(StringComparer.Ordinal);
    private readonly List<IssuedSession> _issued = [];
    // Credentials follow the seed as ids do, so a seeded run is the same run.
    private readonly Random _random = options.Seed is { } seed ? new Random(seed ^ 0x5715) : new Random();

    /// <summary>The roles and users of every account.</summary>
    public IamPrincipals Iam { get; } = new();

    public void Register(AwsSimulator account)
    {
        lock (_sync)
            if (!_accounts.TryAdd(account.AccountId, account))
                throw new ArgumentException($"the simulator already holds account {account.AccountId}", nameof(account));
    }

    public AwsSimulator? Find(string accountId)
    {
        lock (_sync)
            return _accounts.GetValueOrDefault(accountId);
    }

    public IReadOnlyList<IssuedSession> Sessions
    {
        get
        {
            lock (_sync)
                return _issued.ToList();
        }
    }

    /// <summary>The account whose world holds a bucket of that name, or null: S3 bucket names are global
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).</summary>
    public AwsSimulator? BucketOwner(string bucket)
    {
        lock (_sync)
            return OwnerLocked(bucket);
    }

    /// <summary>Adds a bucket to one account's world unless any account has it: BucketAlreadyOwnedByYou (409) in the same
    /// account, BucketAlreadyExists (409) in another
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html#API_CreateBucket_Errors).</summary>
    public void CreateBucket(SimulatedWorld world, string name, string region)
    {
        lock (_sync)
        {
            if (OwnerLocked(name) is { } owner && owner.World != world)
                throw new AwsApiException("BucketAlreadyExists",
                    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409);
            lock (world.Sync)
            {
                if (world.Buckets.ContainsKey(name))
                    throw new AwsApiException("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409);
                world.Buckets[name] = new SimBucket(name, region);
            }
        }
    }

    /// <summary>aws:PrincipalArn of a caller: for an assumed-role session its role's ARN, path included, as the role's account
    /// knows it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn);
    /// else the caller's own ARN.</summary>
    public string PrincipalArnOf(CallerIdentity caller)
    {
        var parts = caller.Arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "sts" || parts[5].Split('/') is not ["assumed-role", var role, _])
            return caller.Arn;
        return Iam.RoleNamed(parts[4], role) ?? $"arn:{parts[1]}:iam::{parts[4]}:role/{role}";
    }

    /// <summary>Issues a session's credentials and keeps them, so that <see cref="Authenticate"/> knows them.</summary>
    public AwsSessionCredentials Issue(IssuedSession session, AwsSimulator account)
    {
        lock (_sync)
        {
            string accessKeyId;
            do
                accessKeyId = "ASIA" + Chars(KeyAlphabet, 16);
            while (_grants.ContainsKey(accessKeyId));
            var credentials = new AwsSessionCredentials(accessKeyId, Chars(SecretAlphabet, 40),
                Convert.ToBase64String(RandomBytes(180)), session.Expiration);
            var issued = session with { AccessKeyId = accessKeyId };
            var identity = new CallerIdentity(issued.Account, issued.AssumedRoleArn, issued.AssumedRoleId);
            _grants[accessKeyId] = new SessionGrant(issued, credentials, account, account.PortsAs(() => identity));
            _issued.Add(issued);
            return credentials;
        }
    }

    /// <summary>The session a request signed with these credentials acts as, or the service's error for credentials it
    /// never issued (or whose secret or token differ) and for expired ones (<see cref="AuthenticationErrors"/>).</summary>
    public SessionGrant Authenticate(AwsSessionCredentials credentials, string service, DateTimeOffset now)
    {
        SessionGrant? grant;
        lock (_sync)
            grant = _grants.GetValueOrDefault(credentials.AccessKeyId);
        if (grant is null || grant.Credentials.SecretAccessKey != credentials.SecretAccessKey
            || grant.Credentials.SessionToken != credentials.SessionToken)
            throw AuthenticationErrors.Invalid(service);
        if (now >= grant.Session.Expiration)
            throw AuthenticationErrors.Expired(service);
        return grant;
    }

    private AwsSimulator? OwnerLocked(string bucket)
    {
        foreach (var account in _accounts.Values)
            lock (account.World.Sync)
                if (account.World.Buckets.ContainsKey(bucket))
                    return account;
        return null;
    }

    private string Chars(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}

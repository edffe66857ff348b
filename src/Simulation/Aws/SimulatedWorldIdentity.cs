namespace Vpce.Simulation.Aws;

/// <summary>Who the account's principals are, and where the operator's calls come from: what S3 needs to check a bucket
/// policy's principals when it is put and to evaluate its Deny statements on every call.</summary>
public sealed partial class SimulatedWorld
{
    /// <summary>IAM, shared by every account (<see cref="AwsAccounts.Iam"/>).</summary>
    internal IamPrincipals Iam => Accounts.Iam;

    /// <summary>The VPC endpoint (aws:SourceVpce) and VPC (aws:SourceVpc) the caller's S3 calls arrive through; both null
    /// (the default) for calls over the public endpoint, which carry neither key.</summary>
    internal (string? VpcEndpointId, string? VpcId) CallerSource { get; private set; }

    /// <summary>Creates an IAM role (arn:aws:iam::ACCOUNT:role/[path/]name) and returns its unique id (AROA…). Bucket policies
    /// may name it from now on.</summary>
    public string CreateIamRole(string roleArn)
    {
        if (IamPrincipals.KindOf(roleArn) != Ports.Aws.IamUniqueIds.RolePrefix)
            throw new ArgumentException($"{roleArn} is not an IAM role ARN", nameof(roleArn));
        lock (Sync)
            return Iam.Create(roleArn);
    }

    /// <summary>Creates an IAM user (arn:aws:iam::ACCOUNT:user/[path/]name) and returns its unique id (AIDA…).</summary>
    public string CreateIamUser(string userArn)
    {
        if (IamPrincipals.KindOf(userArn) != Ports.Aws.IamUniqueIds.UserPrefix)
            throw new ArgumentException($"{userArn} is not an IAM user ARN", nameof(userArn));
        lock (Sync)
            return Iam.Create(userArn);
    }

    /// <summary>Deletes a role or user: bucket policies naming it show its unique id from now on, and S3 refuses them when
    /// they are put again ("Invalid principal in policy").</summary>
    public void DeleteIamPrincipal(string arn)
    {
        lock (Sync)
            Iam.Delete(arn);
    }

    /// <summary>Sends the caller's S3 calls through a VPC endpoint (aws:SourceVpce, aws:SourceVpc), or with nulls over the
    /// public endpoint again.</summary>
    public void SetCallerSource(string? vpcEndpointId, string? vpcId)
    {
        lock (Sync)
            CallerSource = (vpcEndpointId, vpcId);
    }

    /// <summary>What S3 knows of a call a caller makes now: aws:PrincipalArn (<paramref name="principalArn"/>: for a role
    /// session its role, path included, <see cref="AwsAccounts.PrincipalArnOf"/>), aws:PrincipalAccount, aws:SourceVpce and
    /// aws:SourceVpc when the call came through an endpoint, and aws:SecureTransport (the SDK speaks HTTPS).</summary>
    internal S3RequestContext S3Request(Ports.Aws.CallerIdentity caller, string principalArn, string action, string resource)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["aws:principalarn"] = principalArn,
            ["aws:principalaccount"] = caller.Account,
            ["aws:securetransport"] = "true",
        };
        if (CallerSource.VpcEndpointId is { } vpce)
            keys["aws:sourcevpce"] = vpce;
        if (CallerSource.VpcId is { } vpc)
            keys["aws:sourcevpc"] = vpc;
        return new S3RequestContext(action, resource, caller.Arn, principalArn, caller.Account, keys);
    }
}

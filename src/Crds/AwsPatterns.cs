namespace Vpce.Crds;

/// <summary>
/// The shapes of AWS names and ids, defined once: the CRD schema carries them as <c>pattern</c> and the operator's
/// validators check them for clusters and clients that skip the schema. Each is both a Go (RE2) and a .NET regular
/// expression, anchored at both ends.
/// </summary>
public static class AwsPatterns
{
    /// <summary>An AWS region name: eu-west-1, us-gov-west-1, ap-southeast-5.</summary>
    public const string Region = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";

    public const string VpcId = "^vpc-[0-9a-f]+$";
    public const string RouteTableId = "^rtb-[0-9a-f]+$";
    public const string SubnetId = "^subnet-[0-9a-f]+$";
    public const string SecurityGroupId = "^sg-[0-9a-f]+$";
    public const string EndpointId = "^vpce-[0-9a-f]+$";

    /// <summary>An S3 bucket name's characters and its 3-63 length. Not an IP address and no two adjacent dots are
    /// further S3 rules that RE2 cannot say without lookahead: the validator checks those.</summary>
    public const string BucketName = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    /// <summary>An IAM principal as aws:PrincipalArn sees it: an account root, a role or a user, in any partition.
    /// Not sts: for an assumed role, aws:PrincipalArn is the role's IAM ARN, so a session ARN would never match.</summary>
    public const string PrincipalArn = "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(root|role/.+|user/.+)$";

    /// <summary>An S3 action or action wildcard: s3:*, s3:GetObject, s3:Put*.</summary>
    public const string S3Action = "^s3:[A-Za-z*]+$";

    /// <summary>A statement Sid: IAM allows only ASCII letters and digits.</summary>
    public const string StatementSid = "^[A-Za-z0-9]*$";

    /// <summary>The Sid of a statement the operator owns: IAM's characters behind the prefix <c>Vpce</c>. The operator
    /// writes and removes only statements whose Sid matches, whatever an object's status claims.</summary>
    public const string OwnedStatementSid = "^Vpce[A-Za-z0-9]*$";

    /// <summary>spec.statementSid: an owned Sid, or empty for the operator to derive one.</summary>
    public const string SpecStatementSid = "^(Vpce[A-Za-z0-9]*)?$";

    /// <summary>A 12-digit AWS account id.</summary>
    public const string AccountId = "^[0-9]{12}$";

    /// <summary>An IAM role ARN in any partition, its path included.</summary>
    public const string RoleArn = "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$";

    /// <summary>sts:ExternalId's characters (AWS: [\w+=,.@:\/-]*).</summary>
    public const string ExternalId = "^[A-Za-z0-9_+=,.@:/-]+$";

    /// <summary>Who may own an endpoint service (DescribeVpcEndpointServices' Owner): <c>amazon</c> or an account id.</summary>
    public const string EndpointServiceOwner = "^(amazon|[0-9]{12})$";

    /// <summary>A bucket name with the wildcards * and ? (AwsAccount.spec.buckets).</summary>
    public const string BucketNamePattern = "^[a-z0-9.*?-]{1,63}$";
}

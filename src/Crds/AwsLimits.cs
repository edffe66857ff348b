namespace Vpce.Crds;

/// <summary>
/// The bounds on spec input, defined once for the CRD schema (maxItems, maxProperties, maxLength) and the operator's
/// validators. Most are AWS's own limits; where AWS sets none, a bound that keeps an object's work and status small.
/// </summary>
public static class AwsLimits
{
    /// <summary>AWS allows 50 user tags per resource.</summary>
    public const int TagsPerResource = 50;
    /// <summary>vpce.io/cluster, vpce.io/namespace and vpce.io/name, on every endpoint the operator creates.</summary>
    public const int OwnershipTags = 3;
    /// <summary>What spec.tags may hold: AWS's 50 less the operator's ownership tags.</summary>
    public const int UserTagsPerEndpoint = TagsPerResource - OwnershipTags;
    public const int TagKeyMaxLength = 128;
    public const int TagValueMaxLength = 256;

    /// <summary>A selector matches resources carrying all its tags: more than a resource can carry never matches.</summary>
    public const int SelectorTags = TagsPerResource;

    /// <summary>An endpoint policy document, in characters.</summary>
    public const int EndpointPolicyMaxLength = 20480;

    /// <summary>A gateway endpoint's route tables are its VPC's, and a VPC holds at most 200 (AWS's quota).</summary>
    public const int RouteTablesPerEndpoint = 200;
    /// <summary>Interface: at most one subnet per availability zone, and no region has 16 zones. Gateway: subnetIds name the
    /// subnets whose route tables get the endpoint, the same bound (subnetSelector names any number).</summary>
    public const int SubnetsPerEndpoint = 16;
    /// <summary>A network interface takes at most 16 security groups (the quota's ceiling).</summary>
    public const int SecurityGroupsPerEndpoint = 16;

    /// <summary>S3 bucket names; <see cref="AwsPatterns.BucketName"/> says the same in its {1,61}.</summary>
    public const int BucketNameMinLength = 3;
    public const int BucketNameMaxLength = 63;

    /// <summary>AWS caps no count in a bucket policy's condition lists, only the policy's 20 KB: 100 endpoint ids take
    /// about 2.5 KB of it and leave the rest to the bucket's other statements.</summary>
    public const int EndpointIdsPerBucketPolicy = 100;
    /// <summary>As <see cref="EndpointIdsPerBucketPolicy"/>: a bound well inside the 20 KB policy, which is checked
    /// as a whole when the policy is written.</summary>
    public const int ExemptPrincipalsPerBucketPolicy = 100;
    public const int ActionsPerBucketPolicy = 100;
    public const int StatementSidMaxLength = 100;

    /// <summary>IAM's bound on a role ARN.</summary>
    public const int RoleArnMaxLength = 2048;
    /// <summary>sts:ExternalId is 2-1224 characters.</summary>
    public const int ExternalIdMinLength = 2;
    public const int ExternalIdMaxLength = 1224;
    /// <summary>AWS sets no bound on a chain, only one hour per chained session: more than four hops is a design smell.</summary>
    public const int RoleChainLength = 4;
    /// <summary>AssumeRole takes at most 50 session tags, values up to 256 characters.</summary>
    public const int SessionTags = 50;
    public const int SessionTagValueMaxLength = 256;
    /// <summary>AWS has fewer than 40 regions.</summary>
    public const int RegionsPerAccount = 40;
    /// <summary>A bound well above the VPCs-per-region quota times a few regions.</summary>
    public const int VpcIdsPerAccount = 100;
    public const int BucketPatternsPerAccount = 100;
    /// <summary>AwsAccount.spec.endpointServiceOwners: a bound of the operator's, not AWS's.</summary>
    public const int EndpointServiceOwnersPerAccount = 50;
}

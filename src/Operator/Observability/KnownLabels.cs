using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Operator.Observability;

/// <summary>The label values each fixed-vocabulary series can take, which <see cref="OperatorMetrics"/> reports at 0 from
/// the start (as client-go's work-queue series exist from the queue's creation): a panel or an alert then reads 0, not "No
/// data", until the first retry or refusal. Not here: per-object labels (vpce_drift's namespace and name) and histograms,
/// whose only way to a series is an observation.</summary>
public static class KnownLabels
{
    /// <summary>The kinds, also the work queues' names.</summary>
    public static readonly IReadOnlyList<string> Kinds = [VpcEndpoint.KindName, EndpointBucketPolicy.KindName, AwsAccount.KindName];

    public static readonly IReadOnlyList<string> ReconcileResults = [ReconcileOutcomes.Success, ReconcileOutcomes.Error, ReconcileOutcomes.Requeue];

    public static readonly IReadOnlyList<string> ResourceStateValues = [ResourceStates.Ready, ResourceStates.NotReady, ResourceStates.Drifted];

    /// <summary>Drift reasons by kind: each kind's diff reports only its own.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DriftReasonsByKind = new Dictionary<string, IReadOnlyList<string>>
    {
        [VpcEndpoint.KindName] =
        [
            DriftReasons.RouteTablesChanged, DriftReasons.RoutesMissing, DriftReasons.SubnetsChanged, DriftReasons.SecurityGroupsChanged,
            DriftReasons.PrivateDnsChanged, DriftReasons.PolicyChanged, DriftReasons.TagsChanged, DriftReasons.EndpointDeleted,
        ],
        [EndpointBucketPolicy.KindName] = [DriftReasons.StatementChanged, DriftReasons.StatementRemoved],
        [AwsAccount.KindName] = [],
    };

    /// <summary>The reasons each kind's controller refuses a reconcile with (its Refused outcomes).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RefusalReasonsByKind = new Dictionary<string, IReadOnlyList<string>>
    {
        [VpcEndpoint.KindName] =
        [
            ReadyReasons.InvalidSpec, ReadyReasons.ImmutableFieldChanged, ReadyReasons.AdoptionConflict,
            ObserveReasons.NotFound, ObserveReasons.ServiceNotAvailable, ReadyReasons.ServiceOwnerNotAllowed,
            AccountReasons.AccountNotFound, AccountReasons.AccountNotAllowed, AccountReasons.RegionNotAllowed, AccountReasons.VpcNotAllowed,
            AccountReasons.AssumeRoleFailed,
        ],
        [EndpointBucketPolicy.KindName] =
        [
            ReadyReasons.InvalidSpec, ObserveReasons.BucketNotFound, BucketPolicyReasons.RegionMismatch, BucketPolicyReasons.SidConflict,
            BucketPolicyReasons.WouldLockOutOperator, BucketPolicyReasons.PolicyTooLarge, BucketPolicyReasons.MalformedBucketPolicy,
            BucketPolicyReasons.DeletedPrincipalInPolicy, BucketPolicyReasons.BucketOwnerMismatch,
            AccountReasons.AccountNotFound, AccountReasons.AccountNotAllowed, AccountReasons.RegionNotAllowed, AccountReasons.BucketNotAllowed,
            AccountReasons.AssumeRoleFailed, ReadyReasons.ImmutableFieldChanged,
        ],
        [AwsAccount.KindName] = [ReadyReasons.InvalidSpec, AccountReasons.AccountMismatch],
    };

    /// <summary>Every AWS operation the operator calls (the operation label is the IAM action's name), by service.</summary>
    public static readonly IReadOnlyList<(string Service, string Operation)> AwsOperations =
    [
        ("ec2", "DescribeVpcs"), ("ec2", "DescribeVpcAttribute"), ("ec2", "DescribeSubnets"), ("ec2", "DescribeRouteTables"),
        ("ec2", "DescribeSecurityGroups"), ("ec2", "DescribeNetworkAcls"), ("ec2", "DescribeNetworkInterfaces"),
        ("ec2", "DescribeVpcEndpointServices"), ("ec2", "DescribePrefixLists"), ("ec2", "DescribeVpcEndpoints"),
        ("ec2", "CreateVpcEndpoint"), ("ec2", "ModifyVpcEndpoint"), ("ec2", "DeleteVpcEndpoints"), ("ec2", "CreateTags"), ("ec2", "DeleteTags"),
        ("s3", "GetBucketLocation"), ("s3", "GetBucketPolicy"), ("s3", "PutBucketPolicy"), ("s3", "DeleteBucketPolicy"),
        ("sts", "GetCallerIdentity"), ("sts", "AssumeRole"),
    ];

    public static readonly IReadOnlyList<string> AwsRequestOutcomes = [AwsOutcomes.Success, AwsOutcomes.Throttled, AwsOutcomes.Error];
}

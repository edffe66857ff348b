using System.Collections.Frozen;
using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>The companion sets the labs trip over, as AWS documents them.</summary>
public static class CompanionSets
{
    private static readonly CompanionService Ssm = new("ssm", EndpointTypes.Interface);
    private static readonly CompanionService SsmMessages = new("ssmmessages", EndpointTypes.Interface);
    private static readonly CompanionService Ec2Messages = new("ec2messages", EndpointTypes.Interface);
    private static readonly CompanionService EcrApi = new("ecr.api", EndpointTypes.Interface);
    private static readonly CompanionService EcrDkr = new("ecr.dkr", EndpointTypes.Interface);
    private static readonly CompanionService S3Gateway = new("s3", EndpointTypes.Gateway);

    /// <summary>Session Manager on an instance without internet access needs all three
    /// (https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html).</summary>
    public static readonly CompanionSet SessionManager = new("Session Manager", [Ssm, SsmMessages, Ec2Messages], [Ssm, SsmMessages, Ec2Messages]);

    /// <summary>An image pull calls the ECR API, the Docker registry, and S3 for the layers
    /// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html); S3 itself needs neither.</summary>
    public static readonly CompanionSet EcrImagePulls = new("ECR image pulls", [EcrApi, EcrDkr, S3Gateway], [EcrApi, EcrDkr]);

    public static readonly IReadOnlyList<CompanionSet> All = [SessionManager, EcrImagePulls];

    // Asked on every reconcile: the answer for each dependent, found once.
    private static readonly FrozenDictionary<(string ShortName, string Type), IReadOnlyList<CompanionSet>> ByDependent = All
        .SelectMany(s => s.Dependents.Select(d => (d.ShortName, d.Type)))
        .Distinct()
        .ToFrozenDictionary(d => d, d => (IReadOnlyList<CompanionSet>)All.Where(s => s.Dependents.Any(m => m.ShortName == d.ShortName && m.Type == d.Type)).ToList());

    /// <summary>The sets in which an endpoint of this service and type is a dependent.</summary>
    public static IReadOnlyList<CompanionSet> DependedOnBy(string shortName, string type) =>
        ByDependent.TryGetValue((shortName, type), out var sets) ? sets : [];
}

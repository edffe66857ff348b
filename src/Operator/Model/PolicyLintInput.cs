namespace Vpce.Operator.Model;

/// <summary>What the endpoint-policy lint looks at: the policy and the endpoint it is for, whether the service honours
/// endpoint policies, the regions of the buckets the policy names (those that could be read), and the operator's own
/// principal as aws:PrincipalArn sees it (null when it was not needed or could not be read).</summary>
public sealed record PolicyLintInput(
    string PolicyDocument,
    string Region,
    string ServiceName,
    bool PolicySupported,
    IReadOnlyDictionary<string, string> BucketRegions,
    string? OperatorPrincipalArn);

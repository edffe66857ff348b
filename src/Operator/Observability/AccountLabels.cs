namespace Vpce.Operator.Observability;

/// <summary>The <c>account</c> label of the AWS series: an AwsAccount's name, or this value for the operator's own identity
/// (no AwsAccount names it: a Kubernetes name cannot hold parentheses).</summary>
public static class AccountLabels
{
    public const string Operator = "(operator)";
}

namespace Vpce.Operator.Observability;

/// <summary>The outcome label of vpce_aws_requests_total.</summary>
public static class AwsOutcomes
{
    public const string Success = "success";
    public const string Throttled = "throttled";
    public const string Error = "error";
}

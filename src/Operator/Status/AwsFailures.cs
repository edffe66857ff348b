using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Status;

/// <summary>A failed AWS call as a Synced reason and words, the same for every kind.</summary>
public static class AwsFailures
{
    public static (string Reason, string Message) Describe(Exception e) => e switch
    {
        AwsApiException { IsThrottling: true } a => (ReadyReasons.Throttled, $"throttled, retrying with backoff: {a.Message}"),
        AwsApiException { IsAccessDenied: true } a => (ReadyReasons.AccessDenied, $"AWS denied the request: {a.Message}"),
        AwsApiException { IsNotFound: true } a => (ReadyReasons.NotFound, a.Message),
        AwsApiException a => (ReasonFromCode(a.Code), a.Message),
        Observe.AccountRefusedException a => (a.Reason, a.Message),
        _ => (ReadyReasons.AwsUnavailable, $"AWS is unavailable: {e.Message}"),
    };

    // AWS codes such as InvalidParameterValue or VpcEndpointLimitExceeded read as CamelCase reasons already; dots go.
    private static string ReasonFromCode(string code) => new(code.Where(char.IsLetterOrDigit).ToArray());
}

using System.Text.Json;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Observability;

/// <summary>Failures that are part of normal operation and retried with backoff: logged as one line, without a stack
/// trace, which only an unexpected exception (a bug) deserves.</summary>
public static class ExpectedFailures
{
    public static bool IsExpected(Exception failure) => failure switch
    {
        // An object that does not decode (a read or a write's answer, under an older schema).
        JsonException => true,
        AwsApiException { IsThrottling: true } or AwsApiException { IsNotFound: true } => true,
        AwsUnavailableException => true,
        KubeObjectNotFoundException or ConflictException => true,
        // The API server away (an upgrade, a partition), throttling past its Retry-After, or failing as a whole.
        KubeUnavailableException => true,
        KubeApiException { StatusCode: 429 or >= 500 } => true,
        _ => false,
    };
}

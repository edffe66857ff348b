using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>The one rule for what the client library throws when the API server does not answer at all (connection refused
/// or reset, a stream cut, the client's own timeout): that is <see cref="KubeUnavailableException"/>, a fault the
/// callers ride out, never a bug with a stack trace.</summary>
internal static class KubeUnreachable
{
    /// <summary>True when <paramref name="failure"/> says the API server could not be reached; a cancellation counts only
    /// when <paramref name="ct"/> did not ask for it (then it is the client's timeout).</summary>
    public static bool Is(Exception failure, CancellationToken ct) =>
        failure is HttpRequestException or IOException || (failure is OperationCanceledException && !ct.IsCancellationRequested);

    public static KubeUnavailableException Wrap(string operation, Exception failure) =>
        new($"{operation}: the API server could not be reached: {failure.Message}", failure);
}

using Vpce.Ports.Aws;

namespace Vpce.Operator.Controllers;

/// <summary>How soon to look again at an endpoint AWS is still working on (pending, deleting): seconds, growing with how
/// long AWS has been at it, quick while an endpoint is new and calmer later.</summary>
public static class EndpointRequeue
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    public static TimeSpan While(AwsEndpoint endpoint, DateTimeOffset now)
    {
        var age = endpoint.CreationTimestamp is { } created ? now - created : TimeSpan.Zero;
        var delay = TimeSpan.FromTicks(Math.Max(age.Ticks / 4, Min.Ticks));
        return delay > Max ? Max : delay;
    }

    public static bool IsSettling(string state) => state is EndpointStates.Pending or EndpointStates.Deleting;
}

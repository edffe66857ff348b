namespace Vpce.Simulation.Aws;

/// <summary>What EC2's reads show while a change propagates (<see cref="AwsSimulatorOptions.PropagationDelay"/>), after AWS's
/// "Eventual consistency in the Amazon EC2 API" (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html):
/// "the result of an API command you run that affects your Amazon EC2 resources might not be immediately visible to all
/// subsequent commands you run". The simulator's own state is current; only what the API answers lags.</summary>
internal static class EventualConsistency
{
    /// <summary>A new endpoint, to every call that names or lists it: "if you run a command to modify or describe the resource
    /// that you just created, its ID might not have propagated throughout the system, and you will get an error responding
    /// that the resource does not exist." A listing (a tag filter too) leaves it out for the same reason.</summary>
    public static bool Shows(SimEndpoint endpoint, DateTimeOffset now, TimeSpan delay) => now >= endpoint.CreatedAt + delay;

    /// <summary>A deleted endpoint, as reads show it: as it was before its deletion until that deletion has propagated (the
    /// same page: a command's result "might not be immediately visible to all subsequent commands").</summary>
    public static string ShownState(SimEndpoint endpoint, DateTimeOffset now, TimeSpan delay) =>
        endpoint.DeletionRequestedAt is { } requested && now < requested + delay ? endpoint.StateBeforeDeletion : endpoint.State;

    /// <summary>A route table's routes as DescribeRouteTables shows them: a gateway endpoint's route an API call added shows
    /// once the change has propagated, one it removed is still shown until then (the page's "a route change can show late"
    /// is the same rule: a command's result reaches the next command's read later).</summary>
    public static IEnumerable<SimRoute> ShownRoutes(SimRouteTable table, DateTimeOffset now, TimeSpan delay)
    {
        foreach (var route in table.Routes)
            if (route.AddedAt == DateTimeOffset.MinValue || now >= route.AddedAt + delay)
                yield return route;
        foreach (var (route, removedAt) in table.RemovedRoutes)
            if (now < removedAt + delay)
                yield return route;
    }

    /// <summary>Drops removed routes no read shows any more.</summary>
    public static void ForgetPropagated(SimRouteTable table, DateTimeOffset now, TimeSpan delay) =>
        table.RemovedRoutes.RemoveAll(removed => now >= removed.RemovedAt + delay);
}

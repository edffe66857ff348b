namespace Vpce.Simulation.Aws;

/// <summary>How the simulated AWS behaves over time and under load. Durations are in the simulator's (virtual) time.</summary>
public sealed record AwsSimulatorOptions
{
    /// <summary>How long a new endpoint stays pending.</summary>
    public TimeSpan EndpointPendingFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a deleted endpoint stays in state deleting.</summary>
    public TimeSpan EndpointDeletingFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>AWS keeps deleted endpoints visible in DescribeVpcEndpoints for a while; after this they are gone (NotFound).</summary>
    public TimeSpan DeletedEndpointVisibleFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Items per Describe page; each page is one API call (counted, throttled, and subject to faults). Null: AWS's
    /// maximum of each call (<see cref="Ports.Aws.DescribePageSizes"/>), which is what the operator asks for.</summary>
    public int? DescribePageSize { get; init; }

    public Ec2ThrottlingOptions Throttling { get; init; } = new();

    /// <summary>EC2's eventual consistency: how long a change takes to reach EC2's reads. "The result of an API command you
    /// run that affects your Amazon EC2 resources might not be immediately visible to all subsequent commands you run"
    /// (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html). Zero, the default: every read is current.
    /// Else, for this long, a new endpoint is unknown to every call but its own create (and a retry of it with its
    /// ClientToken), a deleted one is still shown as it was, and a gateway's route changes are not yet in DescribeRouteTables.</summary>
    public TimeSpan PropagationDelay { get; init; }

    /// <summary>How long EC2 keeps a ClientToken once the endpoint it made is deleted: then the same token makes a new endpoint.
    /// "A client token is valid for at least 24 hours after the termination of the instance" (EC2 API reference, "Ensuring
    /// idempotency"); AWS documents no other period, so the simulator keeps a token while its endpoint exists and this long
    /// after its deletion, never for ever.</summary>
    public TimeSpan ClientTokenValidAfterDeletion { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Seed for generated ids; null for a different world each run.</summary>
    public int? Seed { get; init; }
}

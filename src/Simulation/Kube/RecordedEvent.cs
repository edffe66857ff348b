namespace Vpce.Simulation.Kube;

/// <summary>A Kubernetes event as <see cref="InMemoryEventRecorder"/> keeps it (the fields of core/v1 Event a test checks).</summary>
public sealed record RecordedEvent(
    string Kind,
    string Namespace,
    string Name,
    string? Uid,
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp);

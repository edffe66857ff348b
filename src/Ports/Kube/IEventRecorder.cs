using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>Kubernetes events about an object (core/v1 Event, involvedObject = the object). Both overloads aggregate
/// together: a repeat about the same object (same uid, namespace and name), type, reason and message raises a count.
/// Events are advisory: one that cannot be written (the API server refused it or could not be reached) is logged, never
/// thrown.</summary>
public interface IEventRecorder
{
    Task RecordAsync(ICustomResource involved, string type, string reason, string message, CancellationToken ct);

    /// <summary>About an object known only by reference, such as one that does not decode.</summary>
    Task RecordAsync(ObjectReference involved, string type, string reason, string message, CancellationToken ct);
}

using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>Kubernetes events about an object (core/v1 Event, involvedObject = the object).</summary>
public interface IEventRecorder
{
    Task RecordAsync(ICustomResource involved, string type, string reason, string message, CancellationToken ct);
}

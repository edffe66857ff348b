using Vpce.Crds;
using Vpce.Operator.Runtime;

namespace Vpce.Tests.Runtime;

internal sealed class RecordingHandler : IResourceEventHandler<VpcEndpoint>
{
    private readonly List<string> _events = new();

    public IReadOnlyList<string> Events { get { lock (_events) return _events.ToList(); } }

    public void OnAdded(VpcEndpoint resource) => Record($"added {resource.Metadata.Name}");

    public void OnUpdated(VpcEndpoint previous, VpcEndpoint current) => Record($"updated {current.Metadata.Name}");

    public void OnDeleted(VpcEndpoint resource) => Record($"deleted {resource.Metadata.Name}");

    private void Record(string text)
    {
        lock (_events) _events.Add(text);
    }
}

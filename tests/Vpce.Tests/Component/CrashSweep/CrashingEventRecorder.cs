using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingEventRecorder(IEventRecorder inner, CrashSwitch crash) : IEventRecorder
{
    public Task RecordAsync(ICustomResource involved, string type, string reason, string message, CancellationToken ct) =>
        crash.WhileAliveAsync(async () =>
        {
            await inner.RecordAsync(involved, type, reason, message, ct);
            return true;
        });

    public Task RecordAsync(ObjectReference involved, string type, string reason, string message, CancellationToken ct) =>
        crash.WhileAliveAsync(async () =>
        {
            await inner.RecordAsync(involved, type, reason, message, ct);
            return true;
        });
}

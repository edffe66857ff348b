using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Export;

/// <summary>Writes spec.export's ConfigMap (<see cref="ClientHints"/>) in the object's namespace, controlled by the object so
/// the garbage collector deletes it with the object; deletes the one it wrote when export is removed or renamed. A ConfigMap
/// of that name that the object does not control is never touched. The only writer of ConfigMaps.</summary>
/// <param name="namespaces">The namespaces it may write in (run --export-namespace; the chart grants ConfigMaps only there);
/// null: every namespace. Elsewhere it makes no ConfigMap call at all.</param>
public sealed class ClientHintsExporter(IConfigMapClient configMaps, IReadOnlySet<string>? namespaces = null)
{
    // The answer of every reconcile of an object without spec.export, shared.
    private static readonly ExportResult NoExport = new(null, "", "", null);

    /// <param name="claim">Records the ConfigMap's name in the object's status before it is created, so a crash right after
    /// the create leaves it named there, to be deleted when the export is renamed or removed.</param>
    public async Task<ExportResult> ExportAsync(VpcEndpoint resource, DesiredEndpoint desired, AwsEndpoint endpoint,
        AwsEndpointService? service, Func<string, CancellationToken, Task> claim, CancellationToken ct)
    {
        var ns = resource.Metadata.Namespace ?? "default";
        var wanted = resource.Spec.Export?.ConfigMapName;
        if (namespaces is not null && !namespaces.Contains(ns))
        {
            return NotAllowed(resource, ns, wanted);
        }
        // Nearly always none: no list until there is one.
        List<PendingEvent>? notes = null;
        try
        {
            if (resource.Status?.ExportedConfigMap is { } previous && previous != wanted && await DeleteOwnAsync(resource, ns, previous, ct))
            {
                (notes ??= []).Add(new(EventTypes.Normal, "ConfigMapDeleted", $"deleted ConfigMap {previous}: spec.export no longer names it"));
            }
            if (wanted is null)
            {
                return notes is null ? NoExport : new ExportResult(null, "", "", null) { Notes = notes };
            }
            var data = ClientHints.Data(desired.Region, desired.ServiceName, endpoint, service?.PrivateDnsName);
            if (data is null)
            {
                return new ExportResult(false, ExportReasons.EndpointNotReady, $"endpoint {endpoint.VpcEndpointId} has no DNS name yet; ConfigMap {wanted} waits for it",
                    Recorded(resource, wanted)) { Notes = Listed(notes) };
            }
            var current = await configMaps.GetAsync(ns, wanted, ct);
            if (current is null)
            {
                await claim(wanted, ct);
                await configMaps.CreateAsync(new KubeConfigMap(ns, wanted, data, Owner(resource)), ct);
                (notes ??= []).Add(new(EventTypes.Normal, "ConfigMapWritten", $"wrote ConfigMap {wanted}: {Describe(data)}"));
            }
            else if (current.Controller?.Uid is not { } controller || controller != resource.Metadata.Uid)
            {
                var owner = current.Controller is { } c ? $"is controlled by {c.Kind.ToLowerInvariant()}/{c.Name}" : "has no controller";
                return new ExportResult(false, ExportReasons.ConfigMapNotOwned,
                    $"spec.export.configMapName: ConfigMap {wanted} already exists and {owner}; the operator does not overwrite it (name another ConfigMap)", null)
                    { Notes = Listed(notes) };
            }
            else if (!SameData(current.Data, data))
            {
                await configMaps.ReplaceDataAsync(current, data, ct);
                (notes ??= []).Add(new(EventTypes.Normal, "ConfigMapWritten", $"wrote ConfigMap {wanted}: {Describe(data)}"));
            }
            return new ExportResult(true, ExportReasons.ConfigMapWritten, $"ConfigMap {wanted} has {Describe(data)}", wanted) { Notes = Listed(notes) };
        }
        catch (KubeApiException e)
        {
            return new ExportResult(false, ExportReasons.ExportFailed, $"ConfigMap {wanted}: {e.Message}", Recorded(resource, wanted)) { Notes = Listed(notes) };
        }
    }

    // No call in a namespace the operator may not write ConfigMaps in (it may not even read them there): the status keeps
    // naming a ConfigMap it wrote before the namespace was taken off the list, to be deleted once it is back on it (or by
    // the garbage collector with the object).
    private ExportResult NotAllowed(VpcEndpoint resource, string ns, string? wanted)
    {
        var previous = resource.Status?.ExportedConfigMap;
        if (wanted is null)
        {
            return previous is null ? NoExport : new ExportResult(null, "", "", previous);
        }
        var allowed = namespaces!.Count == 0 ? "none (no --export-namespace given a namespace)" : string.Join(", ", namespaces.Order(StringComparer.Ordinal));
        return new ExportResult(false, ExportReasons.ExportNotAllowed,
            $"spec.export: ConfigMaps may not be written in namespace {ns}; the operator's export namespaces (--export-namespace, chart value export.namespaces): {allowed}; nothing written",
            previous);
    }

    private static IReadOnlyList<PendingEvent> Listed(List<PendingEvent>? notes) => notes ?? (IReadOnlyList<PendingEvent>)[];

    // Deletes a ConfigMap this object controls (the one the status says it wrote); true when it was there to delete.
    private async Task<bool> DeleteOwnAsync(VpcEndpoint resource, string ns, string name, CancellationToken ct)
    {
        var current = await configMaps.GetAsync(ns, name, ct);
        return current is { Uid: { } uid } && current.Controller?.Uid == resource.Metadata.Uid && resource.Metadata.Uid is not null
            && await configMaps.DeleteAsync(ns, name, uid, ct);
    }

    // While it cannot write, the status keeps naming the ConfigMap it wrote earlier under this name, so it can still delete it.
    private static string? Recorded(VpcEndpoint resource, string? wanted) =>
        resource.Status?.ExportedConfigMap == wanted ? wanted : null;

    private static ConfigMapOwner Owner(VpcEndpoint resource) =>
        new(resource.ApiVersion, resource.Kind, resource.Metadata.Name,
            resource.Metadata.Uid ?? throw new InvalidOperationException($"{resource.Kind} {resource.Metadata.Name} has no uid"));

    private static bool SameData(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private static string Describe(IReadOnlyDictionary<string, string> data) =>
        string.Join(", ", data.Select(p => $"{p.Key}={p.Value}"));
}

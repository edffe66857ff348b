using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary><see cref="IConfigMapClient"/> over core/v1. The data patch is a merge patch carrying the resourceVersion read
/// (the API server answers 409 when it moved on); the delete carries the uid read as a precondition (409 when the name now
/// holds another ConfigMap).</summary>
public sealed class KubeConfigMapClient(IKubernetes client) : IConfigMapClient
{
    public async Task<KubeConfigMap?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            return ToPort(await client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Refused(e);
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            throw KubeUnreachable.Wrap($"get configmap {@namespace}/{name}", e);
        }
    }

    public Task<KubeConfigMap> CreateAsync(KubeConfigMap configMap, CancellationToken ct) => Call($"create configmap {configMap.Namespace}/{configMap.Name}", async () =>
    {
        var body = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = configMap.Name,
                NamespaceProperty = configMap.Namespace,
                OwnerReferences = configMap.Controller is { } owner
                    ? [new V1OwnerReference
                    {
                        ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Name, Uid = owner.Uid,
                        // blockOwnerDeletion stays unset: under OwnerReferencesPermissionEnforcement it needs update on
                        // vpcendpoints/finalizers, and background deletion does without it.
                        Controller = true,
                    }]
                    : null,
            },
            Data = configMap.Data.ToDictionary(p => p.Key, p => p.Value),
        };
        return ToPort(await client.CoreV1.CreateNamespacedConfigMapAsync(body, configMap.Namespace, cancellationToken: ct).ConfigureAwait(false));
    }, ct);

    public Task<KubeConfigMap> ReplaceDataAsync(KubeConfigMap current, IReadOnlyDictionary<string, string> data, CancellationToken ct) => Call($"patch configmap {current.Namespace}/{current.Name}", async () =>
    {
        var dataPatch = new JsonObject();
        foreach (var key in current.Data.Keys.Where(k => !data.ContainsKey(k)))
        {
            // A merge patch removes a key given as null.
            dataPatch[key] = null;
        }
        foreach (var (key, value) in data)
        {
            dataPatch[key] = value;
        }
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = current.ResourceVersion },
            ["data"] = dataPatch,
        };
        return ToPort(await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            current.Name, current.Namespace, cancellationToken: ct).ConfigureAwait(false));
    }, ct);

    public async Task<bool> DeleteAsync(string @namespace, string name, string uid, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(name, @namespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Refused(e);
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            throw KubeUnreachable.Wrap($"delete configmap {@namespace}/{name}", e);
        }
    }

    private static KubeConfigMap ToPort(V1ConfigMap map)
    {
        var owner = map.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        return new KubeConfigMap(map.Metadata.NamespaceProperty, map.Metadata.Name,
            (map.Data ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            owner is null ? null : new ConfigMapOwner(owner.ApiVersion, owner.Kind, owner.Name, owner.Uid))
        {
            Uid = map.Metadata.Uid,
            ResourceVersion = map.Metadata.ResourceVersion,
        };
    }

    private static async Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Refused(e);
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            throw KubeUnreachable.Wrap(operation, e);
        }
    }

    private static Exception Refused(HttpOperationException e) => e.Response.StatusCode == HttpStatusCode.Conflict
        ? new ConflictException(e.Response.Content ?? e.Message, e)
        : new KubeApiException((int)e.Response.StatusCode, $"{(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {e.Response.Content ?? e.Message}", e);
}

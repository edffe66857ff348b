using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>Writes core/v1 Events about the operator's objects. A repeat of the same type, reason and message about the
/// same object within <see cref="AggregationWindow"/> raises the count of the earlier Event (as client-go's correlator
/// does) instead of creating another, which keeps a retrying object from flooding the namespace with events.
/// An event that cannot be written is logged, never thrown: events are advisory.</summary>
public sealed class KubeEventRecorder : IEventRecorder
{
    public const string Component = "vpce-operator";
    public const string ReportingController = "vpce.io/operator";
    public static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);

    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instance;
    private readonly ConcurrentDictionary<(string? Uid, string Namespace, string Name, string Type, string Reason, string Message), EventAggregate> _recent = new();

    /// <summary>Where events of cluster-scoped objects (AwsAccount) go, as client-go's recorder puts them: the API server
    /// takes an involvedObject without a namespace only there, and `kubectl describe` finds them there.</summary>
    public const string ClusterEventsNamespace = "default";

    public KubeEventRecorder(IKubernetes client, TimeProvider? time = null, ILogger? logger = null, string? instance = null)
    {
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _instance = instance ?? KubeLeaderElection.DefaultIdentity();
    }

    public Task RecordAsync(ICustomResource involved, string type, string reason, string message, CancellationToken ct) =>
        RecordAsync(ObjectReference.Of(involved), type, reason, message, ct);

    public async Task RecordAsync(ObjectReference involved, string type, string reason, string message, CancellationToken ct)
    {
        var @namespace = string.IsNullOrEmpty(involved.Namespace) ? ClusterEventsNamespace : involved.Namespace;
        var key = (involved.Uid, @namespace, involved.Name, type, reason, message);
        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            if (_recent.TryGetValue(key, out var earlier) && now - earlier.Last < AggregationWindow)
            {
                var count = earlier.Count + 1;
                var patch = $$"""{"count":{{count}},"lastTimestamp":"{{now:yyyy-MM-ddTHH:mm:ssZ}}"}""";
                try
                {
                    await _client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch),
                        earlier.Name, @namespace, cancellationToken: ct).ConfigureAwait(false);
                    _recent[key] = earlier with { Count = count, Last = now };
                    return;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    // The earlier Event expired (events have a TTL): start a new one.
                }
            }
            var name = $"{involved.Name}.{now.Ticks:x}";
            var created = new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = involved.ApiVersion,
                    Kind = involved.Kind,
                    Name = involved.Name,
                    // A cluster-scoped object's reference has no namespace (the event itself is in "default").
                    NamespaceProperty = string.IsNullOrEmpty(involved.Namespace) ? null : @namespace,
                    Uid = involved.Uid,
                    ResourceVersion = involved.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Source = new V1EventSource { Component = Component },
                ReportingComponent = ReportingController,
                ReportingInstance = _instance,
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            };
            await _client.CoreV1.CreateNamespacedEventAsync(created, @namespace, cancellationToken: ct).ConfigureAwait(false);
            _recent[key] = new EventAggregate(name, 1, now);
            Prune(now);
        }
        catch (HttpOperationException e)
        {
            _logger.LogWarning("could not record event {Reason} on {Kind} {Namespace}/{Name}: {Status} {Error}",
                reason, involved.Kind, @namespace, involved.Name, (int)e.Response.StatusCode, e.Response.ReasonPhrase);
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            _logger.LogWarning("could not record event {Reason} on {Kind} {Namespace}/{Name}: the API server could not be reached ({Error})",
                reason, involved.Kind, @namespace, involved.Name, e.Message);
        }
    }

    // Forget aggregation entries past the window, so the map does not grow with every message ever sent.
    private void Prune(DateTime now)
    {
        foreach (var entry in _recent)
        {
            if (now - entry.Value.Last >= AggregationWindow) _recent.TryRemove(entry.Key, out _);
        }
    }
}

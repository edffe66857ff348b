using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Crds.Schema;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>One kind of an in-memory API server. Behaves like kube-apiserver where the operator can see it: uid,
/// resourceVersion (bumped on every write that changes something, never on a no-op), generation (bumped by spec changes
/// and by the start of deletion, never by status), second-precision timestamps, watches from a resourceVersion with
/// Added/Modified/Deleted, 410 Gone for a compacted resourceVersion, finalizers holding deletion, 409 on a stale
/// resourceVersion. The user-facing side (<see cref="Apply"/>, <see cref="Delete"/>, <see cref="Get"/>) is what kubectl
/// would do; <see cref="DropWatches"/> and <see cref="ExpireResourceVersions"/> inject the failures an informer must survive.</summary>
public sealed class InMemoryResourceClient<T> : IResourceClient<T> where T : class, ICustomResource, new()
{
    /// <summary>Watch history kept for watches that start from an older resourceVersion; older ones are compacted (410).</summary>
    public const int HistoryLimit = 1000;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly InMemoryRevisionClock _clock;
    private readonly Dictionary<(string Namespace, string Name), T> _objects = new();
    private readonly Queue<(long Revision, WatchEvent<T> Event, string Namespace)> _history = new();
    private readonly List<InMemoryWatch<T>> _watches = new();
    private long _compactedRevision;

    public InMemoryResourceClient(TimeProvider? time = null, InMemoryRevisionClock? clock = null)
    {
        _time = time ?? TimeProvider.System;
        _clock = clock ?? new InMemoryRevisionClock();
    }

    /// <summary>Open watch streams.</summary>
    public int WatchCount { get { lock (_gate) return _watches.Count; } }

    // ---- the port ----

    public Task<ResourceList<T>> ListAsync(string? @namespace, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var items = _objects.Values.Where(o => @namespace is null || o.Metadata.Namespace == @namespace)
                .OrderBy(o => o.Metadata.Namespace).ThenBy(o => o.Metadata.Name).Select(KubeJson.Copy).ToList();
            return Task.FromResult(new ResourceList<T>(items, _clock.Current.ToString()));
        }
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct) =>
        WatchCoreAsync(@namespace, resourceVersion, ct);

    public Task<T?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Get(@namespace, name));
    }

    public Task<T> PatchStatusAsync(T resource, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var existing = Existing(resource);
            var node = ToNode(existing);
            // The adapter sends the whole status (nulls included) as a merge patch: the stored status becomes this one.
            var status = KubeJson.Node(resource)?["status"]?.DeepClone();
            if (status is null) node.Remove("status");
            else node["status"] = status;
            var updated = FromNode(node);
            if (KubeJson.SameJson(existing, updated)) return Task.FromResult(KubeJson.Copy(existing));
            return Task.FromResult(Write(existing, updated));
        }
    }

    public Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var existing = Existing(resource);
            if (resource.Metadata.ResourceVersion != existing.Metadata.ResourceVersion)
                throw new ConflictException(
                    $"Operation cannot be fulfilled on {Plural} \"{existing.Metadata.Name}\": the object has been modified; " +
                    "please apply your changes to the latest version and try again");
            var current = existing.Metadata.Finalizers ?? [];
            if (existing.Metadata.DeletionTimestamp is not null && finalizers.Any(f => !current.Contains(f)))
                throw new InvalidOperationException(
                    $"{Plural} \"{existing.Metadata.Name}\" is being deleted: no new finalizers can be added");
            if (current.SequenceEqual(finalizers)) return Task.FromResult(KubeJson.Copy(existing));
            var updated = KubeJson.Copy(existing);
            updated.Metadata.Finalizers = finalizers.Count == 0 ? null : finalizers.ToList();
            return Task.FromResult(Write(existing, updated));
        }
    }

    // ---- what a user (kubectl) or a test does ----

    /// <summary>Like <c>kubectl apply</c>: creates the object (namespace "default" when unset; status is ignored, as the
    /// status subresource requires), or updates its spec, labels, annotations and, when given, finalizers.
    /// Returns the stored object.</summary>
    public T Apply(T resource)
    {
        lock (_gate)
        {
            var @namespace = string.IsNullOrEmpty(resource.Metadata.Namespace) ? "default" : resource.Metadata.Namespace;
            if (string.IsNullOrEmpty(resource.Metadata.Name)) throw new ArgumentException("metadata.name is required", nameof(resource));
            if (!_objects.TryGetValue((@namespace, resource.Metadata.Name), out var existing))
                return Create(resource, @namespace);
            var incoming = ToNode(resource);
            var node = ToNode(existing);
            node["spec"] = incoming["spec"]?.DeepClone();
            var updated = FromNode(node);
            updated.Metadata.Labels = resource.Metadata.Labels is null ? null : new(resource.Metadata.Labels);
            updated.Metadata.Annotations = resource.Metadata.Annotations is null ? null : new(resource.Metadata.Annotations);
            if (resource.Metadata.Finalizers is not null)
                updated.Metadata.Finalizers = resource.Metadata.Finalizers.Count == 0 ? null : resource.Metadata.Finalizers.ToList();
            if (KubeJson.SameJson(existing, updated)) return KubeJson.Copy(existing);
            if (!JsonNode.DeepEquals(ToNode(existing)["spec"], node["spec"]))
                updated.Metadata.Generation = (existing.Metadata.Generation ?? 0) + 1;
            return Write(existing, updated);
        }
    }

    /// <summary>Like <c>kubectl delete</c>: with finalizers, sets deletionTimestamp (the object stays until the last one is
    /// removed); without, removes it. False when there was no such object.</summary>
    public bool Delete(string @namespace, string name)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((@namespace, name), out var existing)) return false;
            if (existing.Metadata.Finalizers is { Count: > 0 })
            {
                if (existing.Metadata.DeletionTimestamp is not null) return true;
                var deleting = KubeJson.Copy(existing);
                deleting.Metadata.DeletionTimestamp = Now();
                // The API server bumps generation when graceful deletion starts.
                deleting.Metadata.Generation = (existing.Metadata.Generation ?? 0) + 1;
                Write(existing, deleting);
                return true;
            }
            Remove(existing);
            return true;
        }
    }

    /// <summary>A copy of the object, or null.</summary>
    public T? Get(string @namespace, string name)
    {
        lock (_gate) return _objects.TryGetValue((@namespace, name), out var found) ? KubeJson.Copy(found) : null;
    }

    /// <summary>Copies of every object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate) return _objects.Values.Select(KubeJson.Copy).ToList();
    }

    /// <summary>Ends every open watch, as a dropped connection or the API server's watch timeout would.</summary>
    public void DropWatches()
    {
        List<InMemoryWatch<T>> watches;
        lock (_gate)
        {
            watches = _watches.ToList();
            _watches.Clear();
        }
        foreach (var watch in watches) watch.Channel.Writer.TryComplete();
    }

    /// <summary>Compacts history up to now, as etcd does: every open watch fails with 410 Gone
    /// (<see cref="ResourceExpiredException"/>), and so does any watch from a resourceVersion seen so far.</summary>
    public void ExpireResourceVersions()
    {
        List<InMemoryWatch<T>> watches;
        lock (_gate)
        {
            _compactedRevision = _clock.Current;
            _history.Clear();
            watches = _watches.ToList();
            _watches.Clear();
        }
        foreach (var watch in watches)
            watch.Channel.Writer.TryComplete(new ResourceExpiredException("too old resource version (410 Gone)"));
    }

    private static string Plural => typeof(T).GetCustomAttribute<KindAttribute>()?.Plural ?? typeof(T).Name.ToLowerInvariant();

    private async IAsyncEnumerable<WatchEvent<T>> WatchCoreAsync(string? @namespace, string resourceVersion,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var watch = Subscribe(@namespace, resourceVersion);
        try
        {
            var reader = watch.Channel.Reader;
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var watchEvent)) yield return watchEvent;
            }
        }
        finally
        {
            lock (_gate) _watches.Remove(watch);
        }
    }

    private InMemoryWatch<T> Subscribe(string? @namespace, string resourceVersion)
    {
        var watch = new InMemoryWatch<T>(string.IsNullOrEmpty(@namespace) ? null : @namespace);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                // "Any version": the API server starts with a synthetic Added per existing object.
                foreach (var existing in _objects.Values.Where(o => watch.Matches(o.Metadata.Namespace!)))
                    watch.Channel.Writer.TryWrite(new WatchEvent<T>(WatchEventKind.Added, KubeJson.Copy(existing)));
            }
            else
            {
                if (!long.TryParse(resourceVersion, out var from))
                    throw new ArgumentException($"invalid resourceVersion \"{resourceVersion}\"", nameof(resourceVersion));
                if (from < _compactedRevision)
                    throw new ResourceExpiredException($"too old resource version: {from} ({_compactedRevision})");
                foreach (var (revision, watchEvent, objectNamespace) in _history)
                {
                    if (revision > from && watch.Matches(objectNamespace))
                        watch.Channel.Writer.TryWrite(new WatchEvent<T>(watchEvent.Kind, KubeJson.Copy(watchEvent.Object)));
                }
            }
            _watches.Add(watch);
        }
        return watch;
    }

    private T Create(T resource, string @namespace)
    {
        var node = ToNode(resource);
        node.Remove("status");
        var created = FromNode(node);
        created.Metadata.Namespace = @namespace;
        created.Metadata.Uid = Guid.NewGuid().ToString();
        created.Metadata.Generation = 1;
        created.Metadata.CreationTimestamp = Now();
        created.Metadata.DeletionTimestamp = null;
        if (created.Metadata.Finalizers is { Count: 0 }) created.Metadata.Finalizers = null;
        var revision = _clock.Next();
        created.Metadata.ResourceVersion = revision.ToString();
        _objects[(@namespace, created.Metadata.Name)] = created;
        Emit(revision, WatchEventKind.Added, created);
        return KubeJson.Copy(created);
    }

    // Stores a changed object; a deleting object whose last finalizer went is removed instead.
    private T Write(T existing, T updated)
    {
        if (updated.Metadata.DeletionTimestamp is not null && updated.Metadata.Finalizers is not { Count: > 0 })
        {
            Remove(updated);
            return KubeJson.Copy(updated);
        }
        var revision = _clock.Next();
        updated.Metadata.ResourceVersion = revision.ToString();
        _objects[Key(existing)] = updated;
        Emit(revision, WatchEventKind.Modified, updated);
        return KubeJson.Copy(updated);
    }

    private void Remove(T resource)
    {
        _objects.Remove(Key(resource));
        var revision = _clock.Next();
        var gone = KubeJson.Copy(resource);
        gone.Metadata.ResourceVersion = revision.ToString();
        Emit(revision, WatchEventKind.Deleted, gone);
    }

    private void Emit(long revision, WatchEventKind kind, T resource)
    {
        var @namespace = resource.Metadata.Namespace!;
        _history.Enqueue((revision, new WatchEvent<T>(kind, KubeJson.Copy(resource)), @namespace));
        while (_history.Count > HistoryLimit) _compactedRevision = _history.Dequeue().Revision;
        // Copy the list: a synchronous continuation may open or close a watch while we iterate.
        foreach (var watch in _watches.ToList())
        {
            if (watch.Matches(@namespace))
                watch.Channel.Writer.TryWrite(new WatchEvent<T>(kind, KubeJson.Copy(resource)));
        }
    }

    private T Existing(T resource)
    {
        var @namespace = resource.Metadata.Namespace ?? "";
        return _objects.TryGetValue((@namespace, resource.Metadata.Name), out var existing)
            ? existing
            : throw new KubeObjectNotFoundException($"{Plural} \"{resource.Metadata.Name}\" not found in namespace \"{@namespace}\"");
    }

    private static (string, string) Key(T resource) => (resource.Metadata.Namespace ?? "", resource.Metadata.Name);

    private static JsonObject ToNode(T resource) => KubeJson.Node(resource)!.AsObject();

    private static T FromNode(JsonObject node) =>
        node.Deserialize<T>(KubeJson.Options) ?? throw new InvalidOperationException("object came back null");

    // metav1.Time has second precision.
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}

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
/// would do; <see cref="DropWatches"/> and <see cref="ExpireResourceVersions"/> inject the failures an informer must survive,
/// and <see cref="StoreRaw"/> stores an object that does not decode (written under an older schema), which List and Watch
/// report as undecodable the way the client adapter does. While <see cref="InMemoryOutage"/> is on, every call of the port
/// fails as a refused connection does and every open watch breaks; the user-facing side still works.</summary>
public sealed class InMemoryResourceClient<T> : IResourceClient<T> where T : class, ICustomResource, new()
{
    // The store's copies hold their strings as the API server adapter's decoding does (PooledStrings): what the informer
    // caches weighs what it weighs in production.
    private static readonly Func<string, string> Pooled = PooledStrings.Shared.Pool;

    private static T Copied(T resource) => ResourceCopy.Of(resource, Pooled);

    /// <summary>Watch history kept for watches that start from an older resourceVersion; older ones are compacted (410).</summary>
    public const int HistoryLimit = 1000;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly InMemoryRevisionClock _clock;
    private readonly InMemoryOutage _outage;
    private readonly Dictionary<(string Namespace, string Name), T> _objects = new();
    // Objects stored as raw JSON that does not decode into T; disjoint from _objects.
    private readonly Dictionary<(string Namespace, string Name), JsonObject> _raw = new();
    private readonly Queue<(long Revision, WatchEvent<T> Event, string Namespace)> _history = new();
    private readonly List<InMemoryWatch<T>> _watches = new();
    private long _compactedRevision;

    public InMemoryResourceClient(TimeProvider? time = null, InMemoryRevisionClock? clock = null, InMemoryOutage? outage = null)
    {
        _time = time ?? TimeProvider.System;
        _clock = clock ?? new InMemoryRevisionClock();
        _outage = outage ?? new InMemoryOutage();
    }

    /// <summary>An object left the store (deleted, its last finalizer gone): what the garbage collector acts on.</summary>
    public event Action<T>? Removed;

    /// <summary>Open watch streams.</summary>
    public int WatchCount { get { lock (_gate) return _watches.Count; } }

    /// <summary>Objects per list page (the adapter asks the API server for <see cref="DefaultListPageSize"/>); tests make it
    /// small to see a list in several pages.</summary>
    public int ListPageSize { get; set; } = DefaultListPageSize;

    public const int DefaultListPageSize = 500;

    // ---- the port ----

    public IAsyncEnumerable<ResourceListPage<T>> ListAsync(string? @namespace, CancellationToken ct) =>
        Pages(@namespace, ct).ToAsyncEnumerable();

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct) =>
        WatchCoreAsync(@namespace, resourceVersion, ct);

    public Task<T?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"get {Plural} {@namespace}/{name}");
        lock (_gate)
        {
            // As the adapter: reading an object that does not decode is the decoder's JsonException.
            if (_raw.TryGetValue((@namespace, name), out var raw)) throw DecodeError(raw);
            return Task.FromResult(Get(@namespace, name));
        }
    }

    public Task<T> PatchStatusAsync(T resource, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"patch the status of {Plural} {resource.Metadata.Namespace}/{resource.Metadata.Name}");
        lock (_gate)
        {
            var existing = Existing(resource);
            // The adapter sends the whole status (nulls included, empty lists as null, StatusJson) as a merge patch: the
            // stored status becomes this one, without the fields the patch nulled, which read back as the contract's
            // defaults. The rest is the stored object's, copied (a test holds this copy to the JSON round trip).
            var updated = ResourceCopy.WithPatchedStatus(existing, resource.Status, Pooled);
            // Both were copied through the same contracts from the same stored object, dictionaries in the same order, so
            // their bytes are equal exactly when their JSON is: compared as bytes, without two node trees.
            if (KubeJson.SameBytes(existing, updated)) return Task.FromResult(Copied(existing));
            return Task.FromResult(Write(existing, updated));
        }
    }

    public Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"patch the finalizers of {Plural} {resource.Metadata.Namespace}/{resource.Metadata.Name}");
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
            if (current.SequenceEqual(finalizers)) return Task.FromResult(Copied(existing));
            var updated = Copied(existing);
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
            var @namespace = ClusterScoped ? "" : string.IsNullOrEmpty(resource.Metadata.Namespace) ? "default" : resource.Metadata.Namespace;
            if (string.IsNullOrEmpty(resource.Metadata.Name)) throw new ArgumentException("metadata.name is required", nameof(resource));
            if (_raw.Remove((@namespace, resource.Metadata.Name), out var raw))
                return ReplaceRaw(raw, resource, @namespace);
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
            if (KubeJson.SameJson(existing, updated)) return Copied(existing);
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
            if (_raw.ContainsKey((@namespace, name))) return DeleteRaw(@namespace, name);
            if (!_objects.TryGetValue((@namespace, name), out var existing)) return false;
            if (existing.Metadata.Finalizers is { Count: > 0 })
            {
                if (existing.Metadata.DeletionTimestamp is not null) return true;
                var deleting = Copied(existing);
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

    /// <summary>Like writing <paramref name="json"/> (a whole object) under an older schema: stores it as namespace/name without
    /// decoding it, so List and Watch report it as undecodable. The server's metadata (uid, resourceVersion, generation,
    /// creationTimestamp) is set as on any write; an object already there is replaced (a Modified event). A later
    /// <see cref="Apply"/> replaces it with an object that decodes, as fixing it with kubectl would.</summary>
    /// <exception cref="ArgumentException">The JSON is not an object, or it decodes (use <see cref="Apply"/> for those).</exception>
    public void StoreRaw(string @namespace, string name, string json)
    {
        if (JsonNode.Parse(json) is not JsonObject node) throw new ArgumentException("not a JSON object", nameof(json));
        lock (_gate)
        {
            var key = (@namespace, name);
            string uid;
            long generation;
            JsonNode? created;
            var replaced = true;
            if (_objects.TryGetValue(key, out var existing))
            {
                uid = existing.Metadata.Uid!;
                generation = (existing.Metadata.Generation ?? 0) + 1;
                created = KubeJson.Node(existing.Metadata.CreationTimestamp);
            }
            else if (_raw.TryGetValue(key, out var earlier))
            {
                uid = earlier["metadata"]!["uid"]!.GetValue<string>();
                generation = earlier["metadata"]!["generation"]!.GetValue<long>() + 1;
                created = earlier["metadata"]!["creationTimestamp"]?.DeepClone();
            }
            else
            {
                uid = Guid.NewGuid().ToString();
                generation = 1;
                created = KubeJson.Node(Now());
                replaced = false;
            }
            var metadata = node["metadata"] as JsonObject ?? new JsonObject();
            node.Remove("metadata");
            metadata["name"] = name;
            metadata["namespace"] = @namespace;
            metadata["uid"] = uid;
            metadata["generation"] = generation;
            metadata["creationTimestamp"] = created;
            node["metadata"] = metadata;
            node["apiVersion"] ??= new T().ApiVersion;
            node["kind"] ??= new T().Kind;
            if (ResourceDecoder.TryDecode<T>(JsonSerializer.SerializeToElement(node), KubeJson.Options, out _, out _))
                throw new ArgumentException($"the JSON decodes as a {typeof(T).Name}: use Apply", nameof(json));
            var revision = _clock.Next();
            metadata["resourceVersion"] = revision.ToString();
            _objects.Remove(key);
            _raw[key] = node;
            Emit(revision, new WatchEvent<T>(replaced ? WatchEventKind.Modified : WatchEventKind.Added, Undecodable(node)), @namespace);
        }
    }

    /// <summary>A copy of the object, or null (also for an object stored with <see cref="StoreRaw"/>).</summary>
    public T? Get(string @namespace, string name)
    {
        lock (_gate) return _objects.TryGetValue((@namespace, name), out var found) ? Copied(found) : null;
    }

    /// <summary>Copies of every object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate) return _objects.Values.Select(Copied).ToList();
    }

    /// <summary>Drops every object and the watch history without a watch event, as if the API server's process were gone
    /// (open watches see nothing more; a watch from a resourceVersion seen so far is 410 Gone, the history being compacted).
    /// What the bench uses to weigh the operator apart from the store beside it.</summary>
    public void Discard()
    {
        lock (_gate)
        {
            _compactedRevision = _clock.Current;
            // Their arrays too: what is weighed after a discard is the rest of the process.
            _objects.Clear();
            _objects.TrimExcess();
            _raw.Clear();
            _raw.TrimExcess();
            _history.Clear();
            _history.TrimExcess();
        }
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

    /// <summary>Breaks every open watch with <paramref name="failure"/>, as a connection cut under it does (<see cref="InMemoryKube.TakeAway"/>).</summary>
    public void BreakWatches(Exception failure)
    {
        List<InMemoryWatch<T>> watches;
        lock (_gate)
        {
            watches = _watches.ToList();
            _watches.Clear();
        }
        foreach (var watch in watches) watch.Channel.Writer.TryComplete(failure);
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

    // As the API server over etcd: every page comes from the snapshot taken when the list began, and a page asked for after
    // that snapshot was compacted is 410 Gone, upon which (as the adapter) the list begins again in one request.
    private IEnumerable<ResourceListPage<T>> Pages(string? @namespace, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"list {Plural}");
        var (entries, revision) = Snapshot(@namespace);
        var pageSize = Math.Max(1, ListPageSize);
        for (var offset = 0; ; offset += pageSize)
        {
            ct.ThrowIfCancellationRequested();
            // Each page is a request of its own: an outage between two fails the list there.
            if (offset > 0) _outage.ThrowIfOngoing($"list {Plural}");
            if (offset > 0 && Compacted(revision))
            {
                var (all, now) = Snapshot(@namespace);
                yield return Page(all, 0, all.Count, now, isLast: true) with { StartsOver = true };
                yield break;
            }
            var count = Math.Min(pageSize, entries.Count - offset);
            var isLast = offset + count >= entries.Count;
            yield return Page(entries, offset, count, revision, isLast);
            if (isLast) yield break;
        }
    }

    // References, in the API server's key order (namespace, name), objects and undecodable ones alike. A stored object is
    // never changed (every write stores a new instance), so the references are the snapshot; the undecodable ones are
    // described now, since a raw object's metadata is written in place.
    private (List<(T? Object, UndecodableObject? Undecodable)> Entries, long Revision) Snapshot(string? @namespace)
    {
        lock (_gate)
        {
            var entries = _objects.Where(o => @namespace is null || o.Key.Namespace == @namespace)
                .Select(o => (o.Key, Entry: ((T?)o.Value, (UndecodableObject?)null)))
                .Concat(_raw.Where(raw => @namespace is null || raw.Key.Namespace == @namespace)
                    .Select(raw => (raw.Key, Entry: ((T?)null, (UndecodableObject?)Undecodable(raw.Value)))))
                .OrderBy(e => e.Key.Namespace, StringComparer.Ordinal).ThenBy(e => e.Key.Name, StringComparer.Ordinal)
                .Select(e => e.Entry)
                .ToList();
            return (entries, _clock.Current);
        }
    }

    private bool Compacted(long revision)
    {
        lock (_gate) return revision < _compactedRevision;
    }

    private static ResourceListPage<T> Page(List<(T? Object, UndecodableObject? Undecodable)> entries, int offset, int count,
        long revision, bool isLast)
    {
        var range = entries.GetRange(offset, count);
        return new ResourceListPage<T>(range.Where(e => e.Object is not null).Select(e => Copied(e.Object!)).ToList(),
            revision.ToString(), isLast)
        {
            Undecodable = range.Where(e => e.Undecodable is not null).Select(e => e.Undecodable!).ToList(),
        };
    }

    // A cluster-scoped kind's objects have no namespace: stored under "", shown as null.
    private static bool ClusterScoped => typeof(IClusterScoped).IsAssignableFrom(typeof(T));

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
            // Under the lock that BreakWatches takes: a watch either sees the outage or is broken by it.
            _outage.ThrowIfOngoing($"watch {Plural}");
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                // "Any version": the API server starts with a synthetic Added per existing object.
                foreach (var existing in _objects.Values.Where(o => watch.Matches(o.Metadata.Namespace ?? "")))
                    watch.Channel.Writer.TryWrite(new WatchEvent<T>(WatchEventKind.Added, Copied(existing)));
                foreach (var raw in _raw.Where(raw => watch.Matches(raw.Key.Namespace)))
                    watch.Channel.Writer.TryWrite(new WatchEvent<T>(WatchEventKind.Added, Undecodable(raw.Value)));
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
                        watch.Channel.Writer.TryWrite(Copy(watchEvent));
                }
            }
            _watches.Add(watch);
        }
        return watch;
    }

    private T Create(T resource, string @namespace)
    {
        var created = Fresh(resource, @namespace);
        created.Metadata.Uid = Guid.NewGuid().ToString();
        created.Metadata.Generation = 1;
        created.Metadata.CreationTimestamp = Now();
        var revision = _clock.Next();
        created.Metadata.ResourceVersion = revision.ToString();
        _objects[(@namespace, created.Metadata.Name)] = created;
        Emit(revision, WatchEventKind.Added, created);
        return Copied(created);
    }

    // An object that decodes takes the place of a raw one: same uid and creation time, the next generation.
    private T ReplaceRaw(JsonObject raw, T resource, string @namespace)
    {
        var metadata = raw["metadata"]!;
        var replacement = Fresh(resource, @namespace);
        replacement.Metadata.Uid = metadata["uid"]!.GetValue<string>();
        replacement.Metadata.Generation = metadata["generation"]!.GetValue<long>() + 1;
        replacement.Metadata.CreationTimestamp = metadata["creationTimestamp"]?.Deserialize<DateTimeOffset?>(KubeJson.Options);
        var revision = _clock.Next();
        replacement.Metadata.ResourceVersion = revision.ToString();
        _objects[(@namespace, replacement.Metadata.Name)] = replacement;
        Emit(revision, WatchEventKind.Modified, replacement);
        return Copied(replacement);
    }

    private static T Fresh(T resource, string @namespace)
    {
        var node = ToNode(resource);
        node.Remove("status");
        var fresh = FromNode(node);
        fresh.Metadata.Namespace = ClusterScoped ? null : @namespace;
        fresh.Metadata.DeletionTimestamp = null;
        if (fresh.Metadata.Finalizers is { Count: 0 }) fresh.Metadata.Finalizers = null;
        return fresh;
    }

    // Like Delete for a raw object: finalizers hold it (deletionTimestamp set), else it goes.
    private bool DeleteRaw(string @namespace, string name)
    {
        var raw = _raw[(@namespace, name)];
        var metadata = raw["metadata"]!.AsObject();
        var revision = _clock.Next();
        if (metadata["finalizers"] is JsonArray { Count: > 0 })
        {
            if (metadata["deletionTimestamp"] is not null) return true;
            metadata["deletionTimestamp"] = KubeJson.Node(Now());
            metadata["generation"] = metadata["generation"]!.GetValue<long>() + 1;
            metadata["resourceVersion"] = revision.ToString();
            Emit(revision, new WatchEvent<T>(WatchEventKind.Modified, Undecodable(raw)), @namespace);
            return true;
        }
        _raw.Remove((@namespace, name));
        metadata["resourceVersion"] = revision.ToString();
        Emit(revision, new WatchEvent<T>(WatchEventKind.Deleted, Undecodable(raw)), @namespace);
        return true;
    }

    // Stores a changed object; a deleting object whose last finalizer went is removed instead.
    private T Write(T existing, T updated)
    {
        if (updated.Metadata.DeletionTimestamp is not null && updated.Metadata.Finalizers is not { Count: > 0 })
        {
            Remove(updated);
            return Copied(updated);
        }
        var revision = _clock.Next();
        updated.Metadata.ResourceVersion = revision.ToString();
        _objects[Key(existing)] = updated;
        Emit(revision, WatchEventKind.Modified, updated);
        return Copied(updated);
    }

    private void Remove(T resource)
    {
        _objects.Remove(Key(resource));
        var revision = _clock.Next();
        var gone = Copied(resource);
        gone.Metadata.ResourceVersion = revision.ToString();
        Emit(revision, WatchEventKind.Deleted, gone);
        Removed?.Invoke(Copied(gone));
    }

    // The history keeps the object itself, not a copy: an object is never changed once stored (every change is made on a
    // copy that then replaces it), and every watcher, live or replaying the history, is handed a copy of its own.
    private void Emit(long revision, WatchEventKind kind, T resource) =>
        Emit(revision, new WatchEvent<T>(kind, resource), resource.Metadata.Namespace ?? "");

    private void Emit(long revision, WatchEvent<T> watchEvent, string @namespace)
    {
        _history.Enqueue((revision, watchEvent, @namespace));
        while (_history.Count > HistoryLimit) _compactedRevision = _history.Dequeue().Revision;
        // Copy the list: a synchronous continuation may open or close a watch while we iterate.
        foreach (var watch in _watches.ToList())
        {
            if (watch.Matches(@namespace))
                watch.Channel.Writer.TryWrite(Copy(watchEvent));
        }
    }

    private static WatchEvent<T> Copy(WatchEvent<T> watchEvent) =>
        watchEvent.Object is { } resource ? new WatchEvent<T>(watchEvent.Kind, Copied(resource)) : watchEvent;

    // What the client adapter reports for the stored JSON: the shared decoder's verdict.
    private static UndecodableObject Undecodable(JsonObject raw) =>
        ResourceDecoder.TryDecode<T>(JsonSerializer.SerializeToElement(raw), KubeJson.Options, out _, out var undecodable)
            ? throw new InvalidOperationException("a raw object decodes")
            : undecodable;

    private static JsonException DecodeError(JsonObject raw)
    {
        try
        {
            ResourceDecoder.Decode<T>(JsonSerializer.SerializeToElement(raw), KubeJson.Options);
        }
        catch (JsonException e)
        {
            return e;
        }
        throw new InvalidOperationException("a raw object decodes");
    }

    private T Existing(T resource)
    {
        var @namespace = resource.Metadata.Namespace ?? "";
        // The real server would apply the write and the adapter then fail to decode the answer; here the write is refused.
        if (_raw.TryGetValue((@namespace, resource.Metadata.Name), out var raw)) throw DecodeError(raw);
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

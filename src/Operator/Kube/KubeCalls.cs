using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>How every client adapter makes a call and reads a watch: the API server's refusals as the ports' errors, an
/// unreachable server as <see cref="KubeUnreachable"/>, a watch's events as the ports' kinds and its 410 as
/// <see cref="ResourceExpiredException"/>. Custom objects and namespaces alike.</summary>
internal static class KubeCalls
{
    public static async Task<TResult> CallAsync<TResult>(string operation, Func<Task<TResult>> call, CancellationToken ct)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ConflictException(e.Response.Content ?? e.Message, e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new KubeObjectNotFoundException(e.Response.Content ?? e.Message, e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode != HttpStatusCode.Gone)
        {
            // 410 stays as it is: the paged list answers it by listing again.
            throw new KubeApiException((int)e.Response.StatusCode,
                $"{operation}: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {e.Response.Content ?? e.Message}", e);
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            throw KubeUnreachable.Wrap(operation, e);
        }
    }

    /// <summary>The watch's events that the ports know (added, modified, deleted, bookmark), in order. The library reports an
    /// ERROR event (a Status) through its onError, which <paramref name="failure"/> returns, and reads on; the server then
    /// closes.</summary>
    public static async IAsyncEnumerable<(WatchEventKind Kind, TItem Item)> WatchAsync<TItem>(IAsyncEnumerable<(WatchEventType, TItem)> events,
        Func<Exception?> failure, string what, [EnumeratorCancellation] CancellationToken ct)
    {
        var enumerator = events.GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                bool hasNext;
                try
                {
                    hasNext = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
                {
                    throw new ResourceExpiredException(e.Message, e);
                }
                catch (Exception e) when (KubeUnreachable.Is(e, ct))
                {
                    throw KubeUnreachable.Wrap($"watch {what}", e);
                }
                if (failure() is { } failed) throw Translate(failed);
                if (!hasNext) yield break;
                var (type, item) = enumerator.Current;
                WatchEventKind? kind = type switch
                {
                    WatchEventType.Added => WatchEventKind.Added,
                    WatchEventType.Modified => WatchEventKind.Modified,
                    WatchEventType.Deleted => WatchEventKind.Deleted,
                    WatchEventType.Bookmark => WatchEventKind.Bookmark,
                    _ => null,
                };
                if (kind is { } known) yield return (known, item);
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Exception Translate(Exception failure) => failure switch
    {
        KubernetesException { Status: { } status } when status.Code == (int)HttpStatusCode.Gone
            || status.Reason is "Expired" or "Gone" => new ResourceExpiredException(status.Message ?? "resource version expired", failure),
        _ => new IOException($"watch failed: {failure.Message}", failure),
    };
}

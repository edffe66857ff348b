namespace Vpce.Tests.Contract.Kube;

/// <summary>Runs <paramref name="interlude"/> once, just before the first write (PUT) of a Lease goes to the server: what
/// another candidate writing first looks like, so that write meets 409 Conflict.</summary>
public sealed class BeforeLeaseWriteHandler(Func<Task> interlude) : DelegatingHandler
{
    private int _done;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && request.RequestUri?.AbsolutePath.Contains("/leases/", StringComparison.Ordinal) == true
            && Interlocked.Exchange(ref _done, 1) == 0)
        {
            await interlude();
        }
        return await base.SendAsync(request, cancellationToken);
    }
}

using System.Net;
using System.Text;

namespace Vpce.Operator.Hosting;

/// <summary>/healthz (the process answers) and /readyz (every informer has synced: 503 until then) on one port, on every
/// address. The port may be the metrics port: HttpListeners of one process share a port by path.</summary>
public sealed class HealthEndpoints : IAsyncDisposable
{
    private static readonly byte[] Ok = Encoding.UTF8.GetBytes("ok");
    private static readonly byte[] NotSynced = Encoding.UTF8.GetBytes("informers not synced");

    private readonly HttpListener _listener = new();
    private readonly Func<bool> _ready;
    private readonly Task _serving;

    private HealthEndpoints(int port, Func<bool> ready)
    {
        _ready = ready;
        _listener.Prefixes.Add($"http://+:{port}/healthz/");
        _listener.Prefixes.Add($"http://+:{port}/readyz/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public static HealthEndpoints Start(int port, Func<bool> ready) => new(port, ready);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/');
        var (status, body) = path switch
        {
            "/healthz" => (200, Ok),
            "/readyz" => _ready() ? (200, Ok) : (503, NotSynced),
            _ => (404, []),
        };
        var response = context.Response;
        try
        {
            response.StatusCode = status;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The prober hung up first; the next probe asks again.
            response.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

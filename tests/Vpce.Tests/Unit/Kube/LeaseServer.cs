using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Vpce.Tests.Unit.Kube;

/// <summary>Stands in for the API server's one Lease in the client's handler chain, as kube-apiserver keeps it: GET (404 when
/// there is none), POST creates it (409 when it exists), PUT replaces it when the resourceVersion sent is the stored one
/// (409 otherwise); each write bumps the resourceVersion. While <see cref="Refusing"/>, every request fails as a refused
/// TCP connection does under SocketsHttpHandler, the way a killed API server looks to the client.</summary>
internal sealed class LeaseServer : DelegatingHandler
{
    private readonly Lock _gate = new();
    private JsonObject? _lease;
    private long _revision = 100;
    private volatile bool _refusing;

    public bool Refusing { get => _refusing; set => _refusing = value; }

    /// <summary>The holder the stored Lease names; null when there is none.</summary>
    public string? Holder
    {
        get
        {
            lock (_gate) return _lease?["spec"]?["holderIdentity"]?.GetValue<string>();
        }
    }

    /// <summary>Stores a released Lease (empty holder), as a leader's clean shutdown leaves it.</summary>
    public void StoreReleased(string @namespace, string name)
    {
        lock (_gate)
        {
            _lease = new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1",
                ["kind"] = "Lease",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["resourceVersion"] = Next() },
                ["spec"] = new JsonObject { ["holderIdentity"] = "", ["leaseDurationSeconds"] = 1, ["leaseTransitions"] = 3 },
            };
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_refusing)
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:80)",
                new SocketException((int)SocketError.ConnectionRefused));
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        lock (_gate)
        {
            if (request.Method == HttpMethod.Get)
                return _lease is null ? Status(request, HttpStatusCode.NotFound, "NotFound") : Json(request, HttpStatusCode.OK, _lease);
            if (request.Method == HttpMethod.Post)
            {
                if (_lease is not null) return Status(request, HttpStatusCode.Conflict, "AlreadyExists");
                return Json(request, HttpStatusCode.Created, Store(body!));
            }
            if (request.Method == HttpMethod.Put)
            {
                if (_lease is null) return Status(request, HttpStatusCode.NotFound, "NotFound");
                if (body!["metadata"]?["resourceVersion"]?.GetValue<string>() != _lease["metadata"]!["resourceVersion"]!.GetValue<string>())
                    return Status(request, HttpStatusCode.Conflict, "Conflict");
                return Json(request, HttpStatusCode.OK, Store(body));
            }
            return Status(request, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        }
    }

    private JsonObject Store(JsonObject lease)
    {
        var metadata = lease["metadata"] as JsonObject ?? new JsonObject();
        lease["metadata"] = metadata;
        metadata["resourceVersion"] = Next();
        _lease = lease;
        return lease;
    }

    private string Next() => (++_revision).ToString(CultureInfo.InvariantCulture);

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), RequestMessage = request };

    private static HttpResponseMessage Status(HttpRequestMessage request, HttpStatusCode status, string reason) =>
        new(status)
        {
            Content = new StringContent($$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"{{reason}}","code":{{(int)status}}}""",
                Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
}

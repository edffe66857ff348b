using System.Net;
using System.Text;
using System.Web;

namespace Vpce.Tests.Unit.Kube;

/// <summary>Stands in for the API server's list of one kind, in the client's handler chain: pages by <c>limit</c> and
/// <c>continue</c> as kube-apiserver does, answers 410 Gone (reason Expired) to a continue token the test has expired, and
/// keeps every request's limit and continue, in that order.</summary>
internal sealed class PagedListServer(IReadOnlyList<string> items, string resourceVersion) : DelegatingHandler
{
    private readonly List<string> _queries = new();
    private readonly HashSet<string> _expired = new();

    public IReadOnlyList<string> Queries { get { lock (_queries) return _queries.ToList(); } }

    /// <summary>The continue token that asks for the page starting at <paramref name="offset"/> answers 410 from now on.</summary>
    public void Expire(int offset)
    {
        lock (_expired) _expired.Add(Token(offset));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        lock (_queries) _queries.Add(string.Join("&", new[] { "limit", "continue" }.Where(k => query[k] is not null).Select(k => $"{k}={query[k]}")));
        var token = query["continue"];
        bool expired;
        lock (_expired) expired = token is not null && _expired.Contains(token);
        if (expired)
            return Task.FromResult(Json(request, HttpStatusCode.Gone, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"Expired","code":410,
                 "message":"The provided continue parameter is too old to display a consistent list result."}
                """));
        var offset = token is null ? 0 : int.Parse(token["offset-".Length..]);
        var limit = int.TryParse(query["limit"], out var l) ? l : items.Count;
        var count = Math.Min(limit, items.Count - offset);
        var next = offset + count < items.Count ? $",\"continue\":\"{Token(offset + count)}\"" : "";
        return Task.FromResult(Json(request, HttpStatusCode.OK,
            $"{{\"apiVersion\":\"vpce.io/v1alpha1\",\"kind\":\"VpcEndpointList\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"{next}}}," +
            $"\"items\":[{string.Join(",", items.Skip(offset).Take(count))}]}}"));
    }

    private static string Token(int offset) => $"offset-{offset}";

    // The client reads the request back from the response, as from a real handler's.
    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
}

using System.Net;
using System.Text;

namespace Vpce.Tests.Unit.Kube;

/// <summary>Stands in for the API server in the client's handler chain, answering every request 200 with one JSON object.</summary>
internal sealed class FixedAnswerServer(string json) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
}

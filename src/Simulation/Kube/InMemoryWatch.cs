using System.Threading.Channels;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>One open watch: its namespace filter and the channel its events go to.</summary>
internal sealed class InMemoryWatch<T>(string? @namespace) where T : class
{
    // Synchronous continuations: a write delivers the event to a waiting watcher before the writing call returns, so an
    // informer's cache and queue already reflect a change when Apply (or a status patch) returns. Tests rely on this.
    public Channel<WatchEvent<T>> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent<T>>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    public bool Matches(string objectNamespace) => @namespace is null || @namespace == objectNamespace;
}

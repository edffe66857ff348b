namespace Vpce.Operator.Hosting;

/// <summary>The metrics or health endpoint could not listen on its port: another process holds it, or it is not allowed.</summary>
public sealed class PortUnavailableException(int port, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Port { get; } = port;
}

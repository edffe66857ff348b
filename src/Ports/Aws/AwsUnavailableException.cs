namespace Vpce.Ports.Aws;

/// <summary>AWS could not be reached or is failing as a whole (timeouts, 5xx, an open circuit).</summary>
public sealed class AwsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

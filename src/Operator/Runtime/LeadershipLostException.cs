namespace Vpce.Operator.Runtime;

/// <summary>The leader lease was lost while the operator was still meant to run: the controllers were stopped, and the
/// process should exit so that it starts again as a candidate (what controller-runtime does).</summary>
public sealed class LeadershipLostException(string message) : Exception(message);

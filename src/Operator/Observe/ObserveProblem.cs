namespace Vpce.Operator.Observe;

/// <summary>Why observing could not resolve the spec against AWS: a condition reason, the field at fault, and words.</summary>
public sealed record ObserveProblem(string Reason, string? Field, string Message);

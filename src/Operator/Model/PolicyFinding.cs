namespace Vpce.Operator.Model;

/// <summary>One thing the endpoint-policy lint found: a reason (the Warning event's) and words that say it.</summary>
public sealed record PolicyFinding(string Reason, string Message);

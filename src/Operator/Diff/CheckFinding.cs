namespace Vpce.Operator.Diff;

/// <summary>What a check condition will say: ok or not, its reason and its message.</summary>
public sealed record CheckFinding(bool Ok, string Reason, string Message);

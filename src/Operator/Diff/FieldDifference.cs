namespace Vpce.Operator.Diff;

/// <summary>One named difference between the spec and AWS: the spec field, the drift reason, and both sides in words.</summary>
public sealed record FieldDifference(string Field, string Reason, string Desired, string Actual);

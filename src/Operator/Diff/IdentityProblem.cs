namespace Vpce.Operator.Diff;

/// <summary>Why an endpoint may not be touched for this object: the condition reason, words that name the field, and whether
/// Ready may stay as it was (the endpoint on AWS is still usable).</summary>
public sealed record IdentityProblem(string Reason, string Message, bool KeepReady);

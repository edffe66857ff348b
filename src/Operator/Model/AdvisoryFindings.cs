namespace Vpce.Operator.Model;

/// <summary>What the advisory checks found for one endpoint. <see cref="Companions"/>: null when the VPC's endpoints could
/// not be read (the condition keeps its last word), empty for a service outside every companion set.
/// <see cref="PolicyFindings"/>: null when the spec has no policyDocument.</summary>
public sealed record AdvisoryFindings(IReadOnlyList<CompanionReport>? Companions, IReadOnlyList<PolicyFinding>? PolicyFindings);

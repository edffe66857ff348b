namespace Vpce.Operator.Model;

/// <summary>A subnet the spec names, by id or selector, with its zone.</summary>
public sealed record ResolvedSubnet(string SubnetId, string AvailabilityZone, bool Explicit);

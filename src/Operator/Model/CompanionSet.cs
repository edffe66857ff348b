namespace Vpce.Operator.Model;

/// <summary>Services that work only together. <see cref="Dependents"/> are the members that fail without the others, and
/// carry the CompanionsPresent condition; a member that is not one of them (the S3 gateway of an ECR pull) is needed but
/// needs nothing.</summary>
public sealed record CompanionSet(string Name, IReadOnlyList<CompanionService> Members, IReadOnlyList<CompanionService> Dependents);

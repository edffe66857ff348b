namespace Vpce.Operator.Model;

/// <summary>One statement of an IAM policy document, its elements as lists: a single string and a one-element array mean
/// the same. <see cref="AnyPrincipal"/> is Principal "*" (or {"AWS":"*"}); <see cref="Principals"/> holds the AWS
/// principals named otherwise. Conditions are operator → key → values, the key as written.</summary>
public sealed record PolicyStatement(
    string Label,
    string Effect,
    bool HasPrincipal,
    bool AnyPrincipal,
    IReadOnlyList<string> Principals,
    IReadOnlyList<string>? NotPrincipals,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string>? NotResources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions)
{
    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.Ordinal);
    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.Ordinal);
}

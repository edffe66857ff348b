namespace Vpce.Operator.Model;

/// <summary>A spec that cannot be reconciled as written: the field (as a path, e.g. spec.subnetIds) and why.</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

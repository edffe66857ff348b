namespace Vpce.Operator.Diff;

/// <summary>A field fixed at creation that differs between the spec and the endpoint on AWS.</summary>
public sealed record ImmutableViolation(string Field, string Desired, string Actual)
{
    public override string ToString() => $"{Field} is {Actual} on AWS, the spec asks for {Desired}";
}

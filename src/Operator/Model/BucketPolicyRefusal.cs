namespace Vpce.Operator.Model;

/// <summary>Why the statement is not written: a reason from <see cref="BucketPolicyReasons"/> and a message for the status.</summary>
public sealed record BucketPolicyRefusal(string Reason, string Message)
{
    public override string ToString() => $"{Reason}: {Message}";
}

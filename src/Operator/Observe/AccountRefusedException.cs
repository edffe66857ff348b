namespace Vpce.Operator.Observe;

/// <summary>An object cannot act in its account now: its role could not be assumed (now, or lately and the backoff has not run
/// out), or its AwsAccount is gone. <see cref="Reason"/> is the condition reason; the message names the role or account.</summary>
public sealed class AccountRefusedException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}

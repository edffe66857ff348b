namespace Vpce.Operator.Model;

/// <summary>A Kubernetes event a reconcile decided on, recorded by the status writer.</summary>
public sealed record PendingEvent(string Type, string Reason, string Message);

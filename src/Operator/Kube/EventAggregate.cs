namespace Vpce.Operator.Kube;

/// <summary>An Event already written, kept so that a repeat raises its count.</summary>
internal sealed record EventAggregate(string Name, int Count, DateTime Last);

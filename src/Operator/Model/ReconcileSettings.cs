namespace Vpce.Operator.Model;

/// <summary>Operator-wide settings the model needs: the default region and the cluster name in ownership tags.</summary>
public sealed record ReconcileSettings(string? DefaultRegion, string ClusterName);

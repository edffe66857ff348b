namespace Vpce.Operator.Model;

/// <summary>One source an endpoint security group's rule lets TCP 443 in from, and whether that reaches clients in the VPC:
/// a CIDR that overlaps the VPC's, a security group some network interface in the VPC carries, or a prefix list.</summary>
public sealed record HttpsSource(string GroupId, HttpsSourceKind Kind, string Source, bool Admits, string Detail);

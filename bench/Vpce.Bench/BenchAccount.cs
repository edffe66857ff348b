namespace Vpce.Bench;

/// <summary>One workload account of the run across accounts: its id, the role the operator assumes there (trusting the
/// operator's home account, with an External ID), the AwsAccount naming it and the namespace it admits.</summary>
public sealed record BenchAccount(int Index, string Name, string AccountId, string RoleArn, string ExternalId, string Namespace);

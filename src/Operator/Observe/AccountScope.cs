using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Where an object's AWS calls go: one account's ports (its own pacing, breakers and metrics label), the regions its
/// objects use, and the reads its objects share (its caller identity, its buckets). The operator's own identity is one scope;
/// each AwsAccount in use is another.</summary>
/// <param name="Label">The AwsAccount's name, or <c>(operator)</c> for the operator's own identity: the key and metrics label.</param>
/// <param name="AccountName">The AwsAccount's name; null for the operator's own identity.</param>
public sealed record AccountScope(string Label, string? AccountName, IAwsApis Aws, RegionsInUse Regions, AccountReads Reads);

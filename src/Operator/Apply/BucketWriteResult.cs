using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Operator.Apply;

/// <summary>What a bucket policy write did: wrote (with the comparison it was based on), found nothing to write, or refused.</summary>
public sealed record BucketWriteResult(BucketStatementComparison Comparison, bool Written, BucketPolicyRefusal? Refusal);

namespace Vpce.Operator.Model;

/// <summary>The bucket policy S3 returned cannot be read as a policy document (not JSON, not an object, no
/// Statement). The message says what is wrong, for the status; nothing is written to a policy the operator cannot read.</summary>
public sealed class MalformedBucketPolicyException(string message, Exception? inner = null) : Exception(message, inner);

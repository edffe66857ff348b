namespace Vpce.Simulation.Aws;

/// <summary>What S3 knows of a request when it evaluates the bucket policy: the IAM action, the resource, who asks (the
/// caller's ARN as STS names it, and as aws:PrincipalArn sees it) and the global condition keys the request carries, by
/// lower-case name (condition keys are case-insensitive). A key the request does not carry is absent.</summary>
internal sealed record S3RequestContext(string Action, string Resource, string CallerArn, string PrincipalArn, string Account,
    IReadOnlyDictionary<string, string> Keys);

namespace Vpce.Operator.Model;

/// <summary>Condition reasons for what observing finds wrong.</summary>
public static class ObserveReasons
{
    public const string InvalidSpec = "InvalidSpec";
    public const string NotFound = "NotFound";
    public const string ServiceNotAvailable = "ServiceNotAvailable";
    public const string BucketNotFound = "BucketNotFound";
    public const string EndpointNotReady = "EndpointNotReady";
}

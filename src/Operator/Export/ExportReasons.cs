namespace Vpce.Operator.Export;

/// <summary>Reasons of the Exported condition.</summary>
public static class ExportReasons
{
    public const string ConfigMapWritten = "ConfigMapWritten";
    public const string ConfigMapNotOwned = "ConfigMapNotOwned";
    public const string EndpointNotReady = "EndpointNotReady";
    public const string ExportFailed = "ExportFailed";
    /// <summary>The object's namespace is not one of the operator's export namespaces (--export-namespace): nothing written.</summary>
    public const string ExportNotAllowed = "ExportNotAllowed";
}

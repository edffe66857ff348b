namespace Vpce.Ports.Kube;

public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>What happens to the object while the crashed operator is down.</summary>
public enum DowntimeAction
{
    Nothing,
    Delete,
    Edit,
}

using System.Text.Json;

namespace Vpce.Operator.Controllers;

/// <summary>A deep copy, so a reconcile never changes the informer's cached object.</summary>
public static class ResourceCopy
{
    public static T Of<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value))!;
}

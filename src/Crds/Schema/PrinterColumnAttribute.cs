namespace Vpce.Crds.Schema;

/// <summary>A column of <c>kubectl get</c> (additionalPrinterColumns), in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    public int Order { get; } = order;
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public int Priority { get; init; }
}

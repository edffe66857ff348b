namespace Vpce.Simulation.Aws;

/// <summary>AWS-shaped resource ids (vpc-0a1b2c3d4e5f67890: prefix, dash, 17 lowercase hex). Callers hold the simulator's lock.</summary>
internal sealed class AwsIdGenerator(int? seed)
{
    private const string Hex = "0123456789abcdef";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public string Next(string prefix, int length = 17)
    {
        while (true)
        {
            var id = $"{prefix}-{RandomChars(Hex, length)}";
            if (_issued.Add(id))
                return id;
        }
    }

    /// <summary>Forgets the ids issued (the world they were unique in was discarded).</summary>
    public void Reset()
    {
        _issued.Clear();
        _issued.TrimExcess();
    }

    public string HexChars(int length) => RandomChars(Hex, length);

    /// <summary>A Route 53 hosted zone id (Z followed by upper-case letters and digits).</summary>
    public string HostedZoneId() => "Z" + RandomChars(Upper, 20);

    private string RandomChars(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        return new string(chars);
    }
}

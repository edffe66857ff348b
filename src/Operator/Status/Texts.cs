using System.Runtime.CompilerServices;

namespace Vpce.Operator.Status;

/// <summary>Messages formatted into pooled memory and compared with the one standing: a status that says again what it said
/// allocates no new string for it, and keeps the very one it had.</summary>
public static class Texts
{
    /// <summary><paramref name="standing"/> when <paramref name="text"/> says the same, else the new text.</summary>
    public static string Or(string? standing, ref DefaultInterpolatedStringHandler text)
    {
        if (standing is not null && text.Text.SequenceEqual(standing))
        {
            text.Clear();
            return standing;
        }
        return text.ToStringAndClear();
    }
}

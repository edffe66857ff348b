using System.Collections.Concurrent;

namespace Vpce.Operator.Model;

/// <summary>Results of a pure function of a text, kept by the text's value up to a budget of characters (keys and string
/// results counted), then dropped all at once and gathered again: every reconcile compares the same few policy documents,
/// and parsing them each time was a tenth of a clean reconcile's allocations, while the budget keeps what many distinct
/// documents would cost bounded. A computation that throws keeps nothing, so it throws again next time.</summary>
public sealed class TextKeyedCache<T>(int budgetChars, Func<string, T> compute)
{
    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);
    private long _chars;

    public T this[string text]
    {
        get
        {
            if (_entries.TryGetValue(text, out var known))
            {
                return known;
            }
            var value = compute(text);
            var weight = text.Length + (value is string s ? s.Length : 0);
            if (weight <= budgetChars)
            {
                if (Interlocked.Add(ref _chars, weight) > budgetChars)
                {
                    _entries.Clear();
                    Interlocked.Exchange(ref _chars, weight);
                }
                _entries.TryAdd(text, value);
            }
            return value;
        }
    }

    /// <summary>How many texts are kept now.</summary>
    public int Count => _entries.Count;
}

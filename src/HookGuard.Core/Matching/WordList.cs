using System.Buffers;

namespace HookGuard.Matching;

/// <summary>
/// A few words looked for in a short text (a name, a value, a window of a line), ordinally or ignoring
/// case as OrdinalIgnoreCase does (each character upper-cased, invariantly). SearchValues&lt;string&gt;
/// answers the same but builds a search structure of kilobytes per list at first use, in every hook
/// whose change holds one candidate. Here the text is upper-cased once and each word found by the
/// vectorized ordinal search, which a case-insensitive search per word is not (bench/results).
/// </summary>
internal sealed class WordList
{
    private const int StackLimit = 256;
    private readonly string[] _words;
    private readonly bool _ignoreCase;

    public WordList(StringComparison comparison, params string[] words)
    {
        if (comparison is not (StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase))
            throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "ordinal comparisons only");
        _ignoreCase = comparison == StringComparison.OrdinalIgnoreCase;
        _words = new string[words.Length];
        for (var i = 0; i < words.Length; i++) _words[i] = _ignoreCase ? words[i].ToUpperInvariant() : words[i];
    }

    public bool FoundIn(ReadOnlySpan<char> text)
    {
        if (!_ignoreCase) return AnyWordIn(text);
        if (text.Length <= StackLimit)
        {
            Span<char> upper = stackalloc char[text.Length];
            text.ToUpperInvariant(upper);
            return AnyWordIn(upper);
        }
        var rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var upper = rented.AsSpan(0, text.Length);
            text.ToUpperInvariant(upper);
            return AnyWordIn(upper);
        }
        finally { ArrayPool<char>.Shared.Return(rented); }
    }

    private bool AnyWordIn(ReadOnlySpan<char> text)
    {
        foreach (var word in _words)
            if (text.IndexOf(word.AsSpan()) >= 0) return true;
        return false;
    }
}

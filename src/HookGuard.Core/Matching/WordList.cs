namespace HookGuard.Matching;

/// <summary>
/// A few words looked for in a short text (a name, a value, a window of a line). SearchValues&lt;string&gt;
/// answers the same but builds a search structure of 2-24 KB per list at first use: the scorer's and the
/// placeholder check's lists were ~100 KB allocated, and their pages faulted in, in every hook whose
/// change holds one candidate, to search texts a few dozen characters long.
/// </summary>
internal sealed class WordList(StringComparison comparison, params string[] words)
{
    public bool FoundIn(ReadOnlySpan<char> text)
    {
        foreach (var word in words)
            if (text.Contains(word, comparison)) return true;
        return false;
    }
}

namespace HookGuard.Rules;

/// <summary>
/// A near rule's value alphabet: one bracketed class with no escapes (what <see cref="NearBlockReader"/>
/// accepts), read as the regex reads it: an optional leading `^`, single characters and `a-z` ranges, a
/// `-` first or last is itself.
/// </summary>
internal sealed class NearAlphabet
{
    private readonly (char Low, char High)[] _ranges;
    private readonly bool _negated;
    private readonly ulong _asciiLow, _asciiHigh;

    private NearAlphabet((char, char)[] ranges, bool negated)
    {
        (_ranges, _negated) = (ranges, negated);
        for (var c = (char)0; c < 128; c++)
            if (InRanges(c) != negated)
            {
                if (c < 64) _asciiLow |= 1UL << c;
                else _asciiHigh |= 1UL << (c - 64);
            }
    }

    public static NearAlphabet Parse(string characterClass)
    {
        var body = characterClass.AsSpan(1, characterClass.Length - 2);
        var negated = body.Length > 0 && body[0] == '^';
        if (negated) body = body[1..];
        var ranges = new List<(char, char)>();
        for (var i = 0; i < body.Length;)
        {
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                ranges.Add((body[i], body[i + 2]));
                i += 3;
            }
            else ranges.Add((body[i], body[i++]));
        }
        return new NearAlphabet([.. ranges], negated);
    }

    public bool Contains(char c)
    {
        if (c < 64) return (_asciiLow >> c & 1) != 0;
        if (c < 128) return (_asciiHigh >> (c - 64) & 1) != 0;
        return InRanges(c) != _negated;
    }

    /// <summary>How many characters from <paramref name="at"/> are in the alphabet, at most <paramref name="max"/>.</summary>
    public int Run(ReadOnlySpan<char> text, int at, int max)
    {
        var run = 0;
        while (run < max && at + run < text.Length && Contains(text[at + run])) run++;
        return run;
    }

    private bool InRanges(char c)
    {
        foreach (var (low, high) in _ranges)
            if (c >= low && c <= high) return true;
        return false;
    }
}

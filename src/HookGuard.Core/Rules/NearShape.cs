using System.Buffers;
using System.Globalization;

namespace HookGuard.Rules;

/// <summary>Where a near rule matched: the whole match (keyword to the character after the value) and the value.</summary>
internal readonly record struct NearMatch(int Start, int End, int SecretStart, int SecretEnd);

/// <summary>
/// The search <see cref="NearBlock.ToPattern"/> describes, written out: at the leftmost keyword, each gap is
/// tried from its longest run down and each alternative in the pattern's order, as a backtracking regex
/// tries them, so the first success is the regex's match. Character classes are the regex's own: `\w` is
/// letters, non-spacing marks, decimal digits and connector punctuation, `\s` is char.IsWhiteSpace, and
/// ignoring case an ASCII `k` (and so the class `A-Z`) also matches the Kelvin sign.
/// </summary>
internal sealed class NearShape
{
    private const int NameRunAfterName = NearBlock.DefaultDistance;
    private const int MaxGap = 4;
    private static readonly SearchValues<char> Closers = SearchValues.Create("'\"]");
    private static readonly SearchValues<char> Pads = SearchValues.Create("=");

    private readonly string[] _keywords;
    private readonly string[] _names;
    private readonly int _distance;
    private readonly string _prefix;
    private readonly bool _uuid;
    private readonly bool _padded;
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly NearAlphabet _alphabet;
    private readonly SearchValues<char> _keywordStarts;

    public NearShape(NearBlock block)
    {
        // Compared by EqualsIgnoringCase, which takes the word's side in lower case (the reader writes them so).
        _keywords = [.. block.Keywords.Select(k => k.ToLowerInvariant())];
        _names = [.. block.Names.Select(n => n.ToLowerInvariant())];
        _distance = block.Distance;
        _prefix = block.Prefix;
        _uuid = block.Alphabet == "uuid";
        _padded = block.Alphabet == "base64";
        (_minLength, _maxLength) = (block.MinLength, block.MaxLength);
        // A uuid's digits are hex of either case, dashes at fixed places (IsUuid).
        var alphabet = _uuid ? "hex" : block.Alphabet;
        _alphabet = NearAlphabet.Parse(NearBlock.Alphabets.TryGetValue(alphabet, out var known) ? known : alphabet);
        var starts = new HashSet<char>();
        foreach (var keyword in _keywords)
            foreach (var c in CaseVariants(keyword[0])) starts.Add(c);
        _keywordStarts = SearchValues.Create([.. starts]);
    }

    /// <summary>The first match starting at or after <paramref name="from"/>; null when there is none.</summary>
    public NearMatch? Find(ReadOnlySpan<char> text, int from)
    {
        for (var start = from; start < text.Length;)
        {
            var next = text[start..].IndexOfAny(_keywordStarts);
            if (next < 0) return null;
            start += next;
            foreach (var keyword in _keywords)
                if (StartsWithIgnoringCase(text, start, keyword) && AfterKeyword(text, start, start + keyword.Length) is { } found)
                    return found;
            start++;
        }
        return null;
    }

    // [\w.-]{0,distance} (or: [\w.-]{0,distance}(?:names)[\w.-]{0,20}), then the gaps.
    private NearMatch? AfterKeyword(ReadOnlySpan<char> text, int start, int at)
    {
        var run = NameRun(text, at, _distance);
        for (var taken = run; taken >= 0; taken--)
        {
            if (_names.Length == 0)
            {
                if (AfterName(text, start, at + taken) is { } found) return found;
                continue;
            }
            foreach (var name in _names)
            {
                if (!StartsWithIgnoringCase(text, at + taken, name)) continue;
                var afterName = at + taken + name.Length;
                for (var rest = NameRun(text, afterName, NameRunAfterName); rest >= 0; rest--)
                    if (AfterName(text, start, afterName + rest) is { } found) return found;
            }
        }
        return null;
    }

    // (?:['"]\s{1,4}value)? : an XML attribute's `" value=` first, then without it.
    private NearMatch? AfterName(ReadOnlySpan<char> text, int start, int at)
    {
        if (at < text.Length && text[at] is '\'' or '"')
            for (var spaces = SpaceRun(text, at + 1); spaces >= 1; spaces--)
                if (StartsWithIgnoringCase(text, at + 1 + spaces, "value") && Assignment(text, start, at + 1 + spaces + "value".Length) is { } found)
                    return found;
        return Assignment(text, start, at);
    }

    // ['"\]]{0,2}\s{0,4}(?:=>|:=|[:=])\s{0,4}['"]?
    private NearMatch? Assignment(ReadOnlySpan<char> text, int start, int at)
    {
        for (var closers = Run(text, at, 2, Closers); closers >= 0; closers--)
            for (var spaces = SpaceRun(text, at + closers); spaces >= 0; spaces--)
            {
                var op = at + closers + spaces;
                if (op >= text.Length) continue;
                if (op + 1 < text.Length && (text[op], text[op + 1]) is ('=', '>') or (':', '=') && AfterOperator(text, start, op + 2) is { } wide)
                    return wide;
                if (text[op] is ':' or '=' && AfterOperator(text, start, op + 1) is { } found) return found;
            }
        return null;
    }

    private NearMatch? AfterOperator(ReadOnlySpan<char> text, int start, int at)
    {
        for (var spaces = SpaceRun(text, at); spaces >= 0; spaces--)
        {
            var value = at + spaces;
            if (value < text.Length && text[value] is '\'' or '"' && Value(text, start, value + 1) is { } quoted) return quoted;
            if (Value(text, start, value) is { } found) return found;
        }
        return null;
    }

    // (?-i:(prefix value)) then (?:[^A-Za-z0-9_+/=-]|$)
    private NearMatch? Value(ReadOnlySpan<char> text, int start, int at)
    {
        if (!text[at..].StartsWith(_prefix, StringComparison.Ordinal)) return null;
        var body = at + _prefix.Length;
        if (_uuid) return IsUuid(text, body) ? Ending(text, start, at, body + 36) : null;
        for (var length = _alphabet.Run(text, body, _maxLength); length >= _minLength; length--)
        {
            var end = body + length;
            for (var pads = _padded ? Run(text, end, 2, Pads) : 0; pads >= 0; pads--)
                if (Ending(text, start, at, end + pads) is { } found) return found;
        }
        return null;
    }

    private static NearMatch? Ending(ReadOnlySpan<char> text, int start, int secretStart, int secretEnd)
    {
        if (secretEnd == text.Length) return new NearMatch(start, secretEnd, secretStart, secretEnd);
        return IsTokenChar(text[secretEnd]) ? null : new NearMatch(start, secretEnd + 1, secretStart, secretEnd);
    }

    private bool IsUuid(ReadOnlySpan<char> text, int at)
    {
        if (at + 36 > text.Length) return false;
        for (var i = 0; i < 36; i++)
            if (i is 8 or 13 or 18 or 23 ? text[at + i] != '-' : !_alphabet.Contains(text[at + i])) return false;
        return true;
    }

    // How many characters from `at` each gap's class holds, at most its bound: the longest a greedy run takes.
    private static int NameRun(ReadOnlySpan<char> text, int at, int max)
    {
        var run = 0;
        while (run < max && at + run < text.Length && IsNameChar(text[at + run])) run++;
        return run;
    }

    private static int SpaceRun(ReadOnlySpan<char> text, int at)
    {
        var run = 0;
        while (run < MaxGap && at + run < text.Length && char.IsWhiteSpace(text[at + run])) run++;
        return run;
    }

    private static int Run(ReadOnlySpan<char> text, int at, int max, SearchValues<char> set)
    {
        var window = text.Slice(at, Math.Min(max, text.Length - at));
        var other = window.IndexOfAnyExcept(set);
        return other < 0 ? window.Length : other;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<char> text, int at, string word)
    {
        if (at + word.Length > text.Length) return false;
        for (var i = 0; i < word.Length; i++)
            if (!EqualsIgnoringCase(text[at + i], word[i])) return false;
        return true;
    }

    /// <summary><paramref name="lower"/> is ASCII (the block reader requires it), lower case where a letter.</summary>
    private static bool EqualsIgnoringCase(char c, char lower) =>
        c == lower || (lower is >= 'a' and <= 'z' && (c == lower - 32 || (lower == 'k' && c == '\u212A')));

    private static IEnumerable<char> CaseVariants(char lower) =>
        lower is >= 'a' and <= 'z' ? (lower == 'k' ? ['k', 'K', '\u212A'] : [lower, (char)(lower - 32)]) : [lower];

    private static bool IsNameChar(char c) => c is '.' or '-' || IsWordChar(c);

    private static bool IsWordChar(char c)
    {
        if (c < 128) return char.IsAsciiLetterOrDigit(c) || c == '_';
        return char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
    }

    // The pattern's end class stands outside its case-sensitive group: ignoring case, its A-Z holds the Kelvin sign.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '/' or '=' or '-' or '\u212A';
}

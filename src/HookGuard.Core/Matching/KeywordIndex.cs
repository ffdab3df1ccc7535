using System.Buffers;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// The prefilter: one vectorized multi-string search per line finds every keyword occurrence, and only
/// the rules owning a keyword that occurs are run. Most lines hold no keyword and cost one pass.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly SearchValues<string>? _anyKeyword;
    // Keywords grouped by their lower-cased first character, so a hit checks only a handful.
    private readonly Dictionary<char, (string Keyword, int[] Rules)[]> _byFirstChar;

    public KeywordIndex(IReadOnlyList<Rule> rules)
    {
        var owners = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
            foreach (var keyword in rules[i].Keywords)
            {
                if (keyword.Length == 0) continue;
                if (!owners.TryGetValue(keyword, out var list)) owners[keyword] = list = [];
                if (!list.Contains(i)) list.Add(i);
            }
        _anyKeyword = owners.Count > 0 ? SearchValues.Create([.. owners.Keys], StringComparison.OrdinalIgnoreCase) : null;
        _byFirstChar = owners
            .GroupBy(o => char.ToLowerInvariant(o.Key[0]))
            .ToDictionary(g => g.Key, g => g.Select(o => (o.Key, o.Value.ToArray())).ToArray());
    }

    /// <summary>Sets the bit of every rule whose keyword occurs in the line; false when none does.</summary>
    public bool FindCandidates(ReadOnlySpan<char> line, Span<ulong> candidates)
    {
        if (_anyKeyword is null) return false;
        var found = false;
        var offset = 0;
        while (true)
        {
            var hit = line[offset..].IndexOfAny(_anyKeyword);
            if (hit < 0) return found;
            offset += hit;
            var rest = line[offset..];
            if (_byFirstChar.TryGetValue(char.ToLowerInvariant(rest[0]), out var keywords))
                foreach (var (keyword, rules) in keywords)
                    if (rest.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                        foreach (var rule in rules)
                        {
                            candidates[rule >> 6] |= 1UL << (rule & 63);
                            found = true;
                        }
            offset++;
        }
    }
}

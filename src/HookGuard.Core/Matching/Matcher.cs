using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using HookGuard.Config;
using HookGuard.Matching.Generic;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// Finds secrets in one line: keyword prefilter, then the candidate rules' patterns, then the entropy,
/// placeholder and checksum checks. A line with no keyword allocates nothing.
/// </summary>
internal sealed partial class Matcher
{
    // A keyword stands within this many characters of a match's start, and a match ends within this many
    // after it (a base64 client key is ~3 KB). Past their sum (minified files, source maps, data blobs)
    // patterns run only in windows around keyword hits: a pattern that opens with a class repetition
    // ([0-9a-f]{32}-us...) costs its width times the text it runs on, which on a long line adds up.
    private const int WindowBefore = 256, WindowAfter = 4096;
    private const int WholeLineLimit = WindowBefore + WindowAfter;
    private const int MaxWindow = 64 * 1024;
    // Generic rules know a secret by its name and an assignment, which stand together (a connection
    // string's server= a little before): on a long line they run in narrow windows around each keyword, and
    // on at most so many windows a line, so a minified bundle full of `token` costs a bounded amount (whole,
    // such lines were a fifth of a corpus scan). A line cut short there says so (PartlyJudged): never silently.
    private const int GenericWindowBefore = 320, GenericWindowAfter = 512, MaxGenericWindows = 64, MaxGenericWindow = 4096;

    private readonly IReadOnlyList<Rule> _rules;
    private readonly KeywordIndex _keywords;
    // Reused for every line that holds a keyword: a matcher belongs to one thread.
    private char[] _chars = new char[1024];
    private readonly List<(int Rule, int Offset)> _occurrences = [];

    // Rules limited to some paths (a rule's `paths`; generic rules skip lock and localisation files),
    // grouped by scope so each scope is evaluated once per file: off for the lines of other files.
    private readonly (Func<string, bool> Includes, int[] Rules)[] _scopes;
    private readonly ulong[] _scoped;
    private readonly ulong[] _outOfScope;
    // Rules that match file names only (Rule.FileName): off for lines, on for ScanName.
    private readonly ulong[] _fileNameOnly;
    private bool _scanningName;
    private string? _file;
    // Glob matching costs microseconds: a file's scopes are evaluated only once one of its lines holds
    // a keyword of a scoped rule, which most files' lines never do.
    private bool _scopesKnown = true;

    private readonly GenericScoring _scoring;

    public Matcher(IReadOnlyList<Rule> rules, GenericScoring? scoring = null)
    {
        _scoring = scoring ?? GenericScoring.Default;
        // Compiled rules stay unbuilt until a line holds one of their keywords (CompiledRuleList).
        _rules = rules is CompiledRuleList ? rules : rules.ToArray();
        _keywords = new KeywordIndex(_rules);
        _outOfScope = new ulong[(_rules.Count + 63) >> 6];
        _scoped = new ulong[_outOfScope.Length];
        _fileNameOnly = new ulong[_outOfScope.Length];
        // Rules with the same paths share one scope. Plain loops: this runs at every commit.
        var scopes = new Dictionary<(string Paths, bool Generic), List<int>>();
        for (var i = 0; i < _rules.Count; i++)
        {
            var traits = CompiledRuleList.TraitsOf(_rules, i);
            if ((traits & RuleTraits.FileName) != 0) _fileNameOnly[i >> 6] |= 1UL << (i & 63);
            if ((traits & (RuleTraits.HasPaths | RuleTraits.Generic)) == 0) continue;
            var rule = _rules[i];
            _scoped[i >> 6] |= 1UL << (i & 63);
            var key = (string.Join('\n', rule.Paths), rule.Generic);
            if (!scopes.TryGetValue(key, out var members)) scopes[key] = members = [];
            members.Add(i);
        }
        _scopes = new (Func<string, bool>, int[])[scopes.Count];
        var next = 0;
        foreach (var members in scopes.Values) _scopes[next++] = (Scope(_rules[members[0]]), [.. members]);
    }

    /// <summary>Whether the rule applies to a file: its `paths`, and for generic rules, not a lock or localisation file.</summary>
    internal static Func<string, bool> Scope(Rule rule)
    {
        var paths = rule.Paths.Count > 0 ? new PathFilter(rule.Paths, []) : null;
        return path => (paths is null || paths.Includes(path)) && !(rule.Generic && GenericValues.InNotSecretFile(path));
    }

    /// <summary>The file the next lines come from (the same string instance for all its lines): sets which path-scoped rules apply.</summary>
    public void EnterFile(string path)
    {
        if (ReferenceEquals(path, _file)) return;
        _file = path;
        if (_scopes.Length > 0) _scopesKnown = false;
    }

    private void EvaluateScopes()
    {
        _scopesKnown = true;
        Array.Clear(_outOfScope);
        foreach (var (includes, rules) in _scopes)
            if (!includes(_file!))
                foreach (var index in rules) _outOfScope[index >> 6] |= 1UL << (index & 63);
    }

    /// <summary>Pattern runs that hit their time bound and were run again on the linear-time engine, so nothing is missed (tests count them).</summary>
    public int TimedOut { get; private set; }

    /// <summary>
    /// Why the last scanned line was judged only in part, or null: a long line holding keywords in more
    /// windows than generic rules run on. Provider rules always see every window.
    /// </summary>
    public string? PartlyJudged { get; private set; }

    /// <summary>Whether the last line scanned (not a text decoded from it) held any rule's keyword.</summary>
    public bool KeywordSeen { get; private set; }

    /// <summary>Replaces the contents of results with the secrets found in the UTF-8 line; returns how many.</summary>
    public int Scan(ReadOnlySpan<byte> line, List<SecretMatch> results)
    {
        results.Clear();
        if (_decodeDepth == 0) PartlyJudged = null;
        var words = (_rules.Count + 63) >> 6;
        Span<ulong> candidates = words <= 64 ? stackalloc ulong[words] : new ulong[words];
        candidates.Clear();
        var keyword = _keywords.FindCandidates(line, candidates);
        if (_decodeDepth == 0) KeywordSeen = keyword;
        if (!keyword) return 0;
        if (!_scopesKnown)
            for (var w = 0; w < words; w++)
                if ((candidates[w] & _scoped[w]) != 0)
                {
                    EvaluateScopes();
                    break;
                }
        var inScope = 0UL;
        for (var w = 0; w < words; w++) inScope |= candidates[w] &= ~_outOfScope[w] & (_scanningName ? ~0UL : ~_fileNameOnly[w]);
        if (inScope == 0) return 0;

        if (line.Length > WholeLineLimit)
        {
            ScanWindows(line, candidates, results);
            return results.Count;
        }
        // Only a line holding a keyword is decoded; invalid UTF-8 becomes U+FFFD, the ASCII of a secret around it stays intact.
        if (_chars.Length < line.Length) _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        var text = _chars.AsSpan(0, Encoding.UTF8.GetChars(line, _chars));
        RunCandidates(text, candidates, results);
        if (_decodeDepth < MaxDecodeDepth && EncodedValues.MayHold(text))
        {
            // The decoded text is scanned by this matcher, which reuses its buffer: the line is copied out first.
            var copy = text.ToString();
            _decodeDepth++;
            try
            {
                EncodedValues.Find(copy, ScanDecoded, results);
            }
            finally
            {
                _decodeDepth--;
            }
        }
        return results.Count;
    }

    // An encoded value inside a decoded one is decoded once more, no further.
    private const int MaxDecodeDepth = 2;
    private int _decodeDepth;

    private List<SecretMatch> ScanDecoded(string decoded)
    {
        var found = new List<SecretMatch>();
        Scan(Encoding.UTF8.GetBytes(decoded), found);
        return found;
    }

    /// <summary>A file's name (its repository path): every rule, file-name rules included, runs on it.</summary>
    public int ScanName(ReadOnlySpan<byte> path, List<SecretMatch> results)
    {
        _scanningName = true;
        try
        {
            return Scan(path, results);
        }
        finally
        {
            _scanningName = false;
        }
    }

    /// <summary>A file name given as text (rule examples, tests).</summary>
    public int ScanName(ReadOnlySpan<char> path, List<SecretMatch> results) => ScanName(Encoding.UTF8.GetBytes(path.ToString()), results);

    /// <summary>A decoded line (rule examples, tests): encoded once, then scanned like a line from git.</summary>
    public int Scan(ReadOnlySpan<char> line, List<SecretMatch> results) => Scan(Encoding.UTF8.GetBytes(line.ToString()), results);

    private void RunCandidates(ReadOnlySpan<char> text, ReadOnlySpan<ulong> candidates, List<SecretMatch> results)
    {
        string? textString = null;
        for (var w = 0; w < candidates.Length; w++)
            for (var bits = candidates[w]; bits != 0; bits &= bits - 1)
            {
                var rule = _rules[(w << 6) + BitOperations.TrailingZeroCount(bits)];
                if (!IsMatch(rule, text)) continue;
                textString ??= text.ToString();
                AddMatches(rule, textString, 0, results);
            }
    }

    /// <summary>The span-based test: allocates nothing, and rules out most candidates. A pattern that hits its time bound is run again on the linear-time engine.</summary>
    private bool IsMatch(Rule rule, ReadOnlySpan<char> text)
    {
        try
        {
            return rule.Regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            TimedOut++;
            return rule.LinearTimeRegex.IsMatch(text);
        }
    }

    /// <summary>
    /// A long line is decoded and matched only in windows around keyword hits (merged where they overlap),
    /// so that a 50 MB minified line costs a few regex runs over kilobytes, not a copy of all of it. Each
    /// rule runs only in the windows around its own keywords: a common keyword of one rule (`://`) would
    /// otherwise make every other candidate rule scan the whole line.
    /// </summary>
    private void ScanWindows(ReadOnlySpan<byte> line, ReadOnlySpan<ulong> candidates, List<SecretMatch> results)
    {
        _occurrences.Clear();
        _keywords.FindOccurrences(line, _occurrences);
        // Grouped by rule, each rule's in line order: windows can only be merged in line order.
        _occurrences.Sort();
        var occurrences = CollectionsMarshal.AsSpan(_occurrences);
        for (var first = 0; first < occurrences.Length;)
        {
            var rule = occurrences[first].Rule;
            var end = first + 1;
            while (end < occurrences.Length && occurrences[end].Rule == rule) end++;
            if ((candidates[rule >> 6] & 1UL << (rule & 63)) != 0) ScanAroundHits(line, occurrences[first..end], _rules[rule], results);
            first = end;
        }
        // In line order, as a short line's findings are.
        results.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Rule.Id, b.Rule.Id));
    }

    private void ScanAroundHits(ReadOnlySpan<byte> line, ReadOnlySpan<(int Rule, int Offset)> hits, Rule rule, List<SecretMatch> results)
    {
        // Findings keep the line's char columns: chars before a window are counted on from the last count.
        var counted = (Bytes: 0, Chars: 0);
        int windowStart = 0, windowEnd = -1, windows = 0;
        var (before, after) = rule.Generic ? (GenericWindowBefore, GenericWindowAfter) : (WindowBefore, WindowAfter);
        foreach (var (_, hit) in hits)
        {
            var start = Math.Max(0, hit - before);
            // A window grows while hits overlap it, up to a bound that keeps a line dense with keywords
            // from being decoded whole; the next window then starts at the hit, so each hit keeps its context.
            if (start > windowEnd || windowEnd - windowStart > (rule.Generic ? MaxGenericWindow : MaxWindow))
            {
                if (windowEnd >= 0) counted = ScanWindow(line, windowStart, windowEnd, counted, rule, results);
                if (rule.Generic && ++windows >= MaxGenericWindows)
                {
                    PartlyJudged = $"generic rules judged only the first {MaxGenericWindows} keyword windows of this {line.Length}-byte line (provider rules all of it)";
                    return;
                }
                windowStart = start;
            }
            windowEnd = Math.Max(windowEnd, Math.Min(line.Length, hit + after));
        }
        if (windowEnd >= 0) ScanWindow(line, windowStart, windowEnd, counted, rule, results);
    }

    /// <summary>
    /// Runs the rule on one window. Its char column is counted only when the rule matches there (rarely),
    /// on from the last count, which is returned for the next window.
    /// </summary>
    private (int Bytes, int Chars) ScanWindow(ReadOnlySpan<byte> line, int start, int end, (int Bytes, int Chars) counted,
        Rule rule, List<SecretMatch> results)
    {
        // Windows begin and end on character boundaries.
        while (start > 0 && IsContinuation(line[start])) start--;
        while (end < line.Length && IsContinuation(line[end])) end++;
        var window = line[start..end];
        if (_chars.Length < window.Length) _chars = new char[window.Length];
        var text = _chars.AsSpan(0, Encoding.UTF8.GetChars(window, _chars));
        if (!IsMatch(rule, text)) return counted;
        var startChars = counted.Chars + Encoding.UTF8.GetCharCount(line[counted.Bytes..start]);
        AddMatches(rule, text.ToString(), startChars, results);
        return (start, startChars);
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private void AddMatches(Rule rule, string text, int offset, List<SecretMatch> results)
    {
        try
        {
            AddMatches(rule, rule.Regex, text, offset, results);
        }
        catch (RegexMatchTimeoutException)
        {
            // Matches found before the bound are found again (and dropped as overlaps of themselves).
            TimedOut++;
            AddMatches(rule, rule.LinearTimeRegex, text, offset, results);
        }
    }

    private void AddMatches(Rule rule, Regex regex, string text, int offset, List<SecretMatch> results)
    {
        for (var match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            var secret = RulePattern.SecretGroup(match);
            if (secret.Length == 0) continue;
            var value = secret.ValueSpan;
            var entropy = Entropy.Shannon(value);
            if (entropy < rule.MinEntropy) continue;
            if (Placeholders.IsPlaceholder(value)) continue;
            // A provider rule's short value made only of the words people make one up from (`averylongpasswordstring`,
            // the admin secret in Hasura's docs): a documented example, not an issued key. Generic rules judge this in their scorer.
            if (!rule.Generic && PlaceholderWords.IsMadeUp(value)) continue;
            if (!Checksums.IsValid(rule.Checksum, value)) continue;
            var found = new SecretMatch(rule, offset + secret.Index, secret.Length, secret.Value, Math.Round(entropy, 2));
            if (rule.Generic && !GenericCandidate.Judge(rule, match, secret, text, _file, _scoring, ref found)) continue;
            if (Overlaps(results, rule, offset + secret.Index, secret.Length)) continue;
            results.Add(found);
        }
    }

    /// <summary>
    /// A provider rule and a generic rule often see the same value; report it once, as the precise one. Two provider
    /// rules that find exactly the same value (any JWT and a Kubernetes service-account token) report it once too, as
    /// the rule with the narrower keywords (its shortest keyword the longer), whichever file it came from.
    /// </summary>
    private static bool Overlaps(List<SecretMatch> results, Rule rule, int start, int length)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var other = results[i];
            var overlap = other.Start < start + length && start < other.Start + other.Length;
            if (!overlap) continue;
            if (rule.Generic) return true;
            if (other.Rule.Generic)
            {
                results.RemoveAt(i);
                return false;
            }
            if (other.Start != start || other.Length != length) return false;
            if (ShortestKeyword(rule) <= ShortestKeyword(other.Rule)) return true;
            results.RemoveAt(i);
            return false;
        }
        return false;
    }

    private static int ShortestKeyword(Rule rule)
    {
        var shortest = int.MaxValue;
        foreach (var keyword in rule.Keywords) shortest = Math.Min(shortest, keyword.Length);
        return shortest == int.MaxValue ? 0 : shortest;
    }
}

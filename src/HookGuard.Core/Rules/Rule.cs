using System.Text.RegularExpressions;

namespace HookGuard.Rules;

internal enum Severity { Low, Medium, High, Critical }

/// <summary>What a person needs in the minute after a leak of one credential type.</summary>
internal sealed record Remediation(
    string Summary,
    IReadOnlyList<string> Revoke,
    string Docs,
    string? Audit,
    string? Impact);

internal sealed record RuleExamples(IReadOnlyList<string> Match, IReadOnlyList<string> NoMatch)
{
    public static readonly RuleExamples None = new([], []);
}

/// <summary>One credential type: how to find it and what to do about it.</summary>
internal sealed class Rule
{
    private Regex? _regex;
    private Regex? _linearTimeRegex;
    private Remediation? _remediation;
    private RuleExamples? _examples;
    private IReadOnlyList<string>? _keywords;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public required Severity Severity { get; init; }
    // A compiled rule's list comes from the binary when asked (custom rule lists, `rules` commands): the
    // built-in lists were 437 arrays allocated at every start for a keyword index that is compiled in.
    public IReadOnlyList<string> Keywords
    {
        get => _keywords ??= Compiled?.Keywords(CompiledIndex) ?? [];
        init => _keywords = value;
    }
    public required string Pattern { get; init; }
    /// <summary>The `near:` block that wrote <see cref="Pattern"/>; its shared runner matches instead of a regex of its own.</summary>
    public NearBlock? Near { get; init; }
    public double MinEntropy { get; init; }
    public ChecksumKind Checksum { get; init; }
    /// <summary>Generic rules (no provider prefix) also reject values that read as code, not as a secret.</summary>
    public bool Generic { get; init; }
    /// <summary>
    /// Matched against file names only, never against lines: a file that is a credential by what it is
    /// (a keystore), whose content is binary. Its finding names the file, unmasked.
    /// </summary>
    public bool FileName { get; init; }

    /// <summary>What the matcher sets up for the rule before any line (compiled into the binary for built-in rules).</summary>
    public RuleTraits Traits =>
        (FileName ? RuleTraits.FileName : 0) | (Generic ? RuleTraits.Generic : 0) | (Paths.Count > 0 ? RuleTraits.HasPaths : 0);
    public Remediation Remediation
    {
        get => _remediation ?? DecodeText().Remediation;
        init => _remediation = value;
    }

    public RuleExamples Examples
    {
        get => _examples ?? DecodeText().Examples;
        init => _examples = value;
    }

    /// <summary>Where a compiled rule's remediation, examples and generated pattern are (decoded or built on first use).</summary>
    public CompiledRuleSource? Compiled { get; init; }
    /// <summary>The rule's index in <see cref="Compiled"/>.</summary>
    public int CompiledIndex { get; init; }
    /// <summary>Where the rule was defined, for messages: `rules/segment.yaml:5:5`.</summary>
    public string Origin { get; init; } = "";
    /// <summary>Optional globs (repository-relative) the rule is limited to.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];
    /// <summary>From a repository's .hookguard.yaml: unreviewed, so it runs on the linear-time engine.</summary>
    public bool Custom { get; init; }

    /// <summary>
    /// Built lazily: a rule whose keywords never occur costs nothing at start-up. A compiled rule's is
    /// source-generated code (no parsing at run time, specialised code instead of the interpreter); a near
    /// rule's is the runner all near rules share (<see cref="NearPattern"/>).
    /// </summary>
    public Regex Regex => _regex ??= Compiled?.Pattern(CompiledIndex)
        ?? (Near is { } near ? new NearPattern(near, Pattern) : RulePattern.Compile(Pattern, linearTime: Custom));

    /// <summary>
    /// The same pattern on the linear-time engine (every rule must compile there), for a line on which
    /// <see cref="Regex"/> hit its time bound: a slow or loaded machine must never turn a secret into a skipped line.
    /// </summary>
    public Regex LinearTimeRegex => _linearTimeRegex ??= Custom ? Regex : RulePattern.Compile(Pattern, linearTime: true);

    /// <summary>
    /// This rule with a repository's entropy bound and paths. What it has not decoded or built yet (prose,
    /// pattern) stays that way, shared with this rule: an override costs no start-up work.
    /// </summary>
    public Rule WithOverrides(double minEntropy, IReadOnlyList<string> paths) => new()
    {
        Id = Id, Name = Name, Provider = Provider, Severity = Severity, Pattern = Pattern, Near = Near,
        MinEntropy = minEntropy, Checksum = Checksum, Generic = Generic, FileName = FileName, Origin = Origin, Paths = paths, Custom = Custom,
        Compiled = Compiled, CompiledIndex = CompiledIndex,
        _regex = _regex, _remediation = _remediation, _examples = _examples, _keywords = _keywords,
    };

    private (Remediation Remediation, RuleExamples Examples) DecodeText()
    {
        var (remediation, examples) = Compiled is null
            ? (new Remediation("", [], "", null, null), RuleExamples.None)
            : RuleText.Decode(Compiled.Text(CompiledIndex));
        _remediation ??= remediation;
        _examples ??= examples;
        return (_remediation, _examples);
    }

    public override string ToString() => Id;
}

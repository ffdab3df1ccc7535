using System.Text.RegularExpressions;

namespace HookGuard.Rules;

/// <summary>
/// The rules a build compiled into the binary (HookGuard.RuleCompiler): each rule's keywords, remediation
/// and examples (UTF-8, see <see cref="RuleText"/>) and its source-generated pattern, by the rule's index.
/// One object answers for every rule; two delegates per rule were ~60 KB allocated at every start.
/// </summary>
internal abstract class CompiledRuleSource
{
    public abstract int Count { get; }

    /// <summary>A new rule object for the index (<see cref="CompiledRuleList"/> keeps it).</summary>
    public abstract Rule Build(int index);

    /// <summary>Each rule's <see cref="RuleTraits"/>, by index.</summary>
    public abstract ReadOnlySpan<byte> Traits { get; }

    public abstract ReadOnlySpan<byte> Text(int index);

    /// <summary>A new array each call: <see cref="Rule.Keywords"/> keeps it. The matcher reads the compiled keyword index instead.</summary>
    public abstract IReadOnlyList<string> Keywords(int index);

    public abstract Regex Pattern(int index);

    /// <summary>
    /// The keyword index of these rules in their order (HookGuard.Matching.KeywordIndex.Image), compiled
    /// into the binary: data that never moves, which the index reads where it lies. Empty: built at start-up.
    /// </summary>
    public virtual ReadOnlySpan<byte> KeywordIndexImage => [];
}

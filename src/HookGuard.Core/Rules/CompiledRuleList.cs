using System.Collections;

namespace HookGuard.Rules;

/// <summary>
/// The rules compiled into the binary, each built the first time it is asked for. A commit's scan asks
/// for the few whose keywords its lines hold: building all of them (a class instance per rule, and the
/// code that fills it) was the largest single cost of a hook's start-up. What the matcher needs of every
/// rule before that (<see cref="RuleTraits"/>) is compiled data.
/// </summary>
internal sealed class CompiledRuleList : IReadOnlyList<Rule>
{
    private readonly Rule?[] _built;

    public CompiledRuleList(CompiledRuleSource source)
    {
        Source = source;
        _built = new Rule?[source.Count];
    }

    public CompiledRuleSource Source { get; }

    public int Count => _built.Length;

    public Rule this[int index]
    {
        get
        {
            var rule = Volatile.Read(ref _built[index]);
            if (rule is not null) return rule;
            // Matchers on several threads may ask at once: one instance per rule, whoever builds first.
            return Interlocked.CompareExchange(ref _built[index], Source.Build(index), null) ?? _built[index]!;
        }
    }

    /// <summary>How many rules have been built so far: the start-up cost this list exists to avoid.</summary>
    public int BuiltCount => _built.Count(rule => rule is not null);

    public RuleTraits Traits(int index) => (RuleTraits)Source.Traits[index];

    /// <summary>A rule's traits; from the compiled data, without building the rule, where the list is this one.</summary>
    public static RuleTraits TraitsOf(IReadOnlyList<Rule> rules, int index) =>
        rules is CompiledRuleList compiled ? compiled.Traits(index) : rules[index].Traits;

    public IEnumerator<Rule> GetEnumerator()
    {
        for (var i = 0; i < _built.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>What the matcher sets up for each rule at start: whether it reads file names, is generic, is limited to paths.</summary>
[Flags]
internal enum RuleTraits : byte
{
    None = 0,
    FileName = 1,
    Generic = 2,
    HasPaths = 4,
}

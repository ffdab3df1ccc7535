using System.Text.RegularExpressions;

namespace HookGuard.Rules;

internal static class RulePattern
{
    /// <summary>
    /// The bound on one match of a built-in pattern. Built-in patterns are reviewed, tested on adversarial
    /// input and kept linear-engine compatible; the bound makes a mistake cost a skipped line, never a hang.
    /// </summary>
    public static readonly TimeSpan BuiltInTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest custom pattern accepted: building the linear-time automaton grows with it, at every commit.</summary>
    public const int MaxCustomLength = 1024;

    /// <summary>
    /// Custom (repository) patterns run on the linear-time engine: no input can make them hang. Built-in
    /// ones run on the interpreter, whose construction is far cheaper than the automaton the linear-time
    /// engine builds first, a cost every commit would feel (figures: bench/README.md).
    /// </summary>
    public static Regex Compile(string pattern, bool linearTime) => linearTime
        ? new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)
        : new Regex(pattern, RegexOptions.CultureInvariant, BuiltInTimeout);

    /// <summary>Null when the pattern compiles on the linear-time engine (required of every rule), else why it does not.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            _ = Compile(pattern, linearTime: true);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Contains("NonBacktracking", StringComparison.Ordinal)
                ? "uses a construct the linear-time engine lacks (lookaround, backreference, atomic group): " + e.Message
                : e.Message;
        }
        catch (NotSupportedException e) when (e.Message.Contains("UnsafeSize", StringComparison.Ordinal))
        {
            return "is too large for the linear-time engine (counted repetitions such as {500,2000} expand into more than " +
                "10,000 states): use smaller bounds, or + and * with an entropy minimum";
        }
        catch (NotSupportedException e)
        {
            return "uses a construct the linear-time engine lacks (lookaround, backreference, atomic group): " + e.Message;
        }
    }

    /// <summary>The secret is group `secret` if named, else group 1, else the whole match.</summary>
    public static Group SecretGroup(Match match)
    {
        var named = match.Groups["secret"];
        if (named.Success) return named;
        return match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1] : match;
    }
}

using System.Text.RegularExpressions;

namespace HookGuard.Rules;

public static class RulePattern
{
    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static Regex Compile(string pattern) => new(pattern, Options);

    /// <summary>Null when the pattern compiles on the linear-time engine, else why it does not.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            _ = Compile(pattern);
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

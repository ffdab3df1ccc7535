using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HookGuard.Rules;

/// <summary>
/// The `near:` rule family: a key with no prefix of its own, known only by the provider's keyword in the
/// name it is assigned to (`SPOTIFY_CLIENT_SECRET = "..."`). The block states the keyword, optionally a
/// word the rest of the name must hold (`secret`), how far the name runs on, the value's alphabet and
/// length; this writes the pattern every such rule would otherwise spell out by hand.
/// </summary>
internal sealed record NearBlock(
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Names,
    int Distance,
    string Alphabet,
    int MinLength,
    int MaxLength,
    string Prefix)
{
    public const int DefaultDistance = 20;
    public const int MaxDistance = 60;

    /// <summary>The value alphabets a rule may name; any other must be a character class, `[...]`.</summary>
    public static readonly IReadOnlyDictionary<string, string> Alphabets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hex"] = "[0-9a-fA-F]",
        ["hex-lower"] = "[0-9a-f]",
        ["hex-upper"] = "[0-9A-F]",
        ["alnum"] = "[A-Za-z0-9]",
        ["alnum-lower"] = "[a-z0-9]",
        ["alnum-upper"] = "[A-Z0-9]",
        ["digits"] = "[0-9]",
        ["base64"] = "[A-Za-z0-9+/]",
        ["base64url"] = "[A-Za-z0-9_-]",
        ["uuid"] = "",
    };

    private const string UuidPattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /// <summary>
    /// What follows the keyword: the rest of the name (letters, digits, `_ . -`), the name's closing
    /// quote or bracket (or an XML attribute's `" value`), an assignment (`=`, `:`, `=>`, `:=`), a quote.
    /// Every gap is bounded; the pattern opens at the keyword, a literal.
    /// </summary>
    public string ToPattern()
    {
        var pattern = new StringBuilder("(?i)(?:");
        pattern.AppendJoin('|', Keywords.Select(Regex.Escape));
        pattern.Append(')');
        if (Names.Count > 0)
        {
            pattern.Append("[\\w.-]{0,").Append(Distance.ToString(CultureInfo.InvariantCulture)).Append("}(?:");
            pattern.AppendJoin('|', Names.Select(Regex.Escape));
            pattern.Append(")[\\w.-]{0,").Append(DefaultDistance.ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        else pattern.Append("[\\w.-]{0,").Append(Distance.ToString(CultureInfo.InvariantCulture)).Append('}');
        pattern.Append("(?:['\"]\\s{1,4}value)?['\"\\]]{0,2}\\s{0,4}(?:=>|:=|[:=])\\s{0,4}['\"]?(?-i:(");
        pattern.Append(Regex.Escape(Prefix));
        if (Alphabet == "uuid") pattern.Append(UuidPattern);
        else
        {
            pattern.Append(Alphabets.TryGetValue(Alphabet, out var known) ? known : Alphabet).Append('{')
                .Append(MinLength.ToString(CultureInfo.InvariantCulture));
            if (MaxLength != MinLength) pattern.Append(',').Append(MaxLength.ToString(CultureInfo.InvariantCulture));
            pattern.Append('}');
            if (Alphabet == "base64") pattern.Append("={0,2}");
        }
        // The value ends where a token would: a longer run of key characters is some other value.
        pattern.Append("))(?:[^A-Za-z0-9_+/=-]|$)");
        return pattern.ToString();
    }

    /// <summary>
    /// The least entropy (bits per character) a random value of this shape has in practice; a rule may
    /// state its own. Below it are runs, repeated fragments and words.
    /// </summary>
    public double DefaultEntropy => Alphabet switch
    {
        "digits" => 2.5,
        "uuid" => 3.0,
        "hex" or "hex-lower" or "hex-upper" => MinLength >= 24 ? 3.0 : 2.7,
        "base64" or "base64url" => MinLength >= 32 ? 4.0 : 3.5,
        _ => MinLength >= 20 ? 3.5 : 3.0,
    };

    /// <summary>`32` or `32-40`; null when it is neither.</summary>
    public static (int Min, int Max)? ParseLength(string text)
    {
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)) return null;
        var max = min;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max)) return null;
        return min >= 8 && max >= min && max <= 2048 ? (min, max) : null;
    }
}

using System.Text;

namespace HookGuard.Rules;

/// <summary>
/// A compiled rule's remediation and examples as one UTF-8 block, decoded only when a report or
/// `rules test` asks for them. As string literals they were ~1 MB of objects that a NativeAOT binary
/// rehydrates at every start; as UTF-8 data they stay in the file, read-only, until read.
/// Fields are separated by U+001E, list items by U+001F; an absent field is U+0015.
/// </summary>
internal static class RuleText
{
    private const char FieldSeparator = '\u001E', ItemSeparator = '\u001F', Absent = '\u0015';

    public static string Encode(Remediation remediation, RuleExamples examples)
    {
        string[] fields =
        [
            Text(remediation.Summary), List(remediation.Revoke), Text(remediation.Docs), Optional(remediation.Audit), Optional(remediation.Impact),
            List(examples.Match), List(examples.NoMatch),
        ];
        return string.Join(FieldSeparator, fields);
    }

    public static (Remediation Remediation, RuleExamples Examples) Decode(ReadOnlySpan<byte> utf8)
    {
        var fields = Encoding.UTF8.GetString(utf8).Split(FieldSeparator);
        if (fields.Length != 7) throw new FormatException($"compiled rule text has {fields.Length} fields, not 7");
        return (new Remediation(fields[0], Items(fields[1]), fields[2], Nullable(fields[3]), Nullable(fields[4])),
            new RuleExamples(Items(fields[5]), Items(fields[6])));
    }

    private static string Text(string text) =>
        text.Contains(FieldSeparator) || text.Contains(ItemSeparator) || text == Absent.ToString()
            ? throw new ArgumentException($"rule text holds a separator character: {text}")
            : text;

    private static string Optional(string? text) => text is null ? Absent.ToString() : Text(text);

    private static string List(IReadOnlyList<string> items) =>
        items.Any(i => i.Length == 0)
            ? throw new ArgumentException("an empty list item cannot be told from an empty list")
            : string.Join(ItemSeparator, items.Select(Text));

    private static string[] Items(string field) => field.Length == 0 ? [] : field.Split(ItemSeparator);

    private static string? Nullable(string field) => field == Absent.ToString() ? null : field;
}

using System.Text;
using System.Text.Json;

namespace HookGuard.Install;

/// <summary>
/// Adds and removes objects in a JSON file's root "tasks" array as text, leaving every other byte as it
/// was: a tracked task-runner.json keeps its formatting and comments, and uninstall after install gives
/// the file back byte for byte. Each added task is one line after the last element; removing it takes
/// out exactly the separator and line the insertion added.
/// </summary>
internal static class JsonTaskList
{
    private sealed record Element(int Start, int End, string? Name);

    private sealed record TaskArray(int Open, List<Element> Elements);

    /// <summary>The names of the tasks in the array (null for an element with no "name").</summary>
    public static List<string?> Names(string text) => Parse(text).Elements.Select(e => e.Name).ToList();

    /// <summary>The text with <paramref name="taskJson"/> (one line of JSON) appended to the tasks array.</summary>
    public static string Append(string text, string taskJson)
    {
        var array = Parse(text);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var indent = array.Elements.Count > 0 ? LineIndent(text, array.Elements[^1].Start) : LineIndent(text, array.Open) + "   ";
        return array.Elements.Count > 0
            ? text.Insert(array.Elements[^1].End, "," + newline + indent + taskJson)
            : text.Insert(array.Open + 1, newline + indent + taskJson);
    }

    /// <summary>The text without the tasks named <paramref name="name"/>; unchanged if there is none.</summary>
    public static string Remove(string text, string name)
    {
        while (true)
        {
            var elements = Parse(text).Elements;
            var i = elements.FindLastIndex(e => e.Name == name);
            if (i < 0) return text;
            var (from, to) = i > 0 ? (elements[i - 1].End, elements[i].End)
                : elements.Count > 1 ? (elements[0].Start, elements[1].Start)
                : (Parse(text).Open + 1, elements[0].End);
            text = text.Remove(from, to - from);
        }
    }

    private static string LineIndent(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        var end = lineStart;
        while (end < text.Length && text[end] is ' ' or '\t') end++;
        return text[lineStart..end];
    }

    /// <summary>Character offsets of the root "tasks" array and its elements.</summary>
    private static TaskArray Parse(string text)
    {
        // Offsets are found on UTF-8 bytes and mapped back to characters.
        var bytes = Encoding.UTF8.GetBytes(text);
        var bom = text.Length > 0 && text[0] == '\uFEFF' ? 3 : 0;
        var reader = new Utf8JsonReader(bytes.AsSpan(bom), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        int CharAt(long byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, (int)byteOffset + bom);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("the file is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTasks = reader.ValueTextEquals("tasks");
                reader.Read();
                if (!isTasks)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartArray) throw new FormatException("\"tasks\" is not an array");
                var open = CharAt(reader.TokenStartIndex);
                var elements = new List<Element>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = reader.TokenStartIndex;
                    string? name = null;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        var element = JsonElement.ParseValue(ref reader);
                        if (element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String) name = n.GetString();
                    }
                    elements.Add(new Element(CharAt(start), CharAt(reader.BytesConsumed), name));
                }
                return new TaskArray(open, elements);
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"line {e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
        throw new FormatException("it has no \"tasks\" array; add `\"tasks\": []` to it and run again");
    }
}

using System.Text;
using HookGuard.Findings;
using HookGuard.Platform;

namespace HookGuard.Reporting;

/// <summary>
/// A finding's line as printed: every secret any rule matched on it masked (the finding's own, the other
/// findings', and those allowed, baselined or overlapped, from <see cref="Finding.MaskSpans"/>), control
/// characters escaped, clipped to the terminal around the finding, with where its caret goes.
/// </summary>
internal static class MaskedLines
{
    public static (string Text, int CaretAt, int CaretLength) Render(Finding f, IEnumerable<Finding> onLine, bool showSecrets, int room)
    {
        var text = f.LineText;
        var fStart = Math.Clamp(f.Column - 1, 0, text.Length);
        var fEnd = Math.Min(text.Length, fStart + f.Secret.Length);
        var spans = new List<(int Start, int End)> { (fStart, fEnd) };
        if (!showSecrets)
        {
            foreach (var (start, length) in f.MaskSpans) Add(spans, start, length, text.Length);
            foreach (var other in onLine) Add(spans, other.Column - 1, other.Secret.Length, text.Length);
        }
        spans.Sort();
        var output = new StringBuilder(text.Length + 16);
        int position = 0, caretAt = 0, caretLength = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            // Overlapping or touching spans are masked as one: no tail of one secret shows past another's mask.
            while (i + 1 < spans.Count && spans[i + 1].Start <= end) end = Math.Max(end, spans[++i].End);
            start = Math.Max(start, position);
            output.Append(TerminalText.Escape(text[position..start]));
            var secret = text[start..end];
            var shown = TerminalText.Escape(showSecrets ? secret : Redaction.Redact(secret));
            if (start <= fStart && fStart < Math.Max(end, start + 1))
            {
                caretAt = output.Length;
                caretLength = shown.Length;
            }
            output.Append(shown);
            position = end;
        }
        output.Append(TerminalText.Escape(text[position..]));
        return Clip(output.ToString(), caretAt, caretLength, room);
    }

    private static void Add(List<(int, int)> spans, int start, int length, int lineLength)
    {
        if (start < 0 || length <= 0 || start >= lineLength) return;
        spans.Add((start, Math.Min(lineLength, start + length)));
    }

    private static (string, int, int) Clip(string text, int caretAt, int caretLength, int room)
    {
        if (text.Length <= room) return (text, caretAt, caretLength);
        var from = Math.Clamp(caretAt - 20, 0, Math.Max(0, text.Length - room));
        var clipped = string.Concat(from > 0 ? "…" : "", text.AsSpan(from, Math.Min(room, text.Length - from)));
        if (from + room < text.Length) clipped += "…";
        return (clipped, caretAt - from + (from > 0 ? 1 : 0), caretLength);
    }
}

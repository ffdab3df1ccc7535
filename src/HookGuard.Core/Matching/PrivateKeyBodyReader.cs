using System.Text;
using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>
/// Reads the body of a PEM private key whose header line had a finding, from the lines that follow it
/// in the same file (added or context), so the finding is fingerprinted by the key, not by the header
/// every key of its type shares. Idle (one field test per line) unless a header is waiting for its body.
/// </summary>
internal sealed class PrivateKeyBodyReader
{
    private readonly List<Finding> _waiting = [];
    private readonly StringBuilder _body = new();
    private string? _path;
    private int _nextLine, _lines;

    public bool Waiting => _waiting.Count > 0;

    /// <summary>A finding on a header line whose body starts on line nextLine of path.</summary>
    public void Expect(Finding finding, string path, int nextLine)
    {
        if (!ReferenceEquals(path, _path) || nextLine != _nextLine) Finish();
        _waiting.Add(finding);
        _path = path;
        _nextLine = nextLine;
    }

    public void Next(string path, int number, ReadOnlySpan<byte> content)
    {
        if (!ReferenceEquals(path, _path) || number != _nextLine)
        {
            Finish();
            return;
        }
        var text = Encoding.UTF8.GetString(content);
        switch (PrivateKeyMaterial.Classify(text, _body.Length > 0))
        {
            case BodyLine.Ok:
                _body.Append(text.AsSpan().Trim());
                _nextLine++;
                if (++_lines >= PrivateKeyMaterial.MaxBodyLines) Finish();
                break;
            default:
                Finish();
                break;
        }
    }

    public void Finish()
    {
        foreach (var finding in _waiting)
            finding.KeyMaterial = _body.Length > 0
                ? PrivateKeyMaterial.WithBody(_body.ToString())
                : PrivateKeyMaterial.WithoutBody(finding.Path, finding.LineText);
        _waiting.Clear();
        _body.Clear();
        _path = null;
        _lines = 0;
    }
}

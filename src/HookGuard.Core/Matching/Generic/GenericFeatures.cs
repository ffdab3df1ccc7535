using System.Buffers;

namespace HookGuard.Matching.Generic;

/// <summary>
/// What the scorer knows about one candidate of a generic rule: the value's shape (length, character
/// classes, entropy, how often the class changes), what it refers to (a variable, a call, a path), the
/// name it is assigned to, the shape of the assignment (the rule) and the file (type, test or docs folder).
/// Dictionary words and keyboard runs are deliberately not features: the labeled data's true values were
/// replaced by random strings that never hold them, so a model would learn "a word means no secret"
/// from the obfuscation, not from the world. Whole-value placeholders are ruled out by hand instead
/// (<see cref="GenericVetoes"/>).
/// </summary>
internal static class GenericFeatures
{
    public static readonly string[] Names =
    [
        "log2 length", "length < 8", "length >= 16", "length >= 32", "entropy", "entropy / log2 length",
        "lower fraction", "upper fraction", "digit fraction", "symbol fraction", "character classes",
        "class changes per char", "digits only", "hex only", "base64 padding", "identifier without digits",
        "dotted reference", "call or brackets", "starts like a reference", "path-like", "holds a URL",
        "holds a space", "UPPER_SNAKE name", "lower-case word chars only",
        "name: password", "name: secret", "name: token", "name: key", "name: auth or credential",
        "name: id, name, type or other descriptor", "name: pagination or csrf", "name: hash, salt or nonce",
        "name: test or example", "name: none found",
        "shape: assignment", "shape: config value", "shape: xml", "shape: url", "shape: authorization",
        "shape: curl", "shape: connection string", "shape: call argument", "shape: cli flag", "shape: other",
        "quoted", "file: test", "file: docs or example", "file: code", "file: config", "file: docs type",
        "line: comment", "line: mentions example", "line: test code", "password name x length < 8",
        "token or key name x length < 12", "name: public", "name: bare key", "name: file name",
    ];

    public static int Count => Names.Length;

    private static readonly WordList PasswordNames = new(StringComparison.OrdinalIgnoreCase, ["pass", "pwd", "passwd", "identified"]);
    private static readonly WordList SecretNames = new(StringComparison.OrdinalIgnoreCase, ["secret"]);
    private static readonly WordList TokenNames = new(StringComparison.OrdinalIgnoreCase, ["token", "bearer"]);
    private static readonly WordList KeyNames = new(StringComparison.OrdinalIgnoreCase, ["key"]);
    private static readonly WordList AuthNames = new(StringComparison.OrdinalIgnoreCase, ["auth", "credential", "cred"]);
    private static readonly WordList DescriptorNames = new(StringComparison.OrdinalIgnoreCase,
        ["id\"", "id'", "_id", "-id", "name", "type", "kind", "length", "size", "file", "path", "url", "uri", "field", "format",
         "prefix", "header", "policy", "expir", "ttl", "timeout", "lifetime", "count", "label", "hint", "regex", "pattern",
         "mode", "version", "endpoint", "location", "param", "input", "placeholder", "message", "error", "title", "description"]);
    private static readonly WordList PaginationNames = new(StringComparison.OrdinalIgnoreCase,
        ["next", "continuation", "page", "cursor", "csrf", "xsrf", "idempotency", "clienttoken", "client_token", "refid"]);
    private static readonly WordList HashNames = new(StringComparison.OrdinalIgnoreCase, ["hash", "salt", "nonce", "digest", "checksum", "sha", "md5"]);
    private static readonly WordList ExampleNames = new(StringComparison.OrdinalIgnoreCase, ["test", "example", "sample", "dummy", "fake", "mock", "demo"]);
    private static readonly WordList PublicNames = new(StringComparison.OrdinalIgnoreCase, ["public", "publishable", "pubkey"]);
    private static readonly WordList ExampleMentions = new(StringComparison.OrdinalIgnoreCase, ["example", "e.g.", "sample", "placeholder", "dummy"]);
    private static readonly WordList TestCode = new(StringComparison.OrdinalIgnoreCase, ["assert", "expect(", "should", "mock", "stub", "@test", "def test", "it(\"", "it('"]);
    private static readonly SearchValues<char> Brackets = SearchValues.Create("()[]");
    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> IdentifierChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    private static readonly SearchValues<char> UpperSnakeChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    private static readonly SearchValues<char> LowerWordChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz_-.");
    private static readonly SearchValues<char> DottedReferenceChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    /// <summary>The rule ids whose candidates have a known shape; any other generic rule is "other".</summary>
    public static int ShapeOf(string ruleId) => ruleId switch
    {
        "generic-secret-assignment" => 0,
        "generic-secret-config-value" => 1,
        "generic-secret-xml" => 2,
        "url-embedded-credentials" => 3,
        "http-authorization-header" => 4,
        "curl-user-credentials" => 5,
        "generic-connection-string" => 6,
        "generic-secret-call-argument" => 7,
        "generic-cli-password" => 8,
        _ => 9,
    };

    /// <param name="name">The name the value is given (the text before it on the line when the rule does not capture one).</param>
    public static void Compute(Span<float> x, int shape, ReadOnlySpan<char> value, ReadOnlySpan<char> name, ReadOnlySpan<char> line,
        int valueStart, string? path)
    {
        x.Clear();
        int lower = 0, upper = 0, digit = 0, symbol = 0, changes = 0, previousClass = -1;
        foreach (var c in value)
        {
            var cls = char.IsAsciiLetterLower(c) ? 0 : char.IsAsciiLetterUpper(c) ? 1 : char.IsAsciiDigit(c) ? 2 : 3;
            switch (cls)
            {
                case 0: lower++; break;
                case 1: upper++; break;
                case 2: digit++; break;
                default: symbol++; break;
            }
            if (previousClass >= 0 && cls != previousClass) changes++;
            previousClass = cls;
        }
        float length = Math.Max(1, value.Length);
        var entropy = (float)Entropy.Shannon(value);
        var i = 0;
        x[i++] = MathF.Log2(length);
        x[i++] = Flag(value.Length < 8);
        x[i++] = Flag(value.Length >= 16);
        x[i++] = Flag(value.Length >= 32);
        x[i++] = entropy;
        x[i++] = value.Length > 1 ? entropy / MathF.Log2(length) : 0;
        x[i++] = lower / length;
        x[i++] = upper / length;
        x[i++] = digit / length;
        x[i++] = symbol / length;
        x[i++] = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) + (symbol > 0 ? 1 : 0);
        x[i++] = changes / length;
        x[i++] = Flag(digit == value.Length);
        x[i++] = Flag(!value.ContainsAnyExcept(HexChars));
        x[i++] = Flag(value.EndsWith("=") && value.Length >= 8);
        x[i++] = Flag(digit == 0 && !value.ContainsAnyExcept(IdentifierChars));
        x[i++] = Flag(value.Contains('.') && !value.ContainsAnyExcept(DottedReferenceChars) && !char.IsAsciiDigit(value[0]) && value[^1] != '.');
        x[i++] = Flag(value.ContainsAny(Brackets));
        x[i++] = Flag(value.Length > 0 && value[0] is '$' or '%' or '@' or '&' or '*' or '#' or '!');
        x[i++] = Flag(value.StartsWith("/") || value.StartsWith("./") || value.StartsWith("~/") || value.StartsWith("..") || value.Count('/') >= 2);
        x[i++] = Flag(value.Contains("://", StringComparison.Ordinal));
        x[i++] = Flag(value.Contains(' '));
        x[i++] = Flag(value.Contains('_') && !value.ContainsAnyExcept(UpperSnakeChars));
        x[i++] = Flag(!value.ContainsAnyExcept(LowerWordChars));

        var passwordName = PasswordNames.FoundIn(name);
        var tokenOrKeyName = TokenNames.FoundIn(name) || KeyNames.FoundIn(name);
        x[i++] = Flag(passwordName);
        x[i++] = Flag(SecretNames.FoundIn(name));
        x[i++] = Flag(TokenNames.FoundIn(name));
        x[i++] = Flag(KeyNames.FoundIn(name));
        x[i++] = Flag(AuthNames.FoundIn(name));
        x[i++] = Flag(DescriptorNames.FoundIn(name));
        x[i++] = Flag(PaginationNames.FoundIn(name));
        x[i++] = Flag(HashNames.FoundIn(name));
        x[i++] = Flag(ExampleNames.FoundIn(name));
        x[i++] = Flag(name.Trim().IsEmpty);

        x[i + shape] = 1;
        i += 10;
        x[i++] = Flag(valueStart > 0 && valueStart <= line.Length && line[valueStart - 1] is '"' or '\'' or '`');

        var file = path is null ? default : path.AsSpan();
        x[i++] = Flag(InFolder(file, "test") || InFolder(file, "spec") || InFolder(file, "fixture") || InFolder(file, "mock"));
        x[i++] = Flag(InFolder(file, "doc") || InFolder(file, "example") || InFolder(file, "sample") || InFolder(file, "demo")
                      || FileNameHas(file, "example") || FileNameHas(file, "sample"));
        var kind = FileKind(file);
        x[i++] = Flag(kind == 1);
        x[i++] = Flag(kind == 2);
        x[i++] = Flag(kind == 3);

        var trimmed = line.TrimStart();
        x[i++] = Flag(trimmed.StartsWith("//") || trimmed.StartsWith("#") || trimmed.StartsWith("*") || trimmed.StartsWith("/*")
                      || trimmed.StartsWith("<!--") || trimmed.StartsWith("--") || trimmed.StartsWith(";"));
        x[i++] = Flag(ExampleMentions.FoundIn(line));
        x[i++] = Flag(TestCode.FoundIn(line));
        x[i++] = Flag(passwordName && value.Length < 8);
        x[i++] = Flag(tokenOrKeyName && !passwordName && value.Length < 12);
        x[i++] = Flag(PublicNames.FoundIn(name));
        x[i++] = Flag(name.Equals("key", StringComparison.OrdinalIgnoreCase));
        x[i++] = Flag(FileKind(name) != 0);
    }

    private static float Flag(bool on) => on ? 1f : 0f;

    private static bool FileNameHas(ReadOnlySpan<char> path, string word) =>
        path[(path.LastIndexOf('/') + 1)..].Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a folder of the path (not the file name) contains the word.</summary>
    private static bool InFolder(ReadOnlySpan<char> path, string word)
    {
        var folders = path[..(path.LastIndexOf('/') + 1)];
        return folders.Contains(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A name that ends like a source or document file's (`apt_key.rb`), not like a setting's.</summary>
    public static bool IsFileName(ReadOnlySpan<char> name)
    {
        var kind = FileKind(name);
        return kind is 1 or 3 || kind == 2 && !name.EndsWith(".env", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>1 code, 2 configuration, 3 documentation, 0 other or unknown.</summary>
    private static int FileKind(ReadOnlySpan<char> path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (name.StartsWith(".env", StringComparison.OrdinalIgnoreCase)) return 2;
        if (dot < 0) return 0;
        var ext = name[(dot + 1)..];
        foreach (var code in CodeExtensions)
            if (ext.Equals(code, StringComparison.OrdinalIgnoreCase)) return 1;
        foreach (var config in ConfigExtensions)
            if (ext.Equals(config, StringComparison.OrdinalIgnoreCase)) return 2;
        foreach (var doc in DocExtensions)
            if (ext.Equals(doc, StringComparison.OrdinalIgnoreCase)) return 3;
        return 0;
    }

    private static readonly string[] CodeExtensions =
        ["py", "js", "ts", "jsx", "tsx", "mjs", "cjs", "java", "kt", "scala", "cs", "go", "rb", "php", "c", "h", "cc", "cpp", "hpp", "rs", "swift", "m", "sh", "bash", "ps1", "pl", "lua", "dart", "groovy", "r", "ex", "exs", "erl", "clj", "vb", "fs", "sql"];
    private static readonly string[] ConfigExtensions =
        ["json", "yaml", "yml", "toml", "ini", "cfg", "conf", "cnf", "config", "properties", "env", "xml", "tf", "tfvars", "plist", "gradle", "cmake", "tpl", "template", "j2"];
    private static readonly string[] DocExtensions = ["md", "rst", "txt", "html", "htm", "adoc", "ipynb", "tex", "org"];
}

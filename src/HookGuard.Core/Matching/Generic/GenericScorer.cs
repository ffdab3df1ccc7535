using System.Globalization;
using System.Text;

namespace HookGuard.Matching.Generic;

/// <summary>
/// Decides whether a generic rule's candidate is a credential: boosted decision trees over
/// <see cref="GenericFeatures"/>, trained offline (tools/HookGuard.Trainer) and compiled in as plain
/// arrays (<see cref="GenericModel"/>). Runs only on candidates, never on a clean line.
/// </summary>
internal static class GenericScorer
{
    /// <summary>The threshold the model was tuned for; `.hookguard.yaml`'s generic.threshold overrides it.</summary>
    public static double DefaultThreshold => GenericModel.DefaultThreshold;

    public static double Score(ReadOnlySpan<float> features) => Math.Max(Learned(features), Floor(features));

    /// <summary>The trees' own score.</summary>
    public static double Learned(ReadOnlySpan<float> features)
    {
        var margin = (double)GenericModel.BaseScore;
        foreach (var root in GenericModel.Roots) margin += GenericModel.Values[Leaf(root, features)];
        return 1 / (1 + Math.Exp(-margin));
    }

    /// <summary>
    /// What the score never falls below, by hand: a value written out (quoted, in a configuration
    /// file's line, a connection string, an XML setting or a URL) and given to a password or secret (or,
    /// 32 characters and longer, to a key or token), of three character classes or more with a digit, that reads as no
    /// reference, outside tests and docs. The labeled data's true values are random strings, so the
    /// trees learned little about natural ones (`Summer2023!`, a passphrase used as a signing key); this
    /// keeps those reported. Counted in the trainer's cross-validation like the trees.
    /// </summary>
    public static double Floor(ReadOnlySpan<float> x)
    {
        const double Reported = FloorScore;
        // user:password in a URL or after curl -u names its password by its place.
        var name = x[F.PasswordName] + x[F.SecretName] + x[F.ShapeUrl] + x[F.ShapeCurl] > 0 || x[F.KeyName] + x[F.TokenName] > 0 && x[F.Log2Length] >= 5;
        // A URL's or curl's user:password has no name to read; the text before it is the command.
        var plainName = x[F.ShapeUrl] + x[F.ShapeCurl] > 0 || x[F.DescriptorName] + x[F.PaginationName] + x[F.HashName] + x[F.ExampleName] + x[F.PublicName] + x[F.FileName] == 0;
        var written = x[F.Quoted] + x[F.ShapeConnection] + x[F.ShapeUrl] + x[F.ShapeCurl] + x[F.ShapeXml] > 0 || x[F.ShapeConfig] > 0 && x[F.ConfigFile] > 0;
        var value = written && x[F.Log2Length] >= 3 && x[F.Classes] >= 3 && x[F.DigitFraction] > 0 && x[F.Dotted] + x[F.Call] + x[F.Reference] + x[F.PathLike] + x[F.Url] + x[F.Space] + x[F.UpperSnake] == 0;
        var context = x[F.TestFile] + x[F.DocsFile] + x[F.DocsType] + x[F.Comment] + x[F.MentionsExample] + x[F.TestCode] == 0;
        var shape = x[F.ShapeOther] == 0;
        return name && plainName && value && context && shape ? Reported : 0;
    }

    /// <summary>The floor's score: the trainer picks a threshold no higher, so what the floor keeps is reported.</summary>
    public const double FloorScore = 0.8;

    /// <summary>Feature indexes the floor reads, by name.</summary>
    private static class F
    {
        public static readonly int Log2Length = Index("log2 length"), Classes = Index("character classes"), Dotted = Index("dotted reference"),
            Call = Index("call or brackets"), Reference = Index("starts like a reference"), PathLike = Index("path-like"), Url = Index("holds a URL"),
            Space = Index("holds a space"), UpperSnake = Index("UPPER_SNAKE name"), PasswordName = Index("name: password"),
            SecretName = Index("name: secret"), TokenName = Index("name: token"), KeyName = Index("name: key"),
            DescriptorName = Index("name: id, name, type or other descriptor"), PaginationName = Index("name: pagination or csrf"),
            HashName = Index("name: hash, salt or nonce"), ExampleName = Index("name: test or example"), PublicName = Index("name: public"),
            FileName = Index("name: file name"), TestFile = Index("file: test"), DocsFile = Index("file: docs or example"),
            DocsType = Index("file: docs type"), Comment = Index("line: comment"), MentionsExample = Index("line: mentions example"),
            TestCode = Index("line: test code"), Quoted = Index("quoted"), ShapeConnection = Index("shape: connection string"),
            DigitFraction = Index("digit fraction"), ConfigFile = Index("file: config"), ShapeXml = Index("shape: xml"), ShapeConfig = Index("shape: config value"), ShapeUrl = Index("shape: url"), ShapeCurl = Index("shape: curl"), ShapeOther = Index("shape: other");

        private static int Index(string name) =>
            Array.IndexOf(GenericFeatures.Names, name) is var i and >= 0 ? i : throw new InvalidOperationException($"no feature '{name}'");
    }

    private static int Leaf(int node, ReadOnlySpan<float> features)
    {
        var feature = GenericModel.Features;
        while (feature[node] >= 0)
            node = features[feature[node]] <= GenericModel.Thresholds[node] ? GenericModel.Left[node] : GenericModel.Right[node];
        return node;
    }

    /// <summary>
    /// How much each feature moved the score (log-odds): along each tree's path, a split's change in the
    /// node value is credited to the feature it tests.
    /// </summary>
    public static void Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        contributions.Clear();
        var feature = GenericModel.Features;
        var values = GenericModel.Values;
        foreach (var root in GenericModel.Roots)
        {
            int node = root;
            while (feature[node] >= 0)
            {
                var next = features[feature[node]] <= GenericModel.Thresholds[node] ? GenericModel.Left[node] : GenericModel.Right[node];
                contributions[feature[node]] += values[next] - values[node];
                node = next;
            }
        }
    }

    /// <summary>One line: the shape, the name, what in the value made it a credential, and the score.</summary>
    public static string Explain(ReadOnlySpan<float> features, double score, ReadOnlySpan<char> value, int classes, double entropy)
    {
        Span<double> contributions = stackalloc double[features.Length];
        Contributions(features, contributions);
        var text = new StringBuilder();
        text.Append(ShapeNames[ShapeIndex(features)]);
        var floored = Floor(features) > Learned(features);
        var nameKind = NameKind(features);
        if (nameKind is not null) text.Append(" named as a ").Append(nameKind);
        text.Append(CultureInfo.InvariantCulture, $": a {value.Length}-character value of {classes} character class{(classes == 1 ? "" : "es")}, entropy {entropy:0.0}");
        var strongest = -1;
        for (var i = 0; i < features.Length; i++)
            if (contributions[i] > 0.2 && !IsShapeOrName(i) && (strongest < 0 || contributions[i] > contributions[strongest]))
                strongest = i;
        if (floored) text.Append("; given outright to the name, of three character classes or more");
        else if (strongest >= 0)
            text.Append("; strongest sign: ").Append(GenericFeatures.Names[strongest]).Append(CultureInfo.InvariantCulture, $" {features[strongest]:0.##}");
        text.Append(CultureInfo.InvariantCulture, $" (score {score:0.00})");
        return text.ToString();
    }

    /// <summary>Every feature that is set, with its value and contribution, for --verbose.</summary>
    public static string Describe(ReadOnlySpan<float> features)
    {
        Span<double> contributions = stackalloc double[features.Length];
        Contributions(features, contributions);
        var text = new StringBuilder();
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i] == 0 && Math.Abs(contributions[i]) < 0.3) continue;
            if (text.Length > 0) text.Append("; ");
            text.Append(CultureInfo.InvariantCulture, $"{GenericFeatures.Names[i]}={features[i]:0.##} ({contributions[i]:+0.00;-0.00})");
        }
        return text.ToString();
    }

    private const int FirstName = 24, FirstShape = 34, Shapes = 10;

    private static readonly string[] ShapeNames =
    [
        "assignment", "configuration value", "XML setting", "URL with credentials", "Authorization header", "curl credentials",
        "connection string", "call argument", "command-line password", "generic rule",
    ];

    private static int ShapeIndex(ReadOnlySpan<float> features)
    {
        for (var i = 0; i < Shapes; i++)
            if (features[FirstShape + i] != 0) return i;
        return Shapes - 1;
    }

    private static string? NameKind(ReadOnlySpan<float> features) =>
        features[FirstName] != 0 ? "password" : features[FirstName + 1] != 0 ? "secret" : features[FirstName + 2] != 0 ? "token"
        : features[FirstName + 3] != 0 ? "key" : features[FirstName + 4] != 0 ? "credential" : null;

    private static bool IsShapeOrName(int i) => i is >= FirstName and < FirstShape + Shapes;
}

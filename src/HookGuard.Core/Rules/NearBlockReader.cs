using HookGuard.Yaml;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Rules;

/// <summary>Reads a rule's `near:` block (see <see cref="NearBlock"/>), reporting each bad key where it stands.</summary>
internal static class NearBlockReader
{
    private static readonly string[] Keys = ["keywords", "names", "distance", "alphabet", "length", "prefix"];

    public static NearBlock? Read(YamlFile file, YamlNode node, string where)
    {
        var map = file.Map(node, $"{where}: near");
        if (map is null) return null;
        file.CheckKeys(map, $"{where}: near", Keys);
        var errorsBefore = file.Errors.Count;

        var keywords = file.Strings(YamlFile.Get(map, "keywords"), $"{where}: near.keywords").Select(k => k.ToLowerInvariant()).ToList();
        if (keywords.Count == 0)
            file.Error(map, $"{where}: near needs keywords: the provider's name or host as it appears in the variable name");
        foreach (var keyword in keywords.Where(k => k.Length < 4))
            file.Error(YamlFile.Get(map, "keywords")!, $"{where}: near keyword '{keyword}' is shorter than 4 characters: name the provider, not a fragment");
        foreach (var keyword in keywords.Where(k => !IsNameWord(k)))
            file.Error(YamlFile.Get(map, "keywords")!, $"{where}: near keyword '{keyword}' may hold only ASCII letters, digits, '.', '_' and '-', as a variable name does");
        var names = file.Strings(YamlFile.Get(map, "names"), $"{where}: near.names").Select(k => k.ToLowerInvariant()).ToList();
        foreach (var name in names.Where(n => n.Length < 3))
            file.Error(YamlFile.Get(map, "names")!, $"{where}: near name '{name}' is shorter than 3 characters");
        foreach (var name in names.Where(n => !IsNameWord(n)))
            file.Error(YamlFile.Get(map, "names")!, $"{where}: near name '{name}' may hold only ASCII letters, digits, '.', '_' and '-'");
        var distance = (int)(file.Number(YamlFile.Get(map, "distance"), $"{where}: near.distance", 0, NearBlock.MaxDistance) ?? NearBlock.DefaultDistance);

        var alphabetNode = YamlFile.Get(map, "alphabet");
        var alphabet = file.String(alphabetNode, $"{where}: near.alphabet");
        if (alphabet is null) file.Error(map, $"{where}: near needs an alphabet ({string.Join(", ", NearBlock.Alphabets.Keys)}, or a class '[...]')");
        else if (!NearBlock.Alphabets.ContainsKey(alphabet) && !IsCharacterClass(alphabet))
            file.Error(alphabetNode!, $"{where}: near.alphabet '{alphabet}' is not one of {string.Join(", ", NearBlock.Alphabets.Keys)}, nor a class '[...]'");

        var lengthNode = YamlFile.Get(map, "length");
        var lengthText = file.String(lengthNode, $"{where}: near.length");
        (int Min, int Max)? length = (0, 0);
        if (alphabet != "uuid")
        {
            length = lengthText is null ? null : NearBlock.ParseLength(lengthText);
            if (lengthText is null) file.Error(map, $"{where}: near needs a length: 32, or a range such as 32-40");
            else if (length is null) file.Error(lengthNode!, $"{where}: near.length must be a number from 8 to 2048 or a range such as 32-40, not '{lengthText}'");
        }
        var prefix = file.String(YamlFile.Get(map, "prefix"), $"{where}: near.prefix") ?? "";

        if (file.Errors.Count > errorsBefore || alphabet is null || length is null) return null;
        return new NearBlock(keywords, names, distance, alphabet, length.Value.Min, length.Value.Max, prefix);
    }

    private static bool IsNameWord(string word) => word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>One bracketed class and nothing else: a pattern fragment cannot hide in it.</summary>
    private static bool IsCharacterClass(string text) =>
        text.Length >= 3 && text[0] == '[' && text[^1] == ']' && text.IndexOf(']', 1) == text.Length - 1 && !text.Contains('\\');
}

using System.Text.Json.Serialization;

namespace HookGuard.Reporting;

// The subset of SARIF 2.1.0 HookGuard writes, in the order written; absent optional parts are left out.

internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

internal sealed record SarifRun(
    SarifTool Tool,
    SarifUriBases OriginalUriBaseIds,
    IReadOnlyList<SarifResult> Results,
    string ColumnKind);

internal sealed record SarifTool(SarifDriver Driver);

internal sealed record SarifDriver(string Name, string SemanticVersion, string InformationUri, IReadOnlyList<SarifRule> Rules);

internal sealed record SarifRule(
    string Id,
    string Name,
    SarifText ShortDescription,
    SarifText FullDescription,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HelpUri,
    SarifHelp Help,
    SarifConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

internal sealed record SarifText(string Text);

internal sealed record SarifHelp(string Text, string Markdown);

internal sealed record SarifConfiguration(string Level);

internal sealed record SarifRuleProperties(
    IReadOnlyList<string> Tags,
    [property: JsonPropertyName("security-severity")] string SecuritySeverity,
    string Provider);

internal sealed record SarifUriBases([property: JsonPropertyName("SRCROOT")] SarifUriBase SrcRoot);

internal sealed record SarifUriBase(SarifText Description);

internal sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation> Locations,
    SarifFingerprints PartialFingerprints,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SarifResultProperties? Properties);

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

internal sealed record SarifPhysicalLocation(
    SarifArtifactLocation ArtifactLocation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SarifRegion? Region);

internal sealed record SarifArtifactLocation(string Uri, string UriBaseId);

internal sealed record SarifRegion(int StartLine, int StartColumn, int EndColumn);

internal sealed record SarifFingerprints([property: JsonPropertyName("hookguardFingerprint/v1")] string HookGuardV1);

internal sealed record SarifResultProperties(string Commit);

using System.Text.Json.Serialization;

namespace HookGuard.Policy;

/// <summary>The baseline file as written: a version and the sorted entries.</summary>
internal sealed record BaselineFile(int Version, IReadOnlyList<BaselineEntry>? Findings);

/// <summary>
/// The baseline's reader and writer, generated at build time: no reflection in the native binary,
/// and the format committed baselines are in (two-space indent, the default escaping encoder), which
/// <see cref="Baseline.IsExactlyWritten"/> compares byte for byte.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BaselineFile))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;

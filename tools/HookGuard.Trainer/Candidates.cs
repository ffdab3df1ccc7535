using HookGuard.Matching;
using HookGuard.Matching.Generic;
using HookGuard.Rules;

namespace HookGuard.Trainer;

/// <summary>A finding on a training line; a generic rule's carries its features, and a score once judged.</summary>
internal sealed class Candidate
{
    public required int LineIndex { get; init; }
    public required string Repo { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public required float[]? Features { get; init; }
    public required bool Positive { get; init; }
    public double Weight { get; init; } = 1;
    public double Score { get; set; } = 1;
}

internal static class Candidates
{
    /// <summary>Every rule's findings on every line, generic candidates kept whatever their score.</summary>
    public static List<Candidate> Collect(List<SourceLine> lines, IReadOnlyList<Rule> rules)
    {
        var matcher = new Matcher(rules, new GenericScoring(0, KeepAllCandidates: true));
        var results = new List<SecretMatch>();
        var found = new List<Candidate>();
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            matcher.EnterFile(line.Path);
            matcher.Scan(line.Text, results);
            foreach (var match in results)
            {
                var end = match.Start + match.Length;
                var positive = line.Rows.Any(r => r.Label == "T" && Overlaps(r.Span(line.Text.Length), match.Start, end));
                found.Add(new Candidate
                {
                    LineIndex = index, Repo = line.Repo, Start = match.Start, End = end, Features = match.Features, Positive = positive,
                });
            }
        }
        return found;
    }

    public static bool Overlaps((int Start, int End) span, int start, int end) => span.Start < end && start < span.End;

    /// <summary>A repository's fold: a stable hash of its id, so a repository is wholly in one fold.</summary>
    public static int Fold(string repo, int folds)
    {
        var hash = 2166136261u;
        foreach (var c in repo) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)folds);
    }
}

internal readonly record struct EvaluationResult(int Positives, int TruePositives, int FalsePositives, int Unlabeled)
{
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
}

/// <summary>Row-level scoring as CredData counts it: a row is found when a reported finding overlaps its value.</summary>
internal static class Evaluation
{
    public static EvaluationResult Run(List<SourceLine> lines, List<Candidate> candidates, double threshold)
    {
        var byLine = candidates.Where(c => c.Features is null || c.Score >= threshold).ToLookup(c => c.LineIndex);
        int positives = 0, truePositives = 0, falsePositives = 0, unlabeled = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var reported = byLine[i].ToList();
            var labeled = false;
            foreach (var row in line.Rows)
            {
                if (row.Label == "U") continue;
                labeled = true;
                var span = row.Span(line.Text.Length);
                var hit = reported.Any(c => Candidates.Overlaps(span, c.Start, c.End));
                if (row.Label == "T")
                {
                    if (row.IsBareUuid) continue;
                    positives++;
                    if (hit) truePositives++;
                }
                else if (hit) falsePositives++;
            }
            if (!labeled) unlabeled += reported.Count;
        }
        return new EvaluationResult(positives, truePositives, falsePositives, unlabeled);
    }

    public static List<KeyValuePair<string, int>> Missed(List<SourceLine> lines, List<Candidate> candidates, double threshold)
    {
        var byLine = candidates.Where(c => c.Features is null || c.Score >= threshold).ToLookup(c => c.LineIndex);
        var missed = new Dictionary<string, int>();
        for (var i = 0; i < lines.Count; i++)
            foreach (var row in lines[i].Rows.Where(r => r.Label == "T" && !r.IsBareUuid))
                if (!byLine[i].Any(c => Candidates.Overlaps(row.Span(lines[i].Text.Length), c.Start, c.End)))
                    missed[row.Category ?? "?"] = missed.GetValueOrDefault(row.Category ?? "?") + 1;
        return [.. missed.OrderByDescending(m => m.Value)];
    }
}

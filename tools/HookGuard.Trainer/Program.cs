using System.Globalization;
using System.Text;
using HookGuard.Config;
using HookGuard.Matching;
using HookGuard.Matching.Generic;
using HookGuard.Rules;
using HookGuard.Trainer;
using HookGuard.Yaml;

// Learns the generic rules' scorer from CredData's labeled lines, evaluates it with cross-validation grouped
// by repository (no repository is ever both trained on and scored), and writes the model as C#.
//   dotnet run --project tools/HookGuard.Trainer -c Release -- [--data PATH] [--report PATH] [--export-only]
var root = RepositoryRoot();
var data = Path.Combine(root, "..", "shared", "data", "creddata-train.jsonl.gz");
string? reportPath = null;
var exportOnly = false;
string? dumpPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data": data = args[++i]; break;
        case "--report": reportPath = args[++i]; break;
        case "--export-only": exportOnly = true; break;
        case "--dump": dumpPath = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
var tablePath = Path.Combine(root, "tools", "HookGuard.Trainer", "generic-model.tsv");
var sourcePath = Path.Combine(root, "src", "HookGuard.Core", "Matching", "Generic", "GenericModel.g.cs");
if (exportOnly)
{
    File.WriteAllText(sourcePath, ModelSource.CSharp(ModelSource.ParseTable(File.ReadAllText(tablePath))));
    return 0;
}

var errors = new List<ConfigError>();
var rules = RuleSet.Ordered(RuleFileLoader.LoadPath(Path.Combine(root, "rules"), errors));
if (errors.Count > 0)
{
    foreach (var e in errors) Console.Error.WriteLine(e);
    return 2;
}
var lines = CredDataRows.Read(data);
Console.Error.WriteLine($"{lines.Count} lines, {lines.Sum(l => l.Rows.Count)} rows");
var candidates = Candidates.Collect(lines, rules);
var generic = candidates.Where(c => c.Features is not null).ToList();
Console.Error.WriteLine($"{candidates.Count} findings before scoring, {generic.Count} generic candidates ({generic.Count(c => c.Positive)} on true values)");

const int Folds = 5;
// The issue's bar is 0.90; a little margin for repositories the model has not seen.
const double MinPrecision = 0.905;
var outOfFold = new double[generic.Count];
for (var fold = 0; fold < Folds; fold++)
{
    var train = generic.Where(c => Candidates.Fold(c.Repo, Folds) != fold).ToList();
    var model = GradientBoosting.Fit([.. train.Select(c => c.Features!)], [.. train.Select(c => c.Positive)]);
    for (var i = 0; i < generic.Count; i++)
        if (Candidates.Fold(generic[i].Repo, Folds) == fold) outOfFold[i] = model.Predict(generic[i].Features);
}
// The scorer's hand-written floor applies in evaluation as it does in the binary.
for (var i = 0; i < generic.Count; i++) generic[i].Score = Math.Max(outOfFold[i], GenericScorer.Floor(generic[i].Features));

var report = new StringBuilder();
report.Append("| threshold | recall (T rows, no bare UUIDs) | precision (T vs F+X rows) | findings on unlabeled lines |\n|---:|---:|---:|---:|\n");
double chosen = 0.5;
var chosenSet = false;
foreach (var t in Enumerable.Range(1, 19).Select(k => k / 20.0).Append(1.01))
{
    var result = Evaluation.Run(lines, candidates, t);
    report.Append(CultureInfo.InvariantCulture, $"| {(t > 1 ? "providers only" : t.ToString("0.00", CultureInfo.InvariantCulture))} | {result.Recall:0.000} ({result.TruePositives}/{result.Positives}) | {result.Precision:0.000} ({result.FalsePositives} false) | {result.Unlabeled} |\n");
    if (!chosenSet && t <= GenericScorer.FloorScore && result.Precision >= MinPrecision)
    {
        chosen = t;
        chosenSet = true;
    }
}
if (!chosenSet) chosen = GenericScorer.FloorScore;
report.Append(CultureInfo.InvariantCulture, $"\nChosen threshold: {chosen:0.00} (the lowest with precision >= {MinPrecision} in cross-validation, at most the floor's {GenericScorer.FloorScore}).\n");
Console.WriteLine(report);
var missed = Evaluation.Missed(lines, candidates, chosen);
Console.Error.WriteLine("Missed true rows by category: " + string.Join(", ", missed.Take(25).Select(m => $"{m.Key} {m.Value}")));
if (reportPath is not null) File.WriteAllText(reportPath, report.ToString());
if (dumpPath is not null)
    File.WriteAllLines(dumpPath, generic.OrderByDescending(c => c.Score).Select(c =>
        $"{c.Score:0.000}\t{(c.Positive ? "T" : string.Join("", lines[c.LineIndex].Rows.Select(r => r.Label)))}\t{lines[c.LineIndex].Path}\t{lines[c.LineIndex].Text[..Math.Min(lines[c.LineIndex].Text.Length, 200)].Replace('\t', ' ')}\t[{lines[c.LineIndex].Text[c.Start..c.End]}]"));

var final = GradientBoosting.Fit([.. generic.Select(c => c.Features!)], [.. generic.Select(c => c.Positive)]);
var table = ModelSource.Table(new ModelSource.Model(chosen, (float)final.BaseScore, GenericFeatures.Names, [.. final.Roots],
    [.. final.Nodes.Select(n => new ModelSource.Node(n.Feature, n.Threshold, n.Left, n.Right, (float)n.Value))]));
File.WriteAllText(tablePath, table);
File.WriteAllText(sourcePath, ModelSource.CSharp(ModelSource.ParseTable(table)));
Console.Error.WriteLine($"wrote {tablePath} and {sourcePath}");
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "HookGuard.sln"))) return dir.FullName;
    throw new InvalidOperationException("run inside the HookGuard repository");
}

using HookGuard.Matching.Generic;
using HookGuard.Tests.Rules;
using HookGuard.Trainer;

namespace HookGuard.Tests.Matching;

/// <summary>The scorer compiled into the binary is exactly the trained model the trainer wrote down.</summary>
public class GenericModelSpecs
{
    private static string Table => File.ReadAllText(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "tools", "HookGuard.Trainer", "generic-model.tsv"));

    [Test]
    public void The_generated_model_is_what_the_trainer_writes_from_its_table()
    {
        var generated = File.ReadAllText(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "src", "HookGuard.Core", "Matching", "Generic", "GenericModel.g.cs"));
        Assert.That(generated, Is.EqualTo(ModelSource.CSharp(ModelSource.ParseTable(Table))),
            "regenerate: dotnet run --project tools/HookGuard.Trainer -c Release -- --export-only");
    }

    [Test]
    public void The_table_is_over_the_features_the_matcher_computes() =>
        Assert.That(() => ModelSource.ParseTable(Table), Throws.Nothing);

    [Test]
    public void The_compiled_scorer_scores_as_the_table_says()
    {
        var model = ModelSource.ParseTable(Table);
        var random = new Random(21);
        for (var sample = 0; sample < 200; sample++)
        {
            var x = new float[GenericFeatures.Count];
            for (var i = 0; i < x.Length; i++) x[i] = random.Next(3) == 0 ? (float)(random.NextDouble() * 8) : random.Next(2);
            double margin = model.BaseScore;
            foreach (var root in model.Roots)
            {
                var node = model.Nodes[root];
                while (node.Feature >= 0) node = model.Nodes[x[node.Feature] <= node.Threshold ? node.Left : node.Right];
                margin += node.Value;
            }
            Assert.That(GenericScorer.Learned(x), Is.EqualTo(1 / (1 + Math.Exp(-margin))).Within(1e-5));
        }
    }
}

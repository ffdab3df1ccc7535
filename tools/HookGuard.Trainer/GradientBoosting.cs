namespace HookGuard.Trainer;

/// <summary>
/// Gradient-boosted decision trees for log loss, written out small: depth-limited trees grown on
/// histogram bins (quantile thresholds per feature), Newton leaf values with L2 shrinkage. No sampling,
/// no random numbers: the same data gives the same trees.
/// </summary>
internal sealed class GradientBoosting
{
    /// <summary>All trees' nodes in one table; a tree starts at each of <see cref="Roots"/>. Feature -1 marks a leaf.</summary>
    public required List<TreeNode> Nodes { get; init; }
    public required List<int> Roots { get; init; }
    public required double BaseScore { get; init; }

    public sealed record TreeNode(int Feature, float Threshold, int Left, int Right, double Value);

    public static GradientBoosting Fit(IReadOnlyList<float[]> x, IReadOnlyList<bool> y, int trees = 300, int depth = 5,
        double learningRate = 0.1, int minLeaf = 15, double lambda = 2.0, int bins = 32)
    {
        var n = x.Count;
        var d = x[0].Length;
        var thresholds = new float[d][];
        for (var j = 0; j < d; j++)
        {
            var values = x.Select(r => r[j]).Distinct().Order().ToArray();
            if (values.Length <= bins)
                thresholds[j] = [.. values.Zip(values.Skip(1), (a, b) => (a + b) / 2)];
            else
            {
                var sorted = x.Select(r => r[j]).Order().ToArray();
                thresholds[j] = [.. Enumerable.Range(1, bins - 1).Select(k => sorted[k * n / bins]).Distinct()];
            }
        }
        // Each sample's bin per feature: the number of thresholds its value is above.
        var binOf = new byte[n, d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++)
            {
                var b = 0;
                while (b < thresholds[j].Length && x[i][j] > thresholds[j][b]) b++;
                binOf[i, j] = (byte)b;
            }
        var positives = y.Count(v => v);
        var baseScore = Math.Log((positives + 1.0) / (n - positives + 1.0));
        var margin = Enumerable.Repeat(baseScore, n).ToArray();
        var nodes = new List<TreeNode>();
        var roots = new List<int>();
        var g = new double[n];
        var h = new double[n];
        for (var t = 0; t < trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-margin[i]));
                g[i] = p - (y[i] ? 1 : 0);
                h[i] = Math.Max(p * (1 - p), 1e-6);
            }
            roots.Add(nodes.Count);
            Grow(nodes, [.. Enumerable.Range(0, n)], 0);
            for (var i = 0; i < n; i++) margin[i] += Predict(nodes, roots[^1], x[i]);
        }
        return new GradientBoosting { Nodes = nodes, Roots = roots, BaseScore = baseScore };

        int Grow(List<TreeNode> into, int[] samples, int level)
        {
            double sg = 0, sh = 0;
            foreach (var i in samples)
            {
                sg += g[i];
                sh += h[i];
            }
            var value = -sg / (sh + lambda) * learningRate;
            var index = into.Count;
            into.Add(new TreeNode(-1, 0, -1, -1, value));
            if (level >= depth || samples.Length < 2 * minLeaf) return index;
            var parentGain = sg * sg / (sh + lambda);
            double bestGain = 1e-6;
            int bestFeature = -1, bestBin = -1;
            var histG = new double[bins + 1];
            var histH = new double[bins + 1];
            var histN = new int[bins + 1];
            for (var j = 0; j < d; j++)
            {
                var count = thresholds[j].Length;
                if (count == 0) continue;
                Array.Clear(histG);
                Array.Clear(histH);
                Array.Clear(histN);
                foreach (var i in samples)
                {
                    var b = binOf[i, j];
                    histG[b] += g[i];
                    histH[b] += h[i];
                    histN[b]++;
                }
                double lg = 0, lh = 0;
                var ln = 0;
                for (var b = 0; b < count; b++)
                {
                    lg += histG[b];
                    lh += histH[b];
                    ln += histN[b];
                    if (ln < minLeaf || samples.Length - ln < minLeaf) continue;
                    var rg = sg - lg;
                    var rh = sh - lh;
                    var gain = lg * lg / (lh + lambda) + rg * rg / (rh + lambda) - parentGain;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestFeature = j;
                        bestBin = b;
                    }
                }
            }
            if (bestFeature < 0) return index;
            var left = samples.Where(i => binOf[i, bestFeature] <= bestBin).ToArray();
            var right = samples.Where(i => binOf[i, bestFeature] > bestBin).ToArray();
            var leftIndex = Grow(into, left, level + 1);
            var rightIndex = Grow(into, right, level + 1);
            into[index] = new TreeNode(bestFeature, thresholds[bestFeature][bestBin], leftIndex, rightIndex, value);
            return index;
        }
    }

    private static double Predict(List<TreeNode> nodes, int root, ReadOnlySpan<float> x)
    {
        var node = nodes[root];
        while (node.Feature >= 0) node = nodes[x[node.Feature] <= node.Threshold ? node.Left : node.Right];
        return node.Value;
    }

    public double Predict(ReadOnlySpan<float> x)
    {
        var margin = BaseScore;
        foreach (var root in Roots) margin += Predict(Nodes, root, x);
        return 1 / (1 + Math.Exp(-margin));
    }
}

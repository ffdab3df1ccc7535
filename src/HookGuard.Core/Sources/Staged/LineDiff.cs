using System.Runtime.InteropServices;

namespace HookGuard.Sources.Staged;

/// <summary>
/// Which lines a change deleted and added, as a shortest edit script (Myers, "An O(ND) Difference
/// Algorithm and Its Variations", 1986). Lines are compared with their ending, as git compares them
/// (a last line without a newline differs from the same text with one). Lines found on one side only
/// are changes whatever the alignment, so the search runs over the lines both sides share: a rewritten
/// file costs little. git's script may differ from this one only over lines both versions hold (which
/// copy of a repeated line, or which of two swapped lines, counts as added; xdiff also gives up on the
/// shortest script for costly files): every line the old version lacks is added in both, at the same
/// line number.
/// </summary>
internal sealed class LineDiff
{
    /// <summary>Edit distance beyond which the script is not searched (its trace grows with its square): git diffs that change.</summary>
    public const int MaxEdits = 2000;

    private LineDiff(bool[] deleted, bool[] added) => (Deleted, Added) = (deleted, added);

    public bool[] Deleted { get; }

    public bool[] Added { get; }

    /// <summary>The script between two versions; null when it is longer than <see cref="MaxEdits"/>.</summary>
    public static LineDiff? Compute(TextLines old, TextLines @new)
    {
        var deleted = new bool[old.Count];
        var added = new bool[@new.Count];
        // The unchanged start and end are compared as bytes; only the lines between get classes.
        var prefix = 0;
        while (prefix < old.Count && prefix < @new.Count && old.WithEnding(prefix).SequenceEqual(@new.WithEnding(prefix))) prefix++;
        var suffix = 0;
        while (suffix < old.Count - prefix && suffix < @new.Count - prefix
            && old.WithEnding(old.Count - 1 - suffix).SequenceEqual(@new.WithEnding(@new.Count - 1 - suffix))) suffix++;

        var classes = new Dictionary<LineKey, int>(LineKey.Comparer);
        var a = old.Classes(classes, prefix, old.Count - suffix);
        var b = @new.Classes(classes, prefix, @new.Count - suffix);
        // Lines present on one side only are changed in any script; the rest is searched.
        var inA = new bool[classes.Count];
        var inB = new bool[classes.Count];
        foreach (var line in a) inA[line] = true;
        foreach (var line in b) inB[line] = true;
        var keptA = Kept(a, inB, deleted, prefix);
        var keptB = Kept(b, inA, added, prefix);

        var matchedA = new bool[keptA.Count];
        var matchedB = new bool[keptB.Count];
        if (!ShortestScript(Select(a, keptA), Select(b, keptB), matchedA, matchedB)) return null;
        for (var i = 0; i < keptA.Count; i++) deleted[prefix + keptA[i]] = !matchedA[i];
        for (var j = 0; j < keptB.Count; j++) added[prefix + keptB[j]] = !matchedB[j];
        Compact(old, deleted, added);
        Compact(@new, added, deleted);
        return new LineDiff(deleted, added);
    }

    /// <summary>Positions (from 0) whose line the other side also has; the others are marked changed (at offset + position).</summary>
    private static List<int> Kept(int[] lines, bool[] inOther, bool[] changed, int offset)
    {
        var kept = new List<int>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
            if (inOther[lines[i]]) kept.Add(i);
            else changed[offset + i] = true;
        return kept;
    }

    private static int[] Select(int[] lines, List<int> positions)
    {
        var selected = new int[positions.Count];
        for (var i = 0; i < selected.Length; i++) selected[i] = lines[positions[i]];
        return selected;
    }

    /// <summary>Myers' greedy forward search, keeping each round's furthest reaches to walk the script back.</summary>
    private static bool ShortestScript(int[] a, int[] b, bool[] matchedA, bool[] matchedB)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var offset = max + 1;
        var furthest = new int[2 * max + 3];
        var trace = new List<int[]>();
        var edits = -1;
        for (var d = 0; d <= max && edits < 0; d++)
        {
            if (d > MaxEdits) return false;
            trace.Add(furthest.AsSpan(offset - d, 2 * d + 1).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && furthest[offset + k - 1] < furthest[offset + k + 1])
                    ? furthest[offset + k + 1]
                    : furthest[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) (x, y) = (x + 1, y + 1);
                furthest[offset + k] = x;
                if (x >= n && y >= m)
                {
                    edits = d;
                    break;
                }
            }
        }

        int atX = n, atY = m;
        for (var d = edits; d > 0; d--)
        {
            var before = trace[d];
            var k = atX - atY;
            var previousK = k == -d || (k != d && before[k - 1 + d] < before[k + 1 + d]) ? k + 1 : k - 1;
            var previousX = before[previousK + d];
            var previousY = previousX - previousK;
            // The snake after the edit matched these lines; the edit itself is the step onto it.
            var startX = previousK == k + 1 ? previousX : previousX + 1;
            while (atX > startX && atY > startX - k)
            {
                (atX, atY) = (atX - 1, atY - 1);
                matchedA[atX] = matchedB[atY] = true;
            }
            (atX, atY) = (previousX, previousY);
        }
        while (atX > 0 && atY > 0)
        {
            (atX, atY) = (atX - 1, atY - 1);
            matchedA[atX] = matchedB[atY] = true;
        }
        return true;
    }

    /// <summary>
    /// Where a run of changed lines could stand anywhere its first line repeats after it (or its last
    /// before it), puts it where git does without its indent heuristic: merged with any neighbouring
    /// run it can reach, next to a change in the other version where it can be, else as far down as it
    /// goes. So "}\n\nint b() {\n}\n" added after a "}\n\n" adds the function and the blank line
    /// after it. Moving a run keeps the kept lines' text in order, so the script stays valid.
    /// </summary>
    private static void Compact(TextLines lines, bool[] changed, bool[] otherChanged)
    {
        var run = new Run(lines, changed);
        var other = new Run(null, otherChanged);
        while (true)
        {
            if (run.End > run.Start)
            {
                int size, earliestEnd, endNextToOther;
                do
                {
                    size = run.End - run.Start;
                    endNextToOther = -1;
                    while (run.SlideUp()) other.Previous();
                    earliestEnd = run.End;
                    if (other.End > other.Start) endNextToOther = run.End;
                    while (run.SlideDown())
                    {
                        other.Next();
                        if (other.End > other.Start) endNextToOther = run.End;
                    }
                } while (size != run.End - run.Start);
                if (run.End != earliestEnd && endNextToOther >= 0)
                    while (other.End == other.Start)
                    {
                        run.SlideUp();
                        other.Previous();
                    }
            }
            if (!run.Next()) break;
            other.Next();
        }
    }

    /// <summary>
    /// A run of changed lines in one version, possibly empty: the k-th run of each version stands
    /// between the same two kept lines.
    /// </summary>
    private struct Run
    {
        private readonly TextLines? _lines;
        private readonly bool[] _changed;

        public Run(TextLines? lines, bool[] changed)
        {
            (_lines, _changed) = (lines, changed);
            Start = End = 0;
            while (End < changed.Length && changed[End]) End++;
        }

        public int Start { get; private set; }

        public int End { get; private set; }

        public bool Next()
        {
            if (End == _changed.Length) return false;
            Start = End = End + 1;
            while (End < _changed.Length && _changed[End]) End++;
            return true;
        }

        public void Previous()
        {
            if (Start == 0) return;
            End = Start - 1;
            Start = End;
            while (Start > 0 && _changed[Start - 1]) Start--;
        }

        public bool SlideDown()
        {
            if (End >= _changed.Length || !_lines!.WithEnding(Start).SequenceEqual(_lines.WithEnding(End))) return false;
            _changed[Start++] = false;
            _changed[End++] = true;
            while (End < _changed.Length && _changed[End]) End++;
            return true;
        }

        public bool SlideUp()
        {
            if (Start == 0 || !_lines!.WithEnding(Start - 1).SequenceEqual(_lines.WithEnding(End - 1))) return false;
            _changed[--Start] = true;
            _changed[--End] = false;
            while (Start > 0 && _changed[Start - 1]) Start--;
            return true;
        }
    }
}

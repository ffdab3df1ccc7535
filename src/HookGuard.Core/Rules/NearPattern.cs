using System.Text.RegularExpressions;

namespace HookGuard.Rules;

/// <summary>
/// A near rule's pattern (<see cref="NearBlock.ToPattern"/>) run by one shared runner instead of a regex of
/// its own: a source-generated regex per near rule was a type, static state and specialised code per
/// provider in every binary, and an interpreted one a parse at first use. It finds what the written
/// pattern finds, match for match and group for group (NearPatternSpecs compares the two on every rule
/// and on generated lines), so the matcher, masks and the `rules` commands see one Regex as before.
/// </summary>
internal sealed class NearPattern : Regex
{
    public NearPattern(NearBlock block, string writtenPattern)
    {
        pattern = writtenPattern;
        roptions = RegexOptions.CultureInvariant;
        // The runner's work is bounded by the block's own bounds (name distance, gaps, value length): no timeout to check.
        internalMatchTimeout = InfiniteMatchTimeout;
        factory = new RunnerFactory(new NearShape(block));
        capsize = 2;
    }

    private sealed class RunnerFactory(NearShape shape) : RegexRunnerFactory
    {
        protected override RegexRunner CreateInstance() => new Runner(shape);
    }

    private sealed class Runner(NearShape shape) : RegexRunner
    {
        protected override void Scan(ReadOnlySpan<char> text)
        {
            if (shape.Find(text, runtextpos) is { } found)
            {
                Capture(1, found.SecretStart, found.SecretEnd);
                runtextpos = found.End;
                Capture(0, found.Start, found.End);
            }
            else runtextpos = text.Length;
        }
    }
}

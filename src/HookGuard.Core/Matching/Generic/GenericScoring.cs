namespace HookGuard.Matching.Generic;

/// <summary>
/// How generic rules' candidates are judged: the score a candidate needs (`.hookguard.yaml`'s
/// generic.threshold), whether findings keep their features (--verbose), and, for the trainer only,
/// whether every candidate is kept whatever its score.
/// </summary>
internal sealed record GenericScoring(double Threshold, bool KeepFeatures = false, bool KeepAllCandidates = false)
{
    public static readonly GenericScoring Default = new(GenericScorer.DefaultThreshold);
}

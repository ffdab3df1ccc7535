namespace HookGuard.Reporting;

/// <summary>The boundary between scanning and printing: new formats plug in here.</summary>
internal interface IReporter
{
    void Write(ScanReport report, TextWriter output);
}

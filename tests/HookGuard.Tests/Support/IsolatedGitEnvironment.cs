namespace HookGuard.Tests;

/// <summary>
/// The test process's own git work (GitDiff, the in-process staged read) sees no machine or user
/// configuration, as the processes the tests start do (<see cref="Support.ProcessRunner.BaseEnvironment"/>).
/// </summary>
[SetUpFixture]
public sealed class IsolatedGitEnvironment
{
    [OneTimeSetUp]
    public void Isolate()
    {
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", "/dev/null");
    }
}

using System.Management.Automation.Runspaces;
using System.Reflection;

// `pwsh` for the tests: PowerShell's own console host over the default session state, so a .ps1 runs
// as it would under pwsh (`PwshHost -NoProfile -File script.ps1 ARGS`). PESTER_MODULE names the
// Pester module restored with this project.
var pester = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "PesterModule")?.Value;
if (pester is not null && Environment.GetEnvironmentVariable("PESTER_MODULE") is null or "")
    Environment.SetEnvironmentVariable("PESTER_MODULE", pester);
// How a script starts another PowerShell of this host (a child run, as a user would start pwsh).
if (Environment.GetEnvironmentVariable("PWSH_HOST") is null or "")
{
    var process = Environment.ProcessPath ?? "dotnet";
    Environment.SetEnvironmentVariable("PWSH_HOST", process);
    if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        Environment.SetEnvironmentVariable("PWSH_HOST_DLL", typeof(Program).Assembly.Location);
}
return Microsoft.PowerShell.ConsoleShell.Start(InitialSessionState.CreateDefault2(), "", "", args);

internal partial class Program;

<#
.SYNOPSIS
  Builds HookGuard from this checkout as a native binary and installs its git hooks into the
  repository you run this from (any folder inside it). Safe to run again.
.EXAMPLE
  path\to\hookguard\install.ps1                   # build if needed, install the hooks
  path\to\hookguard\install.ps1 -Hooks pre-commit
  path\to\hookguard\install.ps1 -Husky            # also add HookGuard's tasks to .husky/task-runner.json
  path\to\hookguard\install.ps1 -Uninstall
.NOTES
  Works in PowerShell 7 and Windows PowerShell 5.1. The binary goes to $env:HOOKGUARD_HOME
  (default: %LOCALAPPDATA%\hookguard or ~/.local/share/hookguard); hooks call it by that path.
#>
[CmdletBinding()]
param(
    [string]$Hooks,
    [switch]$Husky,
    [switch]$Uninstall
)
$ErrorActionPreference = 'Stop'

function Fail([string]$Message) {
    Write-Host "install.ps1: $Message" -ForegroundColor Red
    exit 1
}

$src = $PSScriptRoot
$onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
if ($env:HOOKGUARD_HOME) { $homeDir = $env:HOOKGUARD_HOME }
elseif ($onWindows) { $homeDir = Join-Path $env:LOCALAPPDATA 'hookguard' }
else { $homeDir = Join-Path $HOME '.local/share/hookguard' }
$exeName = if ($onWindows) { 'hookguard.exe' } else { 'hookguard' }
$bin = Join-Path (Join-Path $homeDir 'bin') $exeName

if (-not (Get-Command git -ErrorAction SilentlyContinue)) {
    Fail "git is not installed. Install it first: 'winget install Git.Git' (Windows), 'brew install git' (macOS) or https://git-scm.com/downloads"
}
git rev-parse --is-inside-work-tree 2>$null | Out-Null
if ($LASTEXITCODE -ne 0) { Fail "$(Get-Location) is not inside a git repository. cd into the repository to protect and run install.ps1 again." }

# Rebuild only when the sources are newer than the binary, so a second run is instant.
function Test-NeedsBuild {
    if (-not (Test-Path $bin)) { return $true }
    $built = (Get-Item $bin).LastWriteTimeUtc
    $newer = Get-ChildItem -Recurse -File -Path (Join-Path $src 'src'), (Join-Path $src 'rules'), (Join-Path $src 'hooks') |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } |
        Select-Object -First 1
    return [bool]$newer
}

if (-not $Uninstall -and (Test-NeedsBuild)) {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Fail "the .NET SDK is not installed; HookGuard builds with .NET 10. Install it: 'winget install Microsoft.DotNet.SDK.10' or https://dotnet.microsoft.com/download (then run install.ps1 again)"
    }
    $rid = (dotnet --info | Select-String -Pattern '^\s*RID:\s*(\S+)' | Select-Object -First 1).Matches.Groups[1].Value
    Write-Host "install.ps1: building HookGuard (NativeAOT, $rid) into $(Split-Path $bin) ..."
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
    $log = dotnet publish (Join-Path $src 'src/HookGuard.Cli/HookGuard.Cli.csproj') -c Release -r $rid -o (Split-Path $bin) 2>&1
    if ($LASTEXITCODE -ne 0) {
        $log | Select-Object -Last 30 | Write-Host
        Fail 'the build failed (see above)'
    }
}

$arguments = @()
if ($Hooks) { $arguments += @('--hooks', $Hooks) }
if ($Husky) { $arguments += '--husky' }
if ($Uninstall) {
    if (-not (Test-Path $bin)) { Fail "no HookGuard binary at $bin; nothing to uninstall with" }
    & $bin uninstall @arguments
} else {
    & $bin install @arguments
}
exit $LASTEXITCODE

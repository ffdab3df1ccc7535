<#
.SYNOPSIS
  Builds HookGuard from this checkout as a native binary, puts hookguard on PATH and installs its git
  hooks into the repository you run this from (any folder inside it). Safe to run again.
.EXAMPLE
  path\to\hookguard\install.ps1                          # build if needed, link, install the hooks
  path\to\hookguard\install.ps1 -Hooks pre-commit,pre-push
  path\to\hookguard\install.ps1 -Husky                   # Husky.Net: add HookGuard's tasks to .husky/task-runner.json
  path\to\hookguard\install.ps1 -NoHooks                 # build and link only (CI)
  path\to\hookguard\install.ps1 -NoLink                  # leave PATH alone
  path\to\hookguard\install.ps1 -Uninstall
.NOTES
  The same switches and messages as install.sh, in PowerShell 7 and Windows PowerShell 5.1. The binary
  goes to $env:HOOKGUARD_HOME\bin (default %LOCALAPPDATA%\hookguard\bin or ~/.local/share/hookguard/bin);
  hooks call it by that path. It is rebuilt when the sources' content differs from what it was built
  from (the same SHA-256 install.sh keeps beside it), not by file times.
#>
[CmdletBinding()]
param(
    # An array, and each element may hold a comma-separated list: `-Hooks pre-commit,pre-push` and
    # "pre-commit,pre-push" typed at a prompt both work.
    [string[]]$Hooks,
    [switch]$Husky,
    [switch]$NoHooks,
    [switch]$NoLink,
    [switch]$Uninstall,
    [switch]$SourceHash
)
$ErrorActionPreference = 'Stop'

function Say([string]$Message) { Write-Host "install.ps1: $Message" }
function Fail([string]$Message) {
    [Console]::Error.WriteLine("install.ps1: $Message")
    exit 1
}

# Runs a native command with its stderr as text. Under Windows PowerShell 5.1 a native program's
# stderr, redirected while $ErrorActionPreference is 'Stop', becomes a terminating error (PowerShell
# issue 3996): here the preference is 'Continue' for the call, and $LASTEXITCODE says how it went.
function Invoke-Native {
    param([string]$Command, [string[]]$Arguments)
    $ErrorActionPreference = 'Continue'
    $output = & $Command @Arguments 2>&1 | ForEach-Object { "$_" }
    return , @($output)
}

$src = $PSScriptRoot
$onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
if ($env:HOOKGUARD_HOME) { $homeDir = $env:HOOKGUARD_HOME }
elseif ($onWindows) { $homeDir = Join-Path $env:LOCALAPPDATA 'hookguard' }
else { $homeDir = Join-Path $HOME '.local/share/hookguard' }
$exeName = if ($onWindows) { 'hookguard.exe' } else { 'hookguard' }
$binDir = Join-Path $homeDir 'bin'
$bin = Join-Path $binDir $exeName
$stamp = Join-Path $binDir '.source-sha256'

# The hash install.sh computes: SHA-256 of the lines "HASH  PATH" of every source file, sorted by path.
function Get-SourceHash {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $paths = New-Object System.Collections.Generic.List[string]
    foreach ($top in 'src', 'rules', 'hooks', 'Directory.Build.props', 'Directory.Packages.props', 'global.json') {
        $full = Join-Path $src $top
        if (Test-Path $full -PathType Leaf) { $paths.Add($top) }
        elseif (Test-Path $full) {
            Get-ChildItem -Recurse -File -Force -Path $full | ForEach-Object {
                $relative = $_.FullName.Substring($src.Length + 1).Replace('\', '/')
                if ($relative -notmatch '(^|/)(bin|obj)/') { $paths.Add($relative) }
            }
        }
    }
    $sorted = $paths.ToArray()
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    $lines = New-Object System.Text.StringBuilder
    foreach ($relative in $sorted) {
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $src $relative))
        $hex = -join ($sha.ComputeHash($bytes) | ForEach-Object { $_.ToString('x2') })
        [void]$lines.Append("$hex  $relative`n")
    }
    return -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($lines.ToString())) | ForEach-Object { $_.ToString('x2') })
}
if ($SourceHash) { Get-SourceHash; exit 0 }

$hookList = @($Hooks | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })

if (-not $NoHooks -or $Uninstall) {
    if (-not (Get-Command git -ErrorAction SilentlyContinue)) {
        Fail "git is not installed. Install it first: 'winget install Git.Git' (Windows), 'sudo apt-get install git' (Debian/Ubuntu), 'brew install git' (macOS) or https://git-scm.com/downloads"
    }
    [void](Invoke-Native git @('rev-parse', '--is-inside-work-tree'))
    if ($LASTEXITCODE -ne 0) {
        Fail "$(Get-Location) is not inside a git repository. cd into the repository to protect and run install.ps1 again (or pass -NoHooks to only build)."
    }
}

function Test-Toolchain {
    if ($onWindows -or -not $IsLinux) { return }
    $missing = @()
    $clang = Get-Command clang -ErrorAction SilentlyContinue
    if (-not $clang) { $clang = Get-Command 'clang-*' -CommandType Application -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '^clang-\d+$' } }
    if (-not $clang) { $missing += 'clang' }
    $zlib = '/usr/lib', '/usr/lib64', '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/local/lib' |
        Where-Object { (Test-Path "$_/libz.a") -or (Test-Path "$_/libz.so") }
    if (-not $zlib) { $missing += 'zlib (development files)' }
    if ($missing.Count -gt 0) {
        Fail "building the native binary needs $($missing -join ' '), which NativeAOT links with. Install: 'sudo apt-get install clang zlib1g-dev' (Debian/Ubuntu), 'sudo dnf install clang zlib-devel' (Fedora), 'sudo apk add clang zlib-dev' (Alpine); then run install.ps1 again"
    }
}

function Invoke-Build {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Fail "the .NET SDK is not installed; HookGuard builds with .NET 10. Install it: 'winget install Microsoft.DotNet.SDK.10' or https://dotnet.microsoft.com/download (then run install.ps1 again)"
    }
    Test-Toolchain
    $info = Invoke-Native dotnet @('--info')
    $rid = ($info | Select-String -Pattern '^\s*RID:\s*(\S+)' | Select-Object -First 1).Matches.Groups[1].Value
    $commit = (Invoke-Native git @('-C', $src, 'rev-parse', '--short=12', 'HEAD')) | Select-Object -First 1
    if ($LASTEXITCODE -ne 0 -or -not $commit) { $commit = 'unknown' }
    if ((Invoke-Native git @('-C', $src, 'status', '--porcelain', '--', 'src', 'rules', 'hooks')) -join '') { $commit = "$commit-modified" }
    $out = Join-Path ([System.IO.Path]::GetTempPath()) ("hookguard-build-" + [Guid]::NewGuid().ToString('N'))
    Say "building HookGuard $commit (NativeAOT, $rid) into $binDir; the first build takes a few minutes"
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
    $env:DOTNET_NOLOGO = '1'
    $started = Get-Date
    $script:phase = ''
    $log = New-Object System.Collections.Generic.List[string]
    $ErrorActionPreference = 'Continue'
    & dotnet publish (Join-Path $src 'src/HookGuard.Cli/HookGuard.Cli.csproj') -c Release -r $rid -o $out "-p:SourceRevisionId=$commit" 2>&1 | ForEach-Object {
        $line = "$_"
        $log.Add($line)
        $now = 'restoring packages'
        if ($log -match ' -> .*\.dll') { $now = 'compiling' }
        if ($log -match 'Generating native code') { $now = 'generating native code' }
        if ($now -ne $script:phase) {
            Say "  ... $now ($([int]((Get-Date) - $started).TotalSeconds)s)"
            $script:phase = $now
        }
    }
    $status = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($status -ne 0) {
        $log | Select-Object -Last 30 | ForEach-Object { [Console]::Error.WriteLine($_) }
        Fail 'the build failed (see above)'
    }
    # Only the binary: its .dbg/.pdb symbol files are for debugging HookGuard itself.
    New-Item -ItemType Directory -Force -Path $binDir | Out-Null
    Get-ChildItem -Path $binDir -File | Where-Object { $_.Extension -in '.dbg', '.pdb' } | Remove-Item -Force
    Copy-Item (Join-Path $out $exeName) "$bin.new" -Force
    Move-Item "$bin.new" $bin -Force
    Remove-Item -Recurse -Force $out
    Say "built in $([int]((Get-Date) - $started).TotalSeconds)s"
}

if (-not $Uninstall) {
    $hash = Get-SourceHash
    $built = if (Test-Path $stamp) { (Get-Content -Raw $stamp).Trim() } else { '' }
    if (-not (Test-Path $bin) -or $built -ne $hash) {
        Invoke-Build
        Set-Content -Path $stamp -Value $hash -NoNewline
    }
    $version = (Invoke-Native $bin @('--version')) | Select-Object -First 1
    Say "$version is at $bin"
    if (-not $NoLink) {
        if ($onWindows) {
            $userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
            if (-not (($userPath -split ';') -contains $binDir)) {
                Say "$binDir is not on your PATH; add it: [Environment]::SetEnvironmentVariable('Path', '$binDir;' + [Environment]::GetEnvironmentVariable('Path', 'User'), 'User')"
            }
        } else {
            $linkDir = if ($env:HOOKGUARD_LINK_DIR) { $env:HOOKGUARD_LINK_DIR } else { Join-Path $HOME '.local/bin' }
            $link = Join-Path $linkDir 'hookguard'
            New-Item -ItemType Directory -Force -Path $linkDir | Out-Null
            $existing = Get-Item -Force -ErrorAction SilentlyContinue $link
            if ($existing -and -not $existing.LinkType) {
                Say "$link exists and is not HookGuard's link; left as it is"
            } else {
                if ($existing) { Remove-Item -Force $link }
                New-Item -ItemType SymbolicLink -Path $link -Target $bin | Out-Null
                Say "linked $link -> $bin"
            }
            if (-not (($env:PATH -split ':') -contains $linkDir)) {
                Say "$linkDir is not on your PATH; add it, e.g.: echo 'export PATH=`"$linkDir`:`$PATH`"' >> ~/.profile"
            }
        }
    }
    if ($NoHooks) { exit 0 }
}

$arguments = @()
if ($hookList.Count -gt 0) { $arguments += @('--hooks', ($hookList -join ',')) }
if ($Husky) { $arguments += '--husky' }
if ($Uninstall) {
    if (-not (Test-Path $bin)) { Fail "no HookGuard binary at $bin; nothing to uninstall with" }
    $command = 'uninstall'
} else {
    $command = 'install'
}
# hookguard's own messages go straight to the console (not through PowerShell's error stream).
$ErrorActionPreference = 'Continue'
& $bin $command @arguments
exit $LASTEXITCODE

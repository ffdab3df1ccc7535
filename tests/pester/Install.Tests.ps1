# install.ps1 under Pester 5, run by PowerShell 7.6 hosted from NuGet (tests/PwshHost). dotnet publish
# is stood in for by tests/HookGuard.Tests/EndToEnd/Install/fake-dotnet, whose `hookguard` runs the
# binary under test ($env:HOOKGUARD_UNDER_TEST).
BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:installPs1 = Join-Path $root 'install.ps1'
    $script:fakeBin = Join-Path ([IO.Path]::GetTempPath()) ("hg-pester-bin-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $fakeBin | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $fakeBin 'dotnet') -Target (Join-Path $root 'tests/HookGuard.Tests/EndToEnd/Install/fake-dotnet') | Out-Null
    $script:pathBefore = $env:PATH

    # A fresh repository and HookGuard home; install.ps1 runs in a child PowerShell of the same host,
    # as a user would run it, and its exit code and output come back.
    function New-Scratch {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("hg-pester-" + [Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path "$dir/repo" | Out-Null
        & git -C "$dir/repo" init -q -b main 2>&1 | Out-Null
        return $dir
    }
    function Invoke-InstallPs1 {
        param([string]$Scratch, [string]$Arguments, [string]$Path = "$fakeBin$([IO.Path]::PathSeparator)$pathBefore", [string]$Cwd = "$Scratch/repo")
        $env:HOOKGUARD_HOME = "$Scratch/hookguard"
        $env:HOOKGUARD_LINK_DIR = "$Scratch/link"
        $env:FAKE_DOTNET_LOG = "$Scratch/publishes.log"
        $env:PATH = $Path
        Push-Location $Cwd
        try {
            $command = "& '$installPs1' $Arguments; exit `$LASTEXITCODE"
            $hostArgs = @()
            if ($env:PWSH_HOST_DLL) { $hostArgs += $env:PWSH_HOST_DLL }
            $output = & $env:PWSH_HOST @hostArgs -NoProfile -NonInteractive -Command $command 2>&1
            return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | ForEach-Object { "$_" }) -join "`n" }
        } finally {
            Pop-Location
            $env:PATH = $pathBefore
        }
    }
}

AfterAll {
    Remove-Item -Recurse -Force $fakeBin -ErrorAction SilentlyContinue
}

Describe 'install.ps1' {
    It 'takes -Hooks as typed at a prompt ("pre-commit,pre-push" in one string) and installs only those' {
        $s = New-Scratch
        $r = Invoke-InstallPs1 $s "-Hooks 'pre-commit,pre-push'"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        (Get-ChildItem "$s/repo/.git/hooks" -File | Where-Object { $_.Name -notlike '*.sample' }).Name | Sort-Object | Should -Be @('pre-commit', 'pre-push')
    }

    It 'takes -Hooks as an array' {
        $s = New-Scratch
        $r = Invoke-InstallPs1 $s '-Hooks pre-commit,pre-merge-commit'
        $r.ExitCode | Should -Be 0 -Because $r.Output
        (Get-ChildItem "$s/repo/.git/hooks" -File | Where-Object { $_.Name -notlike '*.sample' }).Name | Sort-Object | Should -Be @('pre-commit', 'pre-merge-commit')
    }

    It 'shows the build steps, keeps only the binary, links it and says where it is, as install.sh does' {
        $s = New-Scratch
        $r = Invoke-InstallPs1 $s ''
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'install.ps1: building HookGuard'
        $r.Output | Should -Match '\.\.\. generating native code'
        $r.Output | Should -Match ([regex]::Escape("is at $s/hookguard/bin/hookguard"))
        $r.Output | Should -Match ([regex]::Escape("$s/link is not on your PATH"))
        (Get-ChildItem -Force "$s/hookguard/bin").Name | Sort-Object | Should -Be @('.source-sha256', 'hookguard')
        (Get-Item "$s/link/hookguard").LinkType | Should -Be 'SymbolicLink'
    }

    It 'rebuilds by content: the same hash as install.sh, and no rebuild for file times alone' {
        $s = New-Scratch
        $psHash = (Invoke-InstallPs1 $s '-SourceHash').Output.Trim()
        $shHash = (& bash (Join-Path $root 'install.sh') --source-hash).Trim()
        $psHash | Should -Be $shHash
        (Invoke-InstallPs1 $s '').ExitCode | Should -Be 0
        (Get-Item "$s/hookguard/bin/hookguard").LastWriteTimeUtc = [datetime]'2001-01-01'
        $again = Invoke-InstallPs1 $s ''
        $again.Output | Should -Not -Match 'building'
        @(Get-Content "$s/publishes.log").Count | Should -Be 1
    }

    It 'outside a repository says how to fix it, whatever git writes to stderr' {
        $s = New-Scratch
        $r = Invoke-InstallPs1 $s '' -Cwd $s
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match 'is not inside a git repository'
        $r.Output | Should -Not -Match 'fatal:'
    }

    It '-NoHooks builds and links outside any repository' {
        $s = New-Scratch
        $r = Invoke-InstallPs1 $s '-NoHooks' -Cwd $s
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Test-Path "$s/link/hookguard" | Should -BeTrue
    }
}

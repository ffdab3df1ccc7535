# Runs every *.Tests.ps1 here under Pester 5.7.1 (restored with tests/PwshHost, PESTER_MODULE) and exits
# with the number of failed tests.
$ErrorActionPreference = 'Stop'
Import-Module $env:PESTER_MODULE -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration $config

/**
 * The PowerShell script that collects a Windows host's patch state.
 *
 * **UNTESTED ON REAL WINDOWS.** It was written from the documented Windows Update Agent COM API,
 * CIM classes and registry keys, and is only checked here against hand-written JSON in the shape
 * it should print (see windows-collection.parser.test.ts). Run it on a Windows 10/11 and a
 * Server 2016+ lab host, over WinRM and by hand, before relying on it.
 *
 * It prints three lines: the header `# patchdesk-collection v1 platform=windows`, ONE compressed
 * JSON document (shape: {@link WindowsCollectorDocument} in windows-collection.parser.ts) and
 * `=== patchdesk end ===`. Every part runs in its own try/catch with `$ErrorActionPreference`
 * set to Stop, and a failure becomes a line in `warnings` (prefixed with the part's name) rather
 * than ending the script. Dates are converted to ISO strings in the script, since Windows
 * PowerShell 5.1 would print `\/Date(ms)\/`. It only reads: the update search does not download
 * or install anything.
 */

/** The readable script, as saved for offline use (`patchdesk-collect.ps1`). */
export const WINDOWS_COLLECTOR_SCRIPT = String.raw`# Patchdesk agentless collection script for Windows (read-only).
# Offline use, in an elevated or normal PowerShell:
#   powershell -NoProfile -ExecutionPolicy Bypass -File patchdesk-collect.ps1 | Out-File -Encoding utf8 "$env:COMPUTERNAME.pdc"
# then import the .pdc file in Patchdesk.
$ProgressPreference = 'SilentlyContinue'
try { [Console]::OutputEncoding = [Text.Encoding]::UTF8 } catch {}
$w = New-Object Collections.ArrayList
$r = [ordered]@{ schema = 1; hostname = $env:COMPUTERNAME; os = $null; hotfixes = $null; updates = $null; reboot = $null; warnings = $w }
function Part($n, $b) { try { $ErrorActionPreference = 'Stop'; & $b } catch { [void]$w.Add("${"$"}{n}: $($_.Exception.Message)") } }
$ic = [Globalization.CultureInfo]::InvariantCulture
function Iso($d) { if ($d) { ([datetime]$d).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $ic) } }

Part 'hostname' { $r.hostname = [Net.Dns]::GetHostName() }
Part 'os' {
  $o = Get-CimInstance Win32_OperatingSystem
  $k = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  $r.os = [ordered]@{
    caption = $o.Caption; version = $o.Version; build = $o.BuildNumber; ubr = $k.UBR
    displayVersion = $k.DisplayVersion; releaseId = $k.ReleaseId; installationType = $k.InstallationType
    productType = $o.ProductType; lastBoot = (Iso $o.LastBootUpTime)
  }
}
Part 'hotfixes' {
  $r.hotfixes = @(Get-HotFix | ForEach-Object {
    $d = $null; try { if ($_.InstalledOn) { $d = $_.InstalledOn.ToString('yyyy-MM-dd', $ic) } } catch {}
    [ordered]@{ id = $_.HotFixID; description = $_.Description; installedOn = $d }
  })
}
Part 'updates' {
  $s = New-Object -ComObject Microsoft.Update.Session
  $s.ClientApplicationID = 'patchdesk'
  $x = $s.CreateUpdateSearcher().Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
  $r.updates = @(foreach ($u in $x.Updates) {
    [ordered]@{
      UpdateID = $u.Identity.UpdateID; RevisionNumber = $u.Identity.RevisionNumber; Title = $u.Title
      KBArticleIDs = @($u.KBArticleIDs); MsrcSeverity = $u.MsrcSeverity; CveIDs = @($u.CveIDs)
      SecurityBulletinIDs = @($u.SecurityBulletinIDs)
      Categories = @(foreach ($c in $u.Categories) { [ordered]@{ Name = $c.Name; CategoryID = $c.CategoryID } })
      RebootRequired = $u.RebootRequired; RebootBehavior = $u.InstallationBehavior.RebootBehavior
      IsDownloaded = $u.IsDownloaded; IsMandatory = $u.IsMandatory
      LastDeploymentChangeTime = (Iso $u.LastDeploymentChangeTime)
    }
  })
}
Part 'reboot' {
  $b = New-Object Collections.ArrayList
  if (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') { [void]$b.Add('cbs') }
  if (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired') { [void]$b.Add('wu') }
  $p = Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue
  if ($p -and $p.PendingFileRenameOperations) { [void]$b.Add('pfro') }
  try { if ((New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired) { [void]$b.Add('wua') } } catch {}
  $r.reboot = [ordered]@{ reasons = @($b) }
}

'# patchdesk-collection v1 platform=windows'
$r.warnings = @($w)
ConvertTo-Json -InputObject $r -Depth 6 -Compress
'=== patchdesk end ==='
`;

/**
 * The same script without comments, indentation and blank lines, so its `-EncodedCommand`
 * fits the 8191 characters cmd.exe allows when WinRM starts it.
 */
export function compactPowerShell(script: string): string {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('\n');
}

/** The script as sent over WinRM or SSH. */
export const WINDOWS_COLLECTOR_REMOTE_SCRIPT = compactPowerShell(WINDOWS_COLLECTOR_SCRIPT);

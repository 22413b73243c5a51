/**
 * The one PowerShell script Patchdesk runs as SYSTEM in a one-shot scheduled task, because the
 * Windows Update Agent refuses to download or install from a WinRM or SSH logon (execution.md §3).
 * It is a constant: everything that varies (mode, round, KB ids, update ids) is read from
 * `params.json` beside it, written by Patchdesk from validated values, so no operator text is
 * ever part of a script. It writes `result.json` atomically (a temporary file, then a rename), so
 * the poller never reads half a file.
 *
 * Pins (`<update id>@<revision>`), when given, replace the KB and id match: only exactly those
 * updates are selected, so a later ring installs what the first ring was shown, or nothing.
 *
 * Modes: `installed` (which approved KBs are installed: the check afterwards), `search` (what of the approved set is applicable, with IsUninstallable recorded before
 * anything is installed), `install` (download, then install; refused while a reboot is pending,
 * as WUA itself would refuse) and `uninstall` (`wusa /uninstall` for KBs WUA marks uninstallable;
 * the others are reported as not uninstallable and left alone).
 */

/** The task script (Windows PowerShell 5.1). */
export const WUA_TASK_SCRIPT = String.raw`# Patchdesk WUA task: runs as SYSTEM; reads params.json, writes result.json beside it.
$ErrorActionPreference = 'Stop'
$dir = Split-Path -Parent $MyInvocation.MyCommand.Path
$p = [IO.File]::ReadAllText((Join-Path $dir 'params.json')) | ConvertFrom-Json
$r = [ordered]@{ format = 1; round = [int]$p.round; mode = [string]$p.mode; status = 'ok'; error = $null; hresult = $null; rebootPendingBefore = $false; rebootRequired = $false; rebootSignals = $null; updates = @() }
function Get-RebootSignals {
  $si = $false
  try { $si = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired } catch { }
  [ordered]@{
    systemInfo = $si
    cbsRebootPending = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending')
    wuRebootRequired = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired')
  }
}
function New-Record($u) {
  [ordered]@{
    updateId = [string]$u.Identity.UpdateID; revision = [int]$u.Identity.RevisionNumber
    kbs = @($u.KBArticleIDs | ForEach-Object { [string]$_ }); title = [string]$u.Title
    isInstalled = [bool]$u.IsInstalled; isUninstallable = [bool]$u.IsUninstallable; rebootBehavior = [int]$u.InstallationBehavior.RebootBehavior
    downloadResultCode = $null; downloadHResult = $null; resultCode = $null; hresult = $null; rebootRequired = $false; exitCode = $null; action = 'none'
  }
}
try {
  $before = Get-RebootSignals
  $r.rebootPendingBefore = $before.systemInfo
  $kbs = @{}; foreach ($k in @($p.kbs)) { $kbs[[string]$k] = $true }
  $ids = @{}; foreach ($i in @($p.updateIds)) { $ids[([string]$i).ToLowerInvariant()] = $true }
  $pins = @{}; foreach ($x in @($p.pins)) { if ($x) { $pins[([string]$x).ToLowerInvariant()] = $true } }
  $session = New-Object -ComObject Microsoft.Update.Session
  $session.ClientApplicationID = 'Patchdesk'
  $criteria = if ($p.mode -eq 'uninstall' -or $p.mode -eq 'installed') { 'IsInstalled=1' } else { 'IsInstalled=0 and IsHidden=0' }
  $found = $session.CreateUpdateSearcher().Search($criteria).Updates
  $selected = New-Object -ComObject Microsoft.Update.UpdateColl
  $records = New-Object System.Collections.ArrayList
  foreach ($u in $found) {
    $hit = $ids.ContainsKey(([string]$u.Identity.UpdateID).ToLowerInvariant())
    foreach ($k in $u.KBArticleIDs) { if ($kbs.ContainsKey([string]$k)) { $hit = $true } }
    if ($pins.Count -gt 0) { $hit = $pins.ContainsKey(([string]$u.Identity.UpdateID).ToLowerInvariant() + '@' + [int]$u.Identity.RevisionNumber) }
    if (-not $hit) { continue }
    [void]$selected.Add($u)
    [void]$records.Add((New-Record $u))
  }
  if ($p.mode -eq 'install' -and $selected.Count -gt 0) {
    if ($before.systemInfo) { $r.status = 'reboot_pending' }
    else {
      foreach ($u in $selected) { if (-not $u.EulaAccepted) { $u.AcceptEula() } }
      $downloader = $session.CreateUpdateDownloader()
      $downloader.Updates = $selected
      $dl = $downloader.Download()
      $ready = New-Object -ComObject Microsoft.Update.UpdateColl
      $map = New-Object System.Collections.ArrayList
      for ($i = 0; $i -lt $selected.Count; $i++) {
        $d = $dl.GetUpdateResult($i)
        $records[$i].downloadResultCode = [int]$d.ResultCode; $records[$i].downloadHResult = [int]$d.HResult
        if ($selected.Item($i).IsDownloaded) { [void]$ready.Add($selected.Item($i)); [void]$map.Add($i) }
      }
      if ($ready.Count -gt 0) {
        $installer = $session.CreateUpdateInstaller()
        $installer.AllowSourcePrompts = $false
        $installer.Updates = $ready
        $res = $installer.Install()
        for ($j = 0; $j -lt $ready.Count; $j++) {
          $x = $res.GetUpdateResult($j); $rec = $records[$map[$j]]
          $rec.action = 'install'; $rec.resultCode = [int]$x.ResultCode; $rec.hresult = [int]$x.HResult; $rec.rebootRequired = [bool]$x.RebootRequired
        }
      }
    }
  }
  if ($p.mode -eq 'uninstall') {
    foreach ($rec in $records) {
      if (-not $rec.isUninstallable) { $rec.action = 'not_uninstallable'; continue }
      foreach ($k in $rec.kbs) {
        if (-not $kbs.ContainsKey($k)) { continue }
        $proc = Start-Process -FilePath "$env:SystemRoot\System32\wusa.exe" -ArgumentList @('/uninstall', "/kb:$([int]$k)", '/quiet', '/norestart') -Wait -PassThru -WindowStyle Hidden
        $rec.action = 'uninstall'; $rec.exitCode = [int]$proc.ExitCode
      }
    }
  }
  $r.updates = @($records)
} catch {
  $r.status = 'error'; $r.error = [string]$_.Exception.Message; $r.hresult = [int]$_.Exception.HResult
} finally {
  $after = Get-RebootSignals
  $r.rebootSignals = $after
  $r.rebootRequired = [bool]($after.systemInfo -or $after.cbsRebootPending -or $after.wuRebootRequired)
  $tmp = Join-Path $dir 'result.tmp'
  [IO.File]::WriteAllText($tmp, ($r | ConvertTo-Json -Depth 6 -Compress), (New-Object Text.UTF8Encoding $false))
  Move-Item -Force -LiteralPath $tmp -Destination (Join-Path $dir 'result.json')
}
`;

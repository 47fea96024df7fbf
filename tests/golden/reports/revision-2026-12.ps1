#Requires -Modules ActiveDirectory, Microsoft.Graph.Users
<#
.SYNOPSIS
SyncMatch remediation script. Review each step before running it; run it with -WhatIf first.
#>
[CmdletBinding(SupportsShouldProcess)]
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Connect-MgGraph -Scopes 'User.ReadWrite.All','RoleManagement.ReadWrite.Directory','OnPremDirectorySynchronization.ReadWrite.All'

# --- object 1
Write-Host 'Object 1 (error): CN=Alice Admin,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Alice Admin,OU=Staff,DC=contoso,DC=com (object 1)', 'Temporarily remove the privileged role assignments and eligibilities of the cloud user')) {
$id = 'a1a1a1a1-0000-4000-8000-000000000001'; Get-MgRoleManagementDirectoryRoleAssignment -Filter ('principalId eq ''' + $id + '''') | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }; Get-MgRoleManagementDirectoryRoleEligibilitySchedule -Filter ('principalId eq ''' + $id + '''') | ForEach-Object { New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest -Action 'adminRemove' -PrincipalId $_.PrincipalId -RoleDefinitionId $_.RoleDefinitionId -DirectoryScopeId $_.DirectoryScopeId }
}
if ($PSCmdlet.ShouldProcess('CN=Alice Admin,OU=Staff,DC=contoso,DC=com (object 1)', 'Run a sync cycle so that the hard match completes')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Alice Admin,OU=Staff,DC=contoso,DC=com (object 1)', 'Give the role back once the match is done (as an eligibility if it was one)')) {
$name = 'Global Administrator'; $role = Get-MgRoleManagementDirectoryRoleDefinition -Filter ('displayName eq ''' + $name + ''''); New-MgRoleManagementDirectoryRoleAssignment -PrincipalId 'a1a1a1a1-0000-4000-8000-000000000001' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 2
Write-Host 'Object 2 (error): CN=Bob Rebuilt,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bob Rebuilt,OU=Staff,DC=contoso,DC=com (object 2)', 'Validate that the cloud user is this person''s account, then clear its onPremisesObjectIdentifier (needs User-OnPremisesSyncBehavior.ReadWrite.All)')) {
Invoke-MgGraphRequest -Method PATCH -Uri ('https://graph.microsoft.com/beta/users/' + 'b2b2b2b2-0000-4000-8000-000000000002') -Body '{"onPremisesObjectIdentifier": null}' -ContentType 'application/json'
}
if ($PSCmdlet.ShouldProcess('CN=Bob Rebuilt,OU=Staff,DC=contoso,DC=com (object 2)', 'Or clear it with ADSyncTools 2.5 or later')) {
Import-Module ADSyncTools -MinimumVersion 2.5; Clear-ADSyncToolsOnPremisesAttribute -Id 'b2b2b2b2-0000-4000-8000-000000000002' -onPremisesObjectIdentifier
}
if ($PSCmdlet.ShouldProcess('CN=Bob Rebuilt,OU=Staff,DC=contoso,DC=com (object 2)', 'Run a sync cycle: the hard match then stamps a fresh onPremisesObjectIdentifier')) {
Start-ADSyncSyncCycle -PolicyType Delta
}

# --- object 4
Write-Host 'Object 4 (softMatch): CN=Dan Mailbox,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Dan Mailbox,OU=Staff,DC=contoso,DC=com (object 4)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'd4d4d4d4-0000-4000-8000-000000000004' -OnPremisesImmutableId 'OmYaXek0wl+LT5sb0ElN/Q=='
}

# --- object 5
Write-Host 'Object 5 (softMatch): CN=Eve Licensed,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Eve Licensed,OU=Staff,DC=contoso,DC=com (object 5)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'e5e5e5e5-0000-4000-8000-000000000005' -OnPremisesImmutableId 'FMculualZ1K1w/hgbQgU7w=='
}

# --- tenant finding 1
Write-Host 'Tenant: SoftMatchTakeoverPossible: Turn blockSoftMatchEnabled on once the planned soft matches are done. Microsoft''s caveat: while blockSoftMatchEnabled is on, new hybrid Azure AD joined devices fail to sync with InvalidSoftMatch; turn it off again while you join devices.'
if ($PSCmdlet.ShouldProcess('tenant', 'Turn blockSoftMatchEnabled on once the planned soft matches are done. Microsoft''s caveat: while blockSoftMatchEnabled is on, new hybrid Azure AD joined devices fail to sync with InvalidSoftMatch; turn it off again while you join devices.')) {
Connect-MgGraph -Scopes 'OnPremDirectorySynchronization.ReadWrite.All'
$OnPremSync = Get-MgDirectoryOnPremiseSynchronization
$OnPremSync.Features.BlockSoftMatchEnabled = $true
Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId $OnPremSync.Id -Features $OnPremSync.Features
}

# --- tenant finding 2
Write-Host 'Tenant: HardMatchTakeoverPossible: Turn blockCloudObjectTakeoverThroughHardMatchEnabled on once the planned hard matches are done.'
if ($PSCmdlet.ShouldProcess('tenant', 'Turn blockCloudObjectTakeoverThroughHardMatchEnabled on once the planned hard matches are done.')) {
Connect-MgGraph -Scopes 'OnPremDirectorySynchronization.ReadWrite.All'
$OnPremSync = Get-MgDirectoryOnPremiseSynchronization
$OnPremSync.Features.BlockCloudObjectTakeoverThroughHardMatchEnabled = $true
Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId $OnPremSync.Id -Features $OnPremSync.Features
}

# --- tenant finding 3
Write-Host 'Tenant: QuarantineDisabled: Turn the quarantine back on, or fix every duplicate value before the first sync.'
if ($PSCmdlet.ShouldProcess('tenant', 'Turn the quarantine back on, or fix every duplicate value before the first sync.')) {
Connect-MgGraph -Scopes 'OnPremDirectorySynchronization.ReadWrite.All'
$OnPremSync = Get-MgDirectoryOnPremiseSynchronization
$OnPremSync.Features.QuarantineUponProxyAddressesConflictEnabled = $true
Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId $OnPremSync.Id -Features $OnPremSync.Features
}


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
Write-Host 'Object 1 (softMatch): CN=Adam Smith,OU=Sales,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Smith,OU=Sales,OU=Staff,DC=contoso,DC=com (object 1)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f' -OnPremisesImmutableId 'BpazOkLGm0iEtljAONPvOQ=='
}

# --- object 3
Write-Host 'Object 3 (duplicate): CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com (object 3)', 'Remove the directory roles of 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com (object 3): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com (object 3)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com (object 3)', 'Add Global Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Global Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 4
Write-Host 'Object 4 (reanimate): CN=Dave O''Brien,OU=Sales,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Dave O''Brien,OU=Sales,OU=Staff,DC=contoso,DC=com (object 4)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '5b6c7d8e-9fa0-4b1c-8d2e-3f4a5b6c7d8e'
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


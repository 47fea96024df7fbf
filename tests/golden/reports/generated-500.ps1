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

# --- object 3
Write-Host 'Object 3 (softMatch): CN=Sven Garcia,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Garcia,OU=IT,DC=contoso,DC=com (object 3)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4de8344e-6e00-4281-9a0c-1b763eb17c27' -OnPremisesImmutableId 'Zofx02wzzU+nG4cDlqyCjw=='
}

# --- object 4
Write-Host 'Object 4 (softMatch): CN=Sofia Young,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sofia Young,OU=Staff,DC=contoso,DC=com (object 4)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'b2beca81-e040-4802-9d93-fa0cd581460b' -OnPremisesImmutableId 'VJoQuPFPAUCElBZjqalnwQ=='
}

# --- object 5
Write-Host 'Object 5 (reanimate): CN=Kofi Петров,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Петров,OU=IT,DC=contoso,DC=com (object 5)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '0dc749b0-7d1f-4b5c-bff8-0b3badc1383d'
}

# --- object 8
Write-Host 'Object 8 (provision): CN=Yara Lee,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Lee,OU=Staff,DC=contoso,DC=com (object 8)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Yara Lee,OU=Staff,DC=contoso,DC=com' -UserPrincipalName 'yara.lee7@contoso.com'
}

# --- object 9
Write-Host 'Object 9 (provision): CN=Lucas Martin,OU=Staff,DC=contoso,DC=com'
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Lucas Martin,OU=Staff,DC=contoso,DC=com (object 9): Or give the on-premises user a UPN nobody holds (it is now olivia.johansson6@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Lucas Martin,OU=Staff,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}
if ($PSCmdlet.ShouldProcess('CN=Lucas Martin,OU=Staff,DC=contoso,DC=com (object 9)', 'Or remove olivia.johansson6@contoso.com from the on-premises object')) {
Set-ADUser 'CN=Lucas Martin,OU=Staff,DC=contoso,DC=com' -Remove @{proxyAddresses='SMTP:olivia.johansson6@contoso.com'}
}

# --- object 10
Write-Host 'Object 10 (duplicate): CN=Zoe Dubois,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Zoe Dubois,OU=Finance,DC=contoso,DC=com (object 10)', 'Remove the directory roles of 07b57698-2ebd-422e-8e9e-6fb4f6f3b227 before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''07b57698-2ebd-422e-8e9e-6fb4f6f3b227''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Zoe Dubois,OU=Finance,DC=contoso,DC=com (object 10): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Zoe Dubois,OU=Finance,DC=contoso,DC=com (object 10)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Zoe Dubois,OU=Finance,DC=contoso,DC=com (object 10)', 'Add Helpdesk Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Helpdesk Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '07b57698-2ebd-422e-8e9e-6fb4f6f3b227' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 11
Write-Host 'Object 11 (duplicate): CN=Yara Martin,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Martin,OU=IT,DC=contoso,DC=com (object 11)', 'If d042713b-ccd7-4056-8844-3f08ce6415a3 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'd042713b-ccd7-4056-8844-3f08ce6415a3' -OnPremisesImmutableId 'bYRV6/EPg06W+dBu2n5tfg=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Yara Martin,OU=IT,DC=contoso,DC=com (object 11): Or give the on-premises user a UPN nobody holds (it is now yara.martin10@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Yara Martin,OU=IT,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 12
Write-Host 'Object 12 (error): CN=Søren Novak,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Søren Novak,OU=IT,DC=contoso,DC=com (object 12)', 'Give the on-premises user the anchor of cloud user a1131472-11a9-4be8-a64b-3ab6b95e481e so that it hard-matches')) {
Set-ADUser 'CN=Søren Novak,OU=IT,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'767460e5-7a56-4fb6-a544-161e0b967fe2'}
}

# --- object 13
Write-Host 'Object 13 (error): CN=Fatima King,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima King,OU=Staff,DC=contoso,DC=com (object 13)', 'Remove fatima.king12@contoso.com from the on-premises user (or from cloud object e8a56f25-3054-4e6a-b182-c839d178c525 in Exchange Online)')) {
Set-ADUser 'CN=Fatima King,OU=Staff,DC=contoso,DC=com' -Remove @{proxyAddresses='SMTP:fatima.king12@contoso.com'}
}

# --- object 14
Write-Host 'Object 14 (error): CN=Lucas Kim,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lucas Kim,OU=IT,DC=contoso,DC=com (object 14)', 'Export the object with its objectGUID (and mS-DS-ConsistencyGuid)')) {
Get-ADObject 'CN=Lucas Kim,OU=IT,DC=contoso,DC=com' -Properties 'objectGUID','mS-DS-ConsistencyGuid' | ConvertTo-Json -Depth 5
}

# --- object 15
Write-Host 'Object 15 (error): CN=Jürgen Dubois,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jürgen Dubois,OU=IT,DC=contoso,DC=com (object 15)', 'Give the user a valid userPrincipalName')) {
Set-ADUser 'CN=Jürgen Dubois,OU=IT,DC=contoso,DC=com' -UserPrincipalName 'jurgen.fatima.dubois14@contoso.com'
}

# --- object 23
Write-Host 'Object 23 (softMatch): CN=Jonas King,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas King,OU=Staff,DC=contoso,DC=com (object 23)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '8af20d12-0f54-4b26-883d-01f9987a878a' -OnPremisesImmutableId 'WhqiDwMTNUCie54cImOUFQ=='
}

# --- object 24
Write-Host 'Object 24 (softMatch): CN=Sven Nguyen,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Nguyen,OU=Contractors,DC=contoso,DC=com (object 24)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'eb78112e-af17-47e2-8ccd-a3922d846f17' -OnPremisesImmutableId 'fREODz3dKEeSyrAhuWHI8w=='
}

# --- object 26
Write-Host 'Object 26 (softMatch): CN=Victor Nguyen,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Nguyen,OU=Contractors,DC=contoso,DC=com (object 26)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6f854e44-5731-472a-b2a8-7a26b135f2fe' -OnPremisesImmutableId '57lhCDil8UCYac5nlbqSMA=='
}

# --- object 30
Write-Host 'Object 30 (provision): CN=Lucas King,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lucas King,OU=Sales,DC=contoso,DC=com (object 30)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Lucas King,OU=Sales,DC=contoso,DC=com' -UserPrincipalName 'lucas.king29@contoso.com'
}

# --- object 31
Write-Host 'Object 31 (softMatch): CN=Yara Green,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Green,OU=Finance,DC=contoso,DC=com (object 31)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'd6435018-e9c1-4038-a911-13cdc0cad785' -OnPremisesImmutableId 'b61baCAVYEetOMcBTg91Uw=='
}

# --- object 36
Write-Host 'Object 36 (softMatch): CN=美咲 Łęcki,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=美咲 Łęcki,OU=Sales,DC=contoso,DC=com (object 36)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '24578753-5f86-415f-9be4-db88d5ecbc67' -OnPremisesImmutableId 'ef9PRuMC60uPsEAFUW7JQg=='
}

# --- object 38
Write-Host 'Object 38 (softMatch): CN=Liam Adams,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Liam Adams,OU=IT,DC=contoso,DC=com (object 38)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '73f49aea-45f7-4d76-a252-29cab05089aa' -OnPremisesImmutableId 'Yg+a3KL5oka9NHHdixYCZQ=='
}

# --- object 43
Write-Host 'Object 43 (provision): CN=Mason King,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mason King,OU=IT,DC=contoso,DC=com (object 43)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Mason King,OU=IT,DC=contoso,DC=com' -UserPrincipalName 'mason.king42@contoso.com'
}

# --- object 45
Write-Host 'Object 45 (softMatch): CN=Erik Tanaka,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Erik Tanaka,OU=IT,DC=contoso,DC=com (object 45)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'df4afb3f-8abe-4045-83ef-13dfc66f1753' -OnPremisesImmutableId 'EBMRumRyBkC+3YOrzT8OOw=='
}

# --- object 46
Write-Host 'Object 46 (softMatch): CN=Adam Adams,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Adams,OU=IT,DC=contoso,DC=com (object 46)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '228a673b-e3e5-463e-acec-cefec3972563' -OnPremisesImmutableId '9v9jHgGPLEqio7Ek9gDDoA=='
}

# --- object 50
Write-Host 'Object 50 (softMatch): CN=Quinn Patel,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Quinn Patel,OU=IT,DC=contoso,DC=com (object 50)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4e0ecb18-2e05-40bd-96ca-7f4fa3a3dabf' -OnPremisesImmutableId 'tRdGhlJc2kKNpw6wYG5A8A=='
}

# --- object 51
Write-Host 'Object 51 (softMatch): CN=Kofi Patel,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Patel,OU=Staff,DC=contoso,DC=com (object 51)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7b276ec8-1093-4b34-9b74-8c151bc60a57' -OnPremisesImmutableId '9fz2zPp3Y0+2asiXrVpVQA=='
}

# --- object 58
Write-Host 'Object 58 (provision): CN=Adam Johansson,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Johansson,OU=Sales,DC=contoso,DC=com (object 58)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Adam Johansson,OU=Sales,DC=contoso,DC=com' -UserPrincipalName 'adam.johansson57@contoso.com'
}

# --- object 62
Write-Host 'Object 62 (reanimate): CN=Sven Young,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Young,OU=Users,DC=contoso,DC=com (object 62)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '394387f9-10bc-45af-a654-2d1f01eb40cb'
}

# --- object 64
Write-Host 'Object 64 (softMatch): CN=Sven Smith,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Smith,OU=Finance,DC=contoso,DC=com (object 64)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'fe70a213-59b8-4a9b-991f-bdfe87897c26' -OnPremisesImmutableId 'xoZYyylFSkuVJ9ib6tAzsw=='
}

# --- object 65
Write-Host 'Object 65 (softMatch): CN=Nora Patel,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Nora Patel,OU=IT,DC=contoso,DC=com (object 65)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '0de9d2e6-d46d-4008-be97-effd903f46e3' -OnPremisesImmutableId 'Wepzne4G/0umOkks+5LMtQ=='
}

# --- object 68
Write-Host 'Object 68 (error): CN=Priya Øberg,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Øberg,OU=Staff,DC=contoso,DC=com (object 68)', 'Give the on-premises user the anchor of cloud user 195b8bcf-129c-48d5-b4c2-6c0819bb1b1e so that it hard-matches')) {
Set-ADUser 'CN=Priya Øberg,OU=Staff,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'2c4f215e-afb1-4445-abc8-b1e59cc55218'}
}

# --- object 71
Write-Host 'Object 71 (softMatch): CN=Priya Lopez,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Lopez,OU=Contractors,DC=contoso,DC=com (object 71)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '90e8782a-90fd-4bea-8bbd-4790375aa7a5' -OnPremisesImmutableId 'Rw2A1aPELU23efnooy7fgQ=='
}

# --- object 77
Write-Host 'Object 77 (duplicate): CN=Adam Tanaka,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Tanaka,OU=Finance,DC=contoso,DC=com (object 77)', 'If b9019444-b6ee-475f-9d04-5d255b3e904a is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'b9019444-b6ee-475f-9d04-5d255b3e904a' -OnPremisesImmutableId 'RUJ+NlEAw0ml346tSudQRw=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Adam Tanaka,OU=Finance,DC=contoso,DC=com (object 77): Or give the on-premises user a UPN nobody holds (it is now adam.tanaka76@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Adam Tanaka,OU=Finance,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 78
Write-Host 'Object 78 (error): CN=Uma Johnson,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Uma Johnson,OU=Staff,DC=contoso,DC=com (object 78)', 'Remove uma.johnson77@contoso.com from the on-premises user (or from cloud object 0364a8e2-3de1-464c-ab34-4f89eb12bb88 in Exchange Online)')) {
Set-ADUser 'CN=Uma Johnson,OU=Staff,DC=contoso,DC=com' -Remove @{proxyAddresses='SMTP:uma.johnson77@contoso.com'}
}

# --- object 79
Write-Host 'Object 79 (softMatch): CN=Hiro Garcia,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Hiro Garcia,OU=Staff,DC=contoso,DC=com (object 79)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '3f65578d-4c27-4222-bc51-2ef346d89293' -OnPremisesImmutableId 'idIvA1bQTUWDsKvBrmVdMA=='
}

# --- object 80
Write-Host 'Object 80 (softMatch): CN=Kofi Green,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Green,OU=Sales,DC=contoso,DC=com (object 80)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '85eb6cf3-2190-47bf-9519-bd2d624e043e' -OnPremisesImmutableId 'OKfmFpDP9kew/caJ+9JN6Q=='
}

# --- object 81
Write-Host 'Object 81 (softMatch): CN=François Smith,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=François Smith,OU=Staff,DC=contoso,DC=com (object 81)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '2458a6fc-b2ce-45d3-aa31-7216c91ec5a3' -OnPremisesImmutableId 'sgjyVY6h2UGZRtRnYYsJlg=='
}

# --- object 83
Write-Host 'Object 83 (duplicate): CN=Jürgen Gößling,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jürgen Gößling,OU=Sales,DC=contoso,DC=com (object 83)', 'If 7e537b5b-31d4-4d05-85eb-c42f33a2a52d is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId '7e537b5b-31d4-4d05-85eb-c42f33a2a52d' -OnPremisesImmutableId 'acJbAC8OdEy3Ih9pBFjAsw=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Jürgen Gößling,OU=Sales,DC=contoso,DC=com (object 83): Or give the on-premises user a UPN nobody holds (it is now jurgen.gossling82@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Jürgen Gößling,OU=Sales,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 85
Write-Host 'Object 85 (error): CN=Søren Smith,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Søren Smith,OU=Contractors,DC=contoso,DC=com (object 85)', 'Give the user a valid userPrincipalName')) {
Set-ADUser 'CN=Søren Smith,OU=Contractors,DC=contoso,DC=com' -UserPrincipalName 'sren.grace.smith84@contoso.com'
}

# --- object 86
Write-Host 'Object 86 (softMatch): CN=Omar Nelson,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Nelson,OU=Sales,DC=contoso,DC=com (object 86)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '1fded0a6-59f0-442a-9e9e-ce891f2ac43d' -OnPremisesImmutableId 'cOOYGTDZBk+ThDh83BO1Nw=='
}

# --- object 89
Write-Host 'Object 89 (softMatch): CN=Noah Johansson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Noah Johansson,OU=IT,DC=contoso,DC=com (object 89)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f60c4c41-9d91-4bdc-bcb6-5b87e77f35fc' -OnPremisesImmutableId '1Jjeu2vwX0qxHCt/jUNHoQ=='
}

# --- object 90
Write-Host 'Object 90 (error): CN=Bea Patel,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Patel,OU=Contractors,DC=contoso,DC=com (object 90)', 'Give the on-premises user the anchor of cloud user 2ef58efa-6c76-47ef-bedc-eb59d5ae3ee5 so that it hard-matches')) {
Set-ADUser 'CN=Bea Patel,OU=Contractors,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'07e83164-ff77-42e7-8023-e9347ad447ec'}
}

# --- object 91
Write-Host 'Object 91 (softMatch): CN=Yara O''Brien,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara O''Brien,OU=Users,DC=contoso,DC=com (object 91)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'fc156080-a6db-4cc8-be38-4d9fe55cf3f0' -OnPremisesImmutableId 'K4r9HNcGMECJCdBC67/AvQ=='
}

# --- object 92
Write-Host 'Object 92 (softMatch): CN=Lucas Nelson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lucas Nelson,OU=IT,DC=contoso,DC=com (object 92)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'a7e6be64-e597-4a5b-8aff-72e018a6b1a1' -OnPremisesImmutableId 'umBeCyrliUqymo0QFdsJdw=='
}

# --- object 95
Write-Host 'Object 95 (duplicate): CN=Noah Johansson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Noah Johansson,OU=IT,DC=contoso,DC=com (object 95)', 'Remove the directory roles of 9f69658d-fe4f-40be-b9fd-dc929672ab4b before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''9f69658d-fe4f-40be-b9fd-dc929672ab4b''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Noah Johansson,OU=IT,DC=contoso,DC=com (object 95): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Noah Johansson,OU=IT,DC=contoso,DC=com (object 95)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Noah Johansson,OU=IT,DC=contoso,DC=com (object 95)', 'Add Helpdesk Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Helpdesk Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '9f69658d-fe4f-40be-b9fd-dc929672ab4b' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 101
Write-Host 'Object 101 (softMatch): CN=Aria Nelson,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Nelson,OU=Users,DC=contoso,DC=com (object 101)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f32832a8-3b52-47c5-8c20-4aa1840fe3cc' -OnPremisesImmutableId 'jBCB7vAOLU+awEwBGtzzuQ=='
}

# --- object 103
Write-Host 'Object 103 (provision): CN=Tara Green,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Tara Green,OU=Finance,DC=contoso,DC=com (object 103)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Tara Green,OU=Finance,DC=contoso,DC=com' -UserPrincipalName 'tara.green102@contoso.com'
}

# --- object 109
Write-Host 'Object 109 (softMatch): CN=Erik Walker,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Erik Walker,OU=Staff,DC=contoso,DC=com (object 109)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'cb42b8a0-90c3-4a7a-974e-d63035767355' -OnPremisesImmutableId 'Hcn/NyQP9023bhgkczEJdQ=='
}

# --- object 120
Write-Host 'Object 120 (duplicate): CN=Grace King,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Grace King,OU=IT,DC=contoso,DC=com (object 120)', 'If cd58adf7-56b5-4f23-949a-e66bc1ffca8d is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'cd58adf7-56b5-4f23-949a-e66bc1ffca8d' -OnPremisesImmutableId 'aD1juIhpp0e+eggbP+ipRw=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Grace King,OU=IT,DC=contoso,DC=com (object 120): Or give the on-premises user a UPN nobody holds (it is now grace.king119@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Grace King,OU=IT,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 124
Write-Host 'Object 124 (duplicate): CN=Fatima O''Brien,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima O''Brien,OU=IT,DC=contoso,DC=com (object 124)', 'Remove the directory roles of c885bfde-7156-4eec-b429-7f4aa37d1bf5 before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''c885bfde-7156-4eec-b429-7f4aa37d1bf5''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Fatima O''Brien,OU=IT,DC=contoso,DC=com (object 124): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Fatima O''Brien,OU=IT,DC=contoso,DC=com (object 124)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Fatima O''Brien,OU=IT,DC=contoso,DC=com (object 124)', 'Add Exchange Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Exchange Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId 'c885bfde-7156-4eec-b429-7f4aa37d1bf5' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 127
Write-Host 'Object 127 (error): CN=Carlos Tanaka,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Carlos Tanaka,OU=Sales,DC=contoso,DC=com (object 127)', 'Give the on-premises user the anchor of cloud user 9f983cd0-b143-4d32-8ebc-52fbeb10c602 so that it hard-matches')) {
Set-ADUser 'CN=Carlos Tanaka,OU=Sales,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'17cb1531-1bdd-4a79-8f90-9b6a1adf9dc8'}
}

# --- object 128
Write-Host 'Object 128 (reanimate): CN=Fatima Novak,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima Novak,OU=IT,DC=contoso,DC=com (object 128)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '71f33309-5daf-4f0e-9370-c5e1e458ed0c'
}

# --- object 129
Write-Host 'Object 129 (reanimate): CN=Łukasz Adams,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Łukasz Adams,OU=Users,DC=contoso,DC=com (object 129)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId 'b6a78a97-7157-4099-933f-ddf722e23499'
}

# --- object 133
Write-Host 'Object 133 (softMatch): CN=Lucas Tanaka,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lucas Tanaka,OU=Finance,DC=contoso,DC=com (object 133)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6f983e9b-41b8-4e4f-9baa-499620706897' -OnPremisesImmutableId 'zCv018s6OkqySLDggVtLHg=='
}

# --- object 138
Write-Host 'Object 138 (softMatch): CN=José Green,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=José Green,OU=Contractors,DC=contoso,DC=com (object 138)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '9d6f94b4-bcc2-4f8e-8819-5a9280fe0c18' -OnPremisesImmutableId '7F54pMneAUKxBPWJQ1k7Vw=='
}

# --- object 140
Write-Host 'Object 140 (softMatch): CN=Uma Brown,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Uma Brown,OU=Finance,DC=contoso,DC=com (object 140)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '583a90dc-84d2-48d4-89b5-e914e6d465cf' -OnPremisesImmutableId 'aP64/wuX00GYpG2H1/3TpQ=='
}

# --- object 141
Write-Host 'Object 141 (softMatch): CN=Sofia O''Brien,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sofia O''Brien,OU=Staff,DC=contoso,DC=com (object 141)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '39c190e4-0c6f-420a-9d09-f8383b41629e' -OnPremisesImmutableId '6b1t1T8Y60qdJLgvvjFirg=='
}

# --- object 146
Write-Host 'Object 146 (softMatch): CN=Åsa Young,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Åsa Young,OU=Staff,DC=contoso,DC=com (object 146)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '324bd85a-f3dd-4c28-9d27-0901321d02cc' -OnPremisesImmutableId 'y7MrbGKMKkeWZ5++TUBxAQ=='
}

# --- object 148
Write-Host 'Object 148 (softMatch): CN=Adam Baker,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Baker,OU=Staff,DC=contoso,DC=com (object 148)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '2dad58a1-1441-448c-98d6-300b058800f3' -OnPremisesImmutableId 'LHhbItCp0k+Lwp/94qolsA=='
}

# --- object 149
Write-Host 'Object 149 (softMatch): CN=Olivia Hill,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Olivia Hill,OU=Contractors,DC=contoso,DC=com (object 149)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6051a158-691e-4da5-b5e5-14905915f43b' -OnPremisesImmutableId 'tQZFvy7Q9EKGwZ+w0lHvGw=='
}

# --- object 150
Write-Host 'Object 150 (softMatch): CN=Zoë Johansson,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Zoë Johansson,OU=Staff,DC=contoso,DC=com (object 150)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f0c03d04-14f1-43be-a57d-210c2e23b1cc' -OnPremisesImmutableId 'O9UsUy0njESrj9cDXqOdbA=='
}

# --- object 152
Write-Host 'Object 152 (softMatch): CN=美咲 Carter,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=美咲 Carter,OU=Finance,DC=contoso,DC=com (object 152)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f1b7e133-3379-4a57-9e18-2c150446c7a4' -OnPremisesImmutableId '8rNErDvXYk6Q16O36ifURA=='
}

# --- object 154
Write-Host 'Object 154 (softMatch): CN=Rosa Tanaka,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Rosa Tanaka,OU=IT,DC=contoso,DC=com (object 154)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '8fc443f6-998f-4a79-9d0b-56a6df87097c' -OnPremisesImmutableId 'KrOYFaJfT0WBoQ2vqFEJYw=='
}

# --- object 156
Write-Host 'Object 156 (softMatch): CN=Bea Lee,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Lee,OU=Staff,DC=contoso,DC=com (object 156)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '00905727-1e41-491f-8ed3-26576e0be915' -OnPremisesImmutableId 'Hk9X15/CuU2hAUC3Wu4DAQ=='
}

# --- object 157
Write-Host 'Object 157 (duplicate): CN=Olivia Adams,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Olivia Adams,OU=Contractors,DC=contoso,DC=com (object 157)', 'If 9423c964-8162-4542-94da-0d3e1db01d01 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId '9423c964-8162-4542-94da-0d3e1db01d01' -OnPremisesImmutableId 'jN6SSJI1SUa7TvbP5BJjWQ=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Olivia Adams,OU=Contractors,DC=contoso,DC=com (object 157): Or give the on-premises user a UPN nobody holds (it is now olivia.adams156@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Olivia Adams,OU=Contractors,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 160
Write-Host 'Object 160 (softMatch): CN=Priya Nelson,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Nelson,OU=Finance,DC=contoso,DC=com (object 160)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '96f5adc2-c803-4fbf-a3e0-6c45e1466522' -OnPremisesImmutableId 'lGQZIIG9X0uWAgqx6TdATA=='
}

# --- object 161
Write-Host 'Object 161 (softMatch): CN=Hiro Kowalski,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Hiro Kowalski,OU=Sales,DC=contoso,DC=com (object 161)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '22c67452-43cb-4346-b4bc-38233bd6df23' -OnPremisesImmutableId 'CqzYSI85iEuqphcpshLb6Q=='
}

# --- object 165
Write-Host 'Object 165 (duplicate): CN=Nora Walker,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Nora Walker,OU=Contractors,DC=contoso,DC=com (object 165)', 'If 3e159621-8f0f-4746-915b-eb2c6c90b6d7 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId '3e159621-8f0f-4746-915b-eb2c6c90b6d7' -OnPremisesImmutableId 'UTKQ7y/0aUm3jYYgx0AdWA=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Nora Walker,OU=Contractors,DC=contoso,DC=com (object 165): Or give the on-premises user a UPN nobody holds (it is now nora.walker164@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Nora Walker,OU=Contractors,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 171
Write-Host 'Object 171 (softMatch): CN=Mateo Wright,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mateo Wright,OU=IT,DC=contoso,DC=com (object 171)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6f06ee77-e29f-47ce-836c-8dcc21ca0858' -OnPremisesImmutableId 'k3HJEfHmUECU3/RNBddfeg=='
}

# --- object 172
Write-Host 'Object 172 (softMatch): CN=Ava Dubois,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ava Dubois,OU=Staff,DC=contoso,DC=com (object 172)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'e2df6c71-450d-488c-b6a9-8fab8cbbacf6' -OnPremisesImmutableId '2Oa9Lk/AiUqgvcPdeZxzDA=='
}

# --- object 173
Write-Host 'Object 173 (provision): CN=Noah Dubois,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Noah Dubois,OU=IT,DC=contoso,DC=com (object 173)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Noah Dubois,OU=IT,DC=contoso,DC=com' -UserPrincipalName 'noah.dubois172@contoso.com'
}

# --- object 174
Write-Host 'Object 174 (provision): CN=Sofia 山田,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sofia 山田,OU=Staff,DC=contoso,DC=com (object 174)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Sofia 山田,OU=Staff,DC=contoso,DC=com' -UserPrincipalName 'sofia.x173@contoso.com'
}

# --- object 184
Write-Host 'Object 184 (softMatch): CN=Jonas Carter,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas Carter,OU=Staff,DC=contoso,DC=com (object 184)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6950d6e9-e973-417c-970e-63b66e9e072e' -OnPremisesImmutableId 'sP04cPewq0GKaNLAtPz/yA=='
}

# --- object 186
Write-Host 'Object 186 (provision): CN=Aria Garcia,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Garcia,OU=Finance,DC=contoso,DC=com (object 186)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Aria Garcia,OU=Finance,DC=contoso,DC=com' -UserPrincipalName 'aria.garcia185@contoso.com'
}

# --- object 187
Write-Host 'Object 187 (softMatch): CN=Ines Nelson,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines Nelson,OU=Finance,DC=contoso,DC=com (object 187)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'a04983e5-09d5-41d4-be15-2a162b2bd1ef' -OnPremisesImmutableId 'XjcsAvGt+U2UBUet1FOAPg=='
}

# --- object 189
Write-Host 'Object 189 (softMatch): CN=Lucas Okafor,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lucas Okafor,OU=Staff,DC=contoso,DC=com (object 189)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '3a969b94-48bc-4f69-8c3c-e0e7096ea8c6' -OnPremisesImmutableId 'UaQ3H46R6U2uOPh9aWyznw=='
}

# --- object 191
Write-Host 'Object 191 (reanimate): CN=Bea Ibáñez,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Ibáñez,OU=Staff,DC=contoso,DC=com (object 191)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '1e991917-86ea-4cb8-a6a4-23887dd28cdf'
}

# --- object 192
Write-Host 'Object 192 (softMatch): CN=Fatima Hall,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima Hall,OU=Sales,DC=contoso,DC=com (object 192)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '52a3d059-f9d8-4ff5-a7dc-742eb3df8327' -OnPremisesImmutableId '0NP3WfjSO0ae2SS2lLWojg=='
}

# --- object 195
Write-Host 'Object 195 (reanimate): CN=Priya Adams,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Adams,OU=Users,DC=contoso,DC=com (object 195)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId 'b4586625-2c1f-4347-b527-2bbc13c873d5'
}

# --- object 201
Write-Host 'Object 201 (provision): CN=Kofi Kim,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Kim,OU=Sales,DC=contoso,DC=com (object 201)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Kofi Kim,OU=Sales,DC=contoso,DC=com' -UserPrincipalName 'kofi.kim200@contoso.com'
}

# --- object 203
Write-Host 'Object 203 (softMatch): CN=Bea Tanaka,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Tanaka,OU=Staff,DC=contoso,DC=com (object 203)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '723b20e5-1dd0-4a68-bda2-64087f72ea71' -OnPremisesImmutableId 'wmzGJrwmYkOZfKkh4/OsEA=='
}

# --- object 205
Write-Host 'Object 205 (error): CN=Yara Tanaka,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Tanaka,OU=Staff,DC=contoso,DC=com (object 205)', 'Give the on-premises user the anchor of cloud user 48a42e59-6666-496a-a8ac-3dc0218e5d48 so that it hard-matches')) {
Set-ADUser 'CN=Yara Tanaka,OU=Staff,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'5fc7092c-73a9-40a3-9dfa-62c5b3f84f4b'}
}

# --- object 207
Write-Host 'Object 207 (reanimate): CN=Renée Okafor,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Renée Okafor,OU=Contractors,DC=contoso,DC=com (object 207)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId 'f760e434-1ffc-4e59-8a6f-ef3da750e966'
}

# --- object 208
Write-Host 'Object 208 (softMatch): CN=Dana Smith,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Dana Smith,OU=Staff,DC=contoso,DC=com (object 208)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '17da3af2-84c4-4737-bc14-d83ebf6dec00' -OnPremisesImmutableId 'djstybnTUkSLNfJv39Zg7Q=='
}

# --- object 209
Write-Host 'Object 209 (softMatch): CN=Ethan Dubois,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ethan Dubois,OU=Finance,DC=contoso,DC=com (object 209)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'ae4112f3-ae21-4436-abde-95565e3f47aa' -OnPremisesImmutableId 'e844qaM6b0Oi68I6uRB5ZQ=='
}

# --- object 210
Write-Host 'Object 210 (softMatch): CN=Ines 山田,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines 山田,OU=Sales,DC=contoso,DC=com (object 210)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '2681a566-97d7-4265-ae0f-98074126c1af' -OnPremisesImmutableId 'mzwP0erqNkSxHdXY/KQd/Q=='
}

# --- object 215
Write-Host 'Object 215 (softMatch): CN=Carlos Novak,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Carlos Novak,OU=Users,DC=contoso,DC=com (object 215)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '45fdb575-41da-4bbe-af3c-d62332860472' -OnPremisesImmutableId 'FPEe6vZL90Cm16CaAoRYiQ=='
}

# --- object 217
Write-Host 'Object 217 (softMatch): CN=Mason Baker,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mason Baker,OU=Finance,DC=contoso,DC=com (object 217)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7b0a5b6a-c322-406f-80f1-778553dd3742' -OnPremisesImmutableId 'wQNqBslTFk202wsrUUC2UQ=='
}

# --- object 222
Write-Host 'Object 222 (reanimate): CN=Priya Kim,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Kim,OU=Finance,DC=contoso,DC=com (object 222)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '509d8548-ceea-4f99-b2cb-0926e17156cf'
}

# --- object 231
Write-Host 'Object 231 (softMatch): CN=Chloé Wright,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Chloé Wright,OU=Contractors,DC=contoso,DC=com (object 231)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '269240b5-bef3-43b9-833e-780cf96099bd' -OnPremisesImmutableId 'pWf86UH6F0WJ96oNJzrs6A=='
}

# --- object 232
Write-Host 'Object 232 (softMatch): CN=Wei Rossi,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Wei Rossi,OU=Finance,DC=contoso,DC=com (object 232)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '8ded54b0-ee81-4612-afea-967d51c6f0fa' -OnPremisesImmutableId 'ghvaH1Qi0kmHIWZ65qfIJA=='
}

# --- object 238
Write-Host 'Object 238 (error): CN=Omar Sánchez,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Sánchez,OU=Staff,DC=contoso,DC=com (object 238)', 'Give the on-premises user the anchor of cloud user f279b371-788b-4c68-8ec9-ae986248969d so that it hard-matches')) {
Set-ADUser 'CN=Omar Sánchez,OU=Staff,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'7da32dc7-38c0-4729-a4cd-8a4047064df3'}
}

# --- object 239
Write-Host 'Object 239 (reanimate): CN=Jonas Đorđević,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas Đorđević,OU=Contractors,DC=contoso,DC=com (object 239)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId 'e12870e2-7dbb-46db-bc87-01eb0f93a9a4'
}

# --- object 241
Write-Host 'Object 241 (softMatch): CN=Yara Carter,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Carter,OU=Finance,DC=contoso,DC=com (object 241)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '410933e6-5712-403d-8e51-1f540fe442ba' -OnPremisesImmutableId 'zkVOXlRAIUiWH2UuNXobKA=='
}

# --- object 244
Write-Host 'Object 244 (error): CN=Ngọc Adams,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ngọc Adams,OU=Sales,DC=contoso,DC=com (object 244)', 'Give the user a valid userPrincipalName')) {
Set-ADUser 'CN=Ngọc Adams,OU=Sales,DC=contoso,DC=com' -UserPrincipalName 'ngoc.ines.adams243@contoso.com'
}

# --- object 245
Write-Host 'Object 245 (reanimate): CN=Ethan King,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ethan King,OU=IT,DC=contoso,DC=com (object 245)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '62a8d9d6-abef-4371-9916-51831e0ca157'
}

# --- object 247
Write-Host 'Object 247 (error): CN=Victor Young,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Young,OU=Staff,DC=contoso,DC=com (object 247)', 'Give the on-premises user the anchor of cloud user 2537ee50-a9d5-405e-8ba9-4f72f326ba97 so that it hard-matches')) {
Set-ADUser 'CN=Victor Young,OU=Staff,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'36a2408b-d3f0-44ff-ae06-b6fd597b5030'}
}

# --- object 249
Write-Host 'Object 249 (error): CN=Victor Carter,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Carter,OU=Users,DC=contoso,DC=com (object 249)', 'Export the object with its objectGUID (and mS-DS-ConsistencyGuid)')) {
Get-ADObject 'CN=Victor Carter,OU=Users,DC=contoso,DC=com' -Properties 'objectGUID','mS-DS-ConsistencyGuid' | ConvertTo-Json -Depth 5
}

# --- object 250
Write-Host 'Object 250 (duplicate): CN=Çağla Martin,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Çağla Martin,OU=Sales,DC=contoso,DC=com (object 250)', 'Remove the directory roles of 07e70f5e-b27f-4de4-9b7c-b1244bf74710 before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''07e70f5e-b27f-4de4-9b7c-b1244bf74710''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Çağla Martin,OU=Sales,DC=contoso,DC=com (object 250): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Çağla Martin,OU=Sales,DC=contoso,DC=com (object 250)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Çağla Martin,OU=Sales,DC=contoso,DC=com (object 250)', 'Add Exchange Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Exchange Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '07e70f5e-b27f-4de4-9b7c-b1244bf74710' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 251
Write-Host 'Object 251 (softMatch): CN=Ines Baker,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines Baker,OU=Users,DC=contoso,DC=com (object 251)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '8a76ce8f-970d-4ad1-84e5-6def33d143d4' -OnPremisesImmutableId 'ME1MWp99UESmsLztSKz8fQ=='
}

# --- object 253
Write-Host 'Object 253 (softMatch): CN=Ömer Baker,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ömer Baker,OU=Users,DC=contoso,DC=com (object 253)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '668a18d7-fd99-4322-8c05-05de24c03f77' -OnPremisesImmutableId '298VayUjEEuJeohxjQAUgw=='
}

# --- object 255
Write-Host 'Object 255 (softMatch): CN=Uma Ibáñez,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Uma Ibáñez,OU=Contractors,DC=contoso,DC=com (object 255)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '61e8a000-1916-455f-b51e-b9b815e5b6d5' -OnPremisesImmutableId '5HuR2dkdgU22YnVZr3jR3w=='
}

# --- object 256
Write-Host 'Object 256 (softMatch): CN=Ines Lopez,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines Lopez,OU=Sales,DC=contoso,DC=com (object 256)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4ceae139-3ace-463c-b8c6-2b5c7f4cc23b' -OnPremisesImmutableId 'BQhw8tNyeE6AhiF29wPu6w=='
}

# --- object 265
Write-Host 'Object 265 (softMatch): CN=Quinn Hill,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Quinn Hill,OU=Staff,DC=contoso,DC=com (object 265)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '5ea2fa68-cde9-49ef-a524-04700926c078' -OnPremisesImmutableId 'EOPj/I4c30C3yhm2sDABvA=='
}

# --- object 269
Write-Host 'Object 269 (provision): CN=Lena Hill,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Lena Hill,OU=Users,DC=contoso,DC=com (object 269)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Lena Hill,OU=Users,DC=contoso,DC=com' -UserPrincipalName 'lena.hill268@contoso.com'
}

# --- object 271
Write-Host 'Object 271 (softMatch): CN=Erik Novak,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Erik Novak,OU=Finance,DC=contoso,DC=com (object 271)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f3b08c3b-4f35-4267-bbd0-7cd3bd4e5acd' -OnPremisesImmutableId 'ltA5A7EFTEqGgxDtmoyj0Q=='
}

# --- object 274
Write-Host 'Object 274 (duplicate): CN=Omar Nelson,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Nelson,OU=Users,DC=contoso,DC=com (object 274)', 'If e1ceb9d5-62c1-45f2-85e9-85411d98c287 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'e1ceb9d5-62c1-45f2-85e9-85411d98c287' -OnPremisesImmutableId '6QsL5shOL0e9exI0f/wagg=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Omar Nelson,OU=Users,DC=contoso,DC=com (object 274): Or give the on-premises user a UPN nobody holds (it is now omar.nelson273@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Omar Nelson,OU=Users,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 275
Write-Host 'Object 275 (softMatch): CN=Ava Hall,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ava Hall,OU=Users,DC=contoso,DC=com (object 275)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'b1ae0ae8-250f-4458-8bef-680df83b26de' -OnPremisesImmutableId 'RVGzihZyl0SRAAwV5esk8g=='
}

# --- object 279
Write-Host 'Object 279 (softMatch): CN=Rosa Kowalski,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Rosa Kowalski,OU=Users,DC=contoso,DC=com (object 279)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7dc035d7-9104-45cc-b2f1-88b238b31599' -OnPremisesImmutableId 'bgfENrnnRkK9FdM2eOHGVA=='
}

# --- object 286
Write-Host 'Object 286 (softMatch): CN=Priya Brown,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Brown,OU=Staff,DC=contoso,DC=com (object 286)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '47c00e52-51bc-4ac9-b6bd-0da36f449d9c' -OnPremisesImmutableId 'gS1LXzSscUaqvW6AVodV0Q=='
}

# --- object 290
Write-Host 'Object 290 (provision): CN=Yara Dubois,OU=Contractors,DC=contoso,DC=com'
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Yara Dubois,OU=Contractors,DC=contoso,DC=com (object 290): Or give the on-premises user a UPN nobody holds (it is now ethan.silva288@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Yara Dubois,OU=Contractors,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}
if ($PSCmdlet.ShouldProcess('CN=Yara Dubois,OU=Contractors,DC=contoso,DC=com (object 290)', 'Or remove ethan.silva288@contoso.com from the on-premises object')) {
Set-ADUser 'CN=Yara Dubois,OU=Contractors,DC=contoso,DC=com' -Remove @{proxyAddresses='SMTP:ethan.silva288@contoso.com'}
}

# --- object 292
Write-Host 'Object 292 (softMatch): CN=Kofi Walker,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Walker,OU=Contractors,DC=contoso,DC=com (object 292)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'c70406ab-44bb-4f09-abb6-a5526bd97382' -OnPremisesImmutableId 'f/FC84t6N0qYc0rdl5fuxA=='
}

# --- object 293
Write-Host 'Object 293 (error): CN=Åsa Baker,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Åsa Baker,OU=Users,DC=contoso,DC=com (object 293)', 'Give the user a valid userPrincipalName')) {
Set-ADUser 'CN=Åsa Baker,OU=Users,DC=contoso,DC=com' -UserPrincipalName 'asa.grace.baker292@contoso.com'
}

# --- object 298
Write-Host 'Object 298 (provision): CN=Zoë Patel,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Zoë Patel,OU=Sales,DC=contoso,DC=com (object 298)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Zoë Patel,OU=Sales,DC=contoso,DC=com' -UserPrincipalName 'zoe.patel297@contoso.com'
}

# --- object 305
Write-Host 'Object 305 (reanimate): CN=Chloé Lee,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Chloé Lee,OU=IT,DC=contoso,DC=com (object 305)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId 'af570436-1a9c-4225-b0bd-ec9b7b80d638'
}

# --- object 306
Write-Host 'Object 306 (softMatch): CN=Aria Garcia,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Garcia,OU=Users,DC=contoso,DC=com (object 306)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'd2a773cd-0ae6-407b-a280-c3e46fb47365' -OnPremisesImmutableId 'BbxtDjMmAU2ELz1xipveDg=='
}

# --- object 307
Write-Host 'Object 307 (softMatch): CN=Ines Tanaka,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines Tanaka,OU=Contractors,DC=contoso,DC=com (object 307)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4f325eb9-7f2e-427c-afd6-5e4a66aee3c5' -OnPremisesImmutableId 'Yrdm2wvG7kiy+FAGj57WUg=='
}

# --- object 308
Write-Host 'Object 308 (error): CN=Olivia Johansson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Olivia Johansson,OU=IT,DC=contoso,DC=com (object 308)', 'Give the on-premises user the anchor of cloud user 10871b70-0b74-4f24-a78a-6bc9623ff5d9 so that it hard-matches')) {
Set-ADUser 'CN=Olivia Johansson,OU=IT,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'4954b8ec-1b04-455c-99d6-0efd1b892d0d'}
}

# --- object 311
Write-Host 'Object 311 (softMatch): CN=Kofi Adams,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Kofi Adams,OU=Staff,DC=contoso,DC=com (object 311)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'fe707a09-5287-4739-9d61-b0aeacb93831' -OnPremisesImmutableId 'TCJYQ2/eiEWsHdRnFVNmhw=='
}

# --- object 315
Write-Host 'Object 315 (softMatch): CN=Carlos Hill,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Carlos Hill,OU=Finance,DC=contoso,DC=com (object 315)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'a4ae3379-cea1-4a56-858c-3b2ef06d02ba' -OnPremisesImmutableId 'Ms8Kt9TIZUKKjWl2D+apeQ=='
}

# --- object 319
Write-Host 'Object 319 (softMatch): CN=Jonas Silva,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas Silva,OU=Staff,DC=contoso,DC=com (object 319)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4e75d493-4c20-4e99-bdb6-e8054c707143' -OnPremisesImmutableId 'IhZ+3tq1skq22MRO2BIZrw=='
}

# --- object 322
Write-Host 'Object 322 (softMatch): CN=Carlos Smith,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Carlos Smith,OU=Finance,DC=contoso,DC=com (object 322)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'c3860c78-0e5f-4a31-a461-5d5ed32f79d3' -OnPremisesImmutableId '2sLCF8Lz4EalW2APJk0FxA=='
}

# --- object 324
Write-Host 'Object 324 (softMatch): CN=Mateo Okafor,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mateo Okafor,OU=Staff,DC=contoso,DC=com (object 324)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '18bdb37e-c72e-4038-8eb6-4db72f71cd72' -OnPremisesImmutableId 'faVPjb0Oo0WaJhUdLKZt8Q=='
}

# --- object 325
Write-Host 'Object 325 (softMatch): CN=Renée Tanaka,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Renée Tanaka,OU=Users,DC=contoso,DC=com (object 325)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'be544897-e70b-4cb6-b7ed-4ffbc401118c' -OnPremisesImmutableId 'uk0quYbdmU2LvpeeqKiiyw=='
}

# --- object 338
Write-Host 'Object 338 (softMatch): CN=Jonas Wright,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas Wright,OU=Contractors,DC=contoso,DC=com (object 338)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '95151d09-cb31-4187-a980-57eb1d999d72' -OnPremisesImmutableId 'YNuErIKIykGPxwMQTZ6xkQ=='
}

# --- object 339
Write-Host 'Object 339 (provision): CN=Dana Hall,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Dana Hall,OU=Contractors,DC=contoso,DC=com (object 339)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Dana Hall,OU=Contractors,DC=contoso,DC=com' -UserPrincipalName 'dana.hall338@contoso.com'
}

# --- object 341
Write-Host 'Object 341 (softMatch): CN=Mia Green,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mia Green,OU=Sales,DC=contoso,DC=com (object 341)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'c680c784-e6fa-46b3-b22d-500cd6af069a' -OnPremisesImmutableId 'P3Ui9y6GskuA6GUGYpOCzg=='
}

# --- object 349
Write-Host 'Object 349 (reanimate): CN=Uma Brown,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Uma Brown,OU=Finance,DC=contoso,DC=com (object 349)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '863b4da3-a7a2-47c0-adce-f6b9a629572a'
}

# --- object 350
Write-Host 'Object 350 (softMatch): CN=Olivia Đorđević,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Olivia Đorđević,OU=Users,DC=contoso,DC=com (object 350)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '169df936-62bb-40c3-b269-c66611f06992' -OnPremisesImmutableId '3WPo/0tGy0ys9FF7/Du37w=='
}

# --- object 351
Write-Host 'Object 351 (softMatch): CN=Victor O''Brien,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor O''Brien,OU=Finance,DC=contoso,DC=com (object 351)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '582e26f7-20ff-4a9c-a777-71fec6b7cbd1' -OnPremisesImmutableId 'yZXJ65cxJEywwLaX6RigHQ=='
}

# --- object 355
Write-Host 'Object 355 (softMatch): CN=Fatima Okafor,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima Okafor,OU=Contractors,DC=contoso,DC=com (object 355)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'fe650311-7ab2-46c1-811f-426008680d6c' -OnPremisesImmutableId 'Rot8EYR/+EqR/OEc3BEAaA=='
}

# --- object 356
Write-Host 'Object 356 (softMatch): CN=Emma Hall,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Emma Hall,OU=Contractors,DC=contoso,DC=com (object 356)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '0cbdfbc4-5745-4328-bbea-c0966b0b516e' -OnPremisesImmutableId '5Iwub/r28k2bK4W0Mt+9kw=='
}

# --- object 357
Write-Host 'Object 357 (softMatch): CN=Emma Kim,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Emma Kim,OU=Sales,DC=contoso,DC=com (object 357)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '359e0ce6-6ee0-4ab9-9ef5-72ee9e4b357b' -OnPremisesImmutableId 'oDlps+D7LUmqeXftsjS04g=='
}

# --- object 368
Write-Host 'Object 368 (softMatch): CN=Aria Wright,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Wright,OU=Finance,DC=contoso,DC=com (object 368)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '6b501d65-1513-44dd-8670-66a567cda79c' -OnPremisesImmutableId '24zuGa+DAEaCz/p9/oQS2g=='
}

# --- object 370
Write-Host 'Object 370 (softMatch): CN=Zoe Novak,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Zoe Novak,OU=Finance,DC=contoso,DC=com (object 370)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7c2d7459-63ff-49d0-b360-efcebe5a7d45' -OnPremisesImmutableId 'bfsbJIfIHkisUi/bNllPYQ=='
}

# --- object 373
Write-Host 'Object 373 (softMatch): CN=Ethan Walker,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ethan Walker,OU=Sales,DC=contoso,DC=com (object 373)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '52dccf79-0b28-497e-b599-e13c857ab56c' -OnPremisesImmutableId 'SWEZMLg4BU627FjqT6TCvg=='
}

# --- object 374
Write-Host 'Object 374 (softMatch): CN=Zoe Wright,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Zoe Wright,OU=IT,DC=contoso,DC=com (object 374)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'b6204673-87b1-4366-83ae-aeef0167ab97' -OnPremisesImmutableId 'YkeoD6bFh0ynGZlmmKWz3A=='
}

# --- object 375
Write-Host 'Object 375 (softMatch): CN=Victor Johnson,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Johnson,OU=Contractors,DC=contoso,DC=com (object 375)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'dbd80c4c-ac0e-4258-8f1f-0ff923ead570' -OnPremisesImmutableId 'qxicYrwL7kONLhXjBSLSxA=='
}

# --- object 377
Write-Host 'Object 377 (error): CN=Chloé Garcia,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Chloé Garcia,OU=IT,DC=contoso,DC=com (object 377)', 'Give the on-premises user the anchor of cloud user 21770983-c5c8-4f74-9996-d4f782ced6a7 so that it hard-matches')) {
Set-ADUser 'CN=Chloé Garcia,OU=IT,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'23f1b414-9b1a-408f-9b7e-52fd0b7e9f90'}
}

# --- object 379
Write-Host 'Object 379 (softMatch): CN=Victor Gößling,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Gößling,OU=Finance,DC=contoso,DC=com (object 379)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '41984220-433d-408f-ad74-e51d5ef6daf7' -OnPremisesImmutableId 'PR+Wi5IruEqzuqCEY1vM/w=='
}

# --- object 381
Write-Host 'Object 381 (softMatch): CN=Sofia Hill,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sofia Hill,OU=Staff,DC=contoso,DC=com (object 381)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'b08d8880-e2a1-42f9-80b3-1456fe10a54a' -OnPremisesImmutableId 'o9GoV+6Kk0e5Lhmt/sSagA=='
}

# --- object 385
Write-Host 'Object 385 (softMatch): CN=Sven Tanaka,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Tanaka,OU=Sales,DC=contoso,DC=com (object 385)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '88193234-c1cb-42d5-90c2-4ec04898289d' -OnPremisesImmutableId 'QGt1gClKlk6vRhvvvnkcrg=='
}

# --- object 388
Write-Host 'Object 388 (softMatch): CN=Tara Johnson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Tara Johnson,OU=IT,DC=contoso,DC=com (object 388)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '064055d2-7554-42d8-8931-46857e8936f8' -OnPremisesImmutableId 'NGXK7VrCQEOdf/SsKM0Quw=='
}

# --- object 389
Write-Host 'Object 389 (error): CN=Priya Ibáñez,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Ibáñez,OU=IT,DC=contoso,DC=com (object 389)', 'Export the object with its objectGUID (and mS-DS-ConsistencyGuid)')) {
Get-ADObject 'CN=Priya Ibáñez,OU=IT,DC=contoso,DC=com' -Properties 'objectGUID','mS-DS-ConsistencyGuid' | ConvertTo-Json -Depth 5
}

# --- object 390
Write-Host 'Object 390 (softMatch): CN=Priya Carter,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Priya Carter,OU=Sales,DC=contoso,DC=com (object 390)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '9071b5f9-4b38-4fcd-9f3c-689c73ca29d4' -OnPremisesImmutableId 'aPOP6JJ++keHznulEnBgTA=='
}

# --- object 397
Write-Host 'Object 397 (softMatch): CN=Emma Walker,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Emma Walker,OU=Staff,DC=contoso,DC=com (object 397)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4981c488-3c56-40e3-be5f-35640181b815' -OnPremisesImmutableId 'EyapOsMn+EaOrpnpjRUegg=='
}

# --- object 398
Write-Host 'Object 398 (softMatch): CN=Grace Green,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Grace Green,OU=Contractors,DC=contoso,DC=com (object 398)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '13502575-2d89-4653-a9db-c33afdf6bea8' -OnPremisesImmutableId 'A39Mb0c1AESvCnC+A6LigA=='
}

# --- object 399
Write-Host 'Object 399 (softMatch): CN=Tara Johansson,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Tara Johansson,OU=IT,DC=contoso,DC=com (object 399)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'b3825c33-fd34-4bf5-b2d5-cc0a1116a333' -OnPremisesImmutableId 'hz4WxHoSeECO8uyyY28QEg=='
}

# --- object 402
Write-Host 'Object 402 (duplicate): CN=Wei Baker,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Wei Baker,OU=IT,DC=contoso,DC=com (object 402)', 'If a32a6e3f-6422-4227-9a4e-476d2cca7d52 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'a32a6e3f-6422-4227-9a4e-476d2cca7d52' -OnPremisesImmutableId '0vzIAKMPzUqwELwyGlc/gg=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Wei Baker,OU=IT,DC=contoso,DC=com (object 402): Or give the on-premises user a UPN nobody holds (it is now wei.baker401@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Wei Baker,OU=IT,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 405
Write-Host 'Object 405 (softMatch): CN=Uma Hill,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Uma Hill,OU=Users,DC=contoso,DC=com (object 405)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'ca9ff766-66f9-4731-b221-9b9a8ab2b0e2' -OnPremisesImmutableId 'WGpO0zBPeUu7jQnl/VQe0g=='
}

# --- object 409
Write-Host 'Object 409 (softMatch): CN=Grace Lopez,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Grace Lopez,OU=IT,DC=contoso,DC=com (object 409)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '98d6e888-7bb5-4a16-9985-7057f169319d' -OnPremisesImmutableId 'lkgL3XiEMkOVIr7lvcQoNg=='
}

# --- object 410
Write-Host 'Object 410 (softMatch): CN=Jonas King,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Jonas King,OU=Sales,DC=contoso,DC=com (object 410)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '9f5e22d0-7311-45c3-ae45-32e587dd0a4a' -OnPremisesImmutableId 'tAVk69qYJkyvL1YrTQRBJg=='
}

# --- object 416
Write-Host 'Object 416 (duplicate): CN=Olivia Wright,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Olivia Wright,OU=Staff,DC=contoso,DC=com (object 416)', 'Remove the directory roles of ae0d0f1b-15e0-4f70-8a7a-d6395db5ce70 before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''ae0d0f1b-15e0-4f70-8a7a-d6395db5ce70''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Olivia Wright,OU=Staff,DC=contoso,DC=com (object 416): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Olivia Wright,OU=Staff,DC=contoso,DC=com (object 416)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Olivia Wright,OU=Staff,DC=contoso,DC=com (object 416)', 'Add Helpdesk Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''Helpdesk Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId 'ae0d0f1b-15e0-4f70-8a7a-d6395db5ce70' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 417
Write-Host 'Object 417 (softMatch): CN=Ines 山田,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ines 山田,OU=Staff,DC=contoso,DC=com (object 417)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7ab4aa20-4cde-4511-b9d2-cb84850f4b5e' -OnPremisesImmutableId 'cpV8rSMOwE+DHdoWOLPYHg=='
}

# --- object 418
Write-Host 'Object 418 (softMatch): CN=Mason Patel,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mason Patel,OU=Finance,DC=contoso,DC=com (object 418)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '2cb56b62-84bb-4936-8981-5d5600a276f7' -OnPremisesImmutableId 'RoZGjDzN30GKHXAuK/zvhg=='
}

# --- object 421
Write-Host 'Object 421 (softMatch): CN=Yara Baker,OU=Sales,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Baker,OU=Sales,DC=contoso,DC=com (object 421)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '2b71858e-e502-476c-b6b8-71dcd50e77f4' -OnPremisesImmutableId 'ehI3fMVsjkGDALOdcKOcEg=='
}

# --- object 427
Write-Host 'Object 427 (softMatch): CN=Fatima Hill,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Fatima Hill,OU=Staff,DC=contoso,DC=com (object 427)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '90575da1-7fd0-4046-a6e6-d36392d63dfb' -OnPremisesImmutableId 'xZm/A4X5YU6SHAgtUN8CyQ=='
}

# --- object 430
Write-Host 'Object 430 (softMatch): CN=Noah Nelson,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Noah Nelson,OU=Staff,DC=contoso,DC=com (object 430)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '274ca67e-71f6-4a27-8204-bf3fae6c4a85' -OnPremisesImmutableId 'BB5NFn05cEeQylDRtG1viA=='
}

# --- object 432
Write-Host 'Object 432 (softMatch): CN=Dana Patel,OU=Contractors,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Dana Patel,OU=Contractors,DC=contoso,DC=com (object 432)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '7282f452-eeca-476c-8a62-c676a07861da' -OnPremisesImmutableId 'gzzULCxblkG2yvCAMq2d+w=='
}

# --- object 434
Write-Host 'Object 434 (error): CN=Omar Wright,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Wright,OU=Finance,DC=contoso,DC=com (object 434)', 'Give the on-premises user the anchor of cloud user fa8c0663-5d9a-42b3-b284-8a0de5367fdf so that it hard-matches')) {
Set-ADUser 'CN=Omar Wright,OU=Finance,DC=contoso,DC=com' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'1f9be0c8-3ad2-4d2b-97cb-450e522b75b3'}
}

# --- object 437
Write-Host 'Object 437 (softMatch): CN=Rosa Dubois,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Rosa Dubois,OU=Staff,DC=contoso,DC=com (object 437)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '4ba291a7-e1af-4e49-a45b-7513daa00b29' -OnPremisesImmutableId 'wYrfXoLMaEWgBwdUNvM4yA=='
}

# --- object 439
Write-Host 'Object 439 (softMatch): CN=Åsa King,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Åsa King,OU=Finance,DC=contoso,DC=com (object 439)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '87c53930-f3e4-484e-a9e1-424ca39d6121' -OnPremisesImmutableId 'jVttzXqIokW5L2j93vdaVA=='
}

# --- object 440
Write-Host 'Object 440 (duplicate): CN=Ava O''Brien,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Ava O''Brien,OU=IT,DC=contoso,DC=com (object 440)', 'If de9c9c4d-2679-49b1-b9f6-5d2eef805184 is this person''s cloud account, join them with a planned hard match (needs hard-match takeover allowed)')) {
Update-MgUser -UserId 'de9c9c4d-2679-49b1-b9f6-5d2eef805184' -OnPremisesImmutableId 'otNRmy3sbEqYeXDlmM6VUw=='
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Ava O''Brien,OU=IT,DC=contoso,DC=com (object 440): Or give the on-premises user a UPN nobody holds (it is now ava.obrien439@contoso.com): fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Set-ADUser 'CN=Ava O''Brien,OU=IT,DC=contoso,DC=com' -UserPrincipalName '<new UPN>'
}

# --- object 443
Write-Host 'Object 443 (softMatch): CN=Omar Johansson,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Johansson,OU=Finance,DC=contoso,DC=com (object 443)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '52cd094f-d593-4b9b-865a-5d5f63ebbbba' -OnPremisesImmutableId 'Qh2pHpfBY0ymJ0gOv3a5cg=='
}

# --- object 444
Write-Host 'Object 444 (provision): CN=Aria Garcia,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Garcia,OU=Staff,DC=contoso,DC=com (object 444)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Aria Garcia,OU=Staff,DC=contoso,DC=com' -UserPrincipalName 'aria.garcia443@contoso.com'
}

# --- object 453
Write-Host 'Object 453 (softMatch): CN=Erik Brown,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Erik Brown,OU=Staff,DC=contoso,DC=com (object 453)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'fc53e550-5d72-4a11-8857-46b1d18daf84' -OnPremisesImmutableId 'Vshlc8hw8UWqV2LPdPijIQ=='
}

# --- object 457
Write-Host 'Object 457 (softMatch): CN=Sven Adams,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Sven Adams,OU=IT,DC=contoso,DC=com (object 457)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'd14f2755-558b-4acb-81d6-9449f98f8dee' -OnPremisesImmutableId 'qoFFlcRHhUCY53xwawSVfw=='
}

# --- object 460
Write-Host 'Object 460 (softMatch): CN=Yara Rossi,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Yara Rossi,OU=Finance,DC=contoso,DC=com (object 460)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '96a8d46c-dfc6-4205-917a-33fcf1f5fc7f' -OnPremisesImmutableId 'TejluRd9U0yidhQPRk9sBw=='
}

# --- object 461
Write-Host 'Object 461 (softMatch): CN=Erik Johnson,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Erik Johnson,OU=Users,DC=contoso,DC=com (object 461)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '1ebe2aa6-dfdf-4c09-8e3b-d8e88b98a2b1' -OnPremisesImmutableId '3oa59qgEvk6w0G8RCfQpmg=='
}

# --- object 462
Write-Host 'Object 462 (error): CN=Omar Patel,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Omar Patel,OU=Users,DC=contoso,DC=com (object 462)', 'Export the object with its objectGUID (and mS-DS-ConsistencyGuid)')) {
Get-ADObject 'CN=Omar Patel,OU=Users,DC=contoso,DC=com' -Properties 'objectGUID','mS-DS-ConsistencyGuid' | ConvertTo-Json -Depth 5
}

# --- object 465
Write-Host 'Object 465 (provision): CN=Mason Baker,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mason Baker,OU=Users,DC=contoso,DC=com (object 465)', 'Change the UPN suffix to a verified domain (or verify contoso.local in the tenant)')) {
Set-ADUser 'CN=Mason Baker,OU=Users,DC=contoso,DC=com' -UserPrincipalName 'mason.baker464@contoso.com'
}

# --- object 468
Write-Host 'Object 468 (reanimate): CN=Victor Rossi,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Victor Rossi,OU=Users,DC=contoso,DC=com (object 468)', 'If the restored account is not wanted, purge it from the recycle bin before the first sync')) {
Remove-MgDirectoryDeletedItem -DirectoryObjectId '6d4d99a5-caf6-4f82-995f-fca842360880'
}

# --- object 470
Write-Host 'Object 470 (softMatch): CN=Bea Brown,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Brown,OU=Users,DC=contoso,DC=com (object 470)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'ba4488ec-6702-4775-b0c6-ea997082bac7' -OnPremisesImmutableId 'Uwo9fgtw20CSUl2jhFETxQ=='
}

# --- object 473
Write-Host 'Object 473 (duplicate): CN=Aria Adams,OU=Users,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Aria Adams,OU=Users,DC=contoso,DC=com (object 473)', 'Remove the directory roles of 8b431df4-59ed-4a73-b643-623c2fe74af2 before the first sync')) {
Get-MgRoleManagementDirectoryRoleAssignment -Filter 'principalId eq ''8b431df4-59ed-4a73-b643-623c2fe74af2''' | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }
}
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'CN=Aria Adams,OU=Users,DC=contoso,DC=com (object 473): If a sync already ran, hard-delete the quarantined duplicate it created: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
Remove-MgUser -UserId '<id of the quarantined duplicate>'; Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'
}
if ($PSCmdlet.ShouldProcess('CN=Aria Adams,OU=Users,DC=contoso,DC=com (object 473)', 'Run a sync cycle so that the object matches')) {
Start-ADSyncSyncCycle -PolicyType Delta
}
if ($PSCmdlet.ShouldProcess('CN=Aria Adams,OU=Users,DC=contoso,DC=com (object 473)', 'Add User Administrator back once the match is done')) {
$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter 'displayName eq ''User Administrator'''; New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '8b431df4-59ed-4a73-b643-623c2fe74af2' -RoleDefinitionId $role.Id -DirectoryScopeId '/'
}

# --- object 485
Write-Host 'Object 485 (softMatch): CN=Grace Silva,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Grace Silva,OU=Finance,DC=contoso,DC=com (object 485)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '684cacc4-0865-4663-a112-610b01e8ba07' -OnPremisesImmutableId 'IO/br0Qe/0qWjbHVc9SMwA=='
}

# --- object 489
Write-Host 'Object 489 (softMatch): CN=Mateo Lopez,OU=Staff,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Mateo Lopez,OU=Staff,DC=contoso,DC=com (object 489)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId 'f3bd2ffb-93f4-4b7a-8559-637596b40e10' -OnPremisesImmutableId 'eLJV971Mn0KTV+Z5u2r6Ow=='
}

# --- object 492
Write-Host 'Object 492 (softMatch): CN=Bea Lopez,OU=IT,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Bea Lopez,OU=IT,DC=contoso,DC=com (object 492)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '5ca9035d-ab9a-4f34-9877-9161430eedb0' -OnPremisesImmutableId 'zjCYjHUqRkGD5aUOHN4a8w=='
}

# --- object 493
Write-Host 'Object 493 (softMatch): CN=Adam Johansson,OU=Finance,DC=contoso,DC=com'
if ($PSCmdlet.ShouldProcess('CN=Adam Johansson,OU=Finance,DC=contoso,DC=com (object 493)', 'Make this match a planned hard match (it then survives blockSoftMatchEnabled)')) {
Update-MgUser -UserId '56fc363b-07a9-460f-bd83-f1acdb71ff56' -OnPremisesImmutableId 'qcMo6SZE30W4xXYft8ZcBw=='
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

# --- tenant finding 5
Write-Host 'Tenant: UnverifiedUpnSuffixes: Verify these domains in the tenant, or change the users'' UPN suffix on-premises before the first sync.'
# This step needs a value you choose (the <...> placeholder): it is shown here but not run.
Write-Warning 'tenant: Verify these domains in the tenant, or change the users'' UPN suffix on-premises before the first sync.: fill in the <...> value of this step and run it by hand (it is in the script, not run)'
if ($false) {
New-MgDomain -Id '<domain>'  # then add the DNS TXT record and Confirm-MgDomain -DomainId '<domain>'
}


#Requires -Version 5.1
<#
.SYNOPSIS
    Exports the two snapshots SyncMatch reads: the on-premises directory and the Entra tenant.

.DESCRIPTION
    OnPrem: users, groups and contacts from Active Directory with every attribute matching depends on,
    written as NDJSON (one ConvertTo-Json -Depth 5 object per line, UTF-8 without BOM). The file is written
    object by object, so large directories do not need the whole export in memory.
    Needs the ActiveDirectory module (RSAT) and read access to the directory; no administrative rights.

    Cloud: users, groups, contacts, deleted users, domains, the tenant's synchronization features and
    admin roles (active and PIM-eligible), written as one JSON bundle (UTF-8 without BOM).
    Needs the Microsoft Graph PowerShell SDK and these delegated permissions (consented once):

        Call                                                  Permission
        Get-MgUser -All -Property ...                         User.Read.All
        GET /directory/deletedItems/microsoft.graph.user      User.Read.All
        Get-MgGroup -All -Property ...                        Group.Read.All
        Get-MgContact -All -Property ...                      OrgContact.Read.All
        Get-MgDomain -All                                     Domain.Read.All
        Get-MgDirectoryOnPremiseSynchronization               OnPremDirectorySynchronization.Read.All
                                                              (the signed-in user must be Global Administrator)
        Get-MgRoleManagementDirectoryRoleAssignment           RoleManagement.Read.Directory
        Get-MgRoleManagementDirectoryRoleEligibilitySchedule  RoleManagement.Read.Directory
                                                              (needs Entra ID P2 / PIM; skipped with a warning otherwise)
        GET beta/roleManagement/directory/roleDefinitions     RoleManagement.Read.Directory (isPrivileged)
        GET beta/users?$select=id,onPremisesObjectIdentifier  User.Read.All (Graph beta only)
        GET beta/users/{id}/onPremisesSyncBehavior            User-OnPremisesSyncBehavior.ReadWrite.All (beta; read only
        GET beta/groups/{id}/onPremisesSyncBehavior           Group-OnPremisesSyncBehavior.ReadWrite.All  here; skip with
                                                              -SkipSourceOfAuthority)

    onPremisesObjectIdentifier and onPremisesSyncBehavior (Source of Authority) exist in Graph beta only:
    the first comes with $select on beta/users, the second one object at a time, so the script asks for it
    only for the users and groups that were synchronised before (onPremisesImmutableId or
    onPremisesSyncEnabled set): only those can have their Source of Authority converted.

    With -CloudModule Entra the tenant is read with the Microsoft Entra PowerShell module (Install-Module
    Microsoft.Entra) instead: Get-EntraUser, Get-EntraGroup, Get-EntraContact, Get-EntraDomain,
    Get-EntraDirSyncFeature, Get-EntraDirectoryRoleAssignment and Get-EntraDirectoryRoleDefinition, with the
    same permissions (Connect-Entra -Scopes ...). Deleted users and PIM eligibility still come from Graph
    directly (Invoke-MgGraphRequest, Get-MgRoleManagementDirectoryRoleEligibilitySchedule): the module has no
    cmdlet that returns them with their deletion date and schedules. The bundle written is the same.

    Nothing is changed in either directory: every call reads.

.PARAMETER Part
    OnPrem, Cloud or Both (default).

.PARAMETER OutputDirectory
    Where onprem.ndjson and cloud.json are written (default: the current directory).

.PARAMETER SearchBase
    Limit the on-premises export to one OU (default: the whole domain). Use the OUs Entra Connect syncs.

.PARAMETER Server
    Domain controllers or domains to query, one per AD domain, of one forest or several (default: the
    current domain). With more than one, each domain is written to its own file, onprem-<domain>.ndjson;
    give them all to SyncMatch: syncmatch match onprem-contoso.com.ndjson cloud.json --onprem
    onprem-fabrikam.com.ndjson (docs/topology.md). -SearchBase applies to the first server only.

.PARAMETER GroupFilter
    DNs of the groups whose member values are exported (the pilot group of Entra Connect's group-based
    filtering, settings.scope.groupFilter). Other groups keep only memberCount.

.PARAMETER TenantId
    Tenant to sign in to, e.g. contoso.onmicrosoft.com (default: the account's home tenant).

.PARAMETER CloudModule
    Graph (default): the Microsoft Graph PowerShell SDK. Entra: the Microsoft Entra PowerShell module.

.PARAMETER SkipSourceOfAuthority
    Do not read onPremisesSyncBehavior (one Graph beta call per synchronised user and group). SyncMatch then
    says that it could not predict SourceOfAuthorityInCloud.

.EXAMPLE
    .\Export-SyncMatchSnapshot.ps1 -Part OnPrem -SearchBase 'OU=Staff,DC=contoso,DC=com'

.EXAMPLE
    .\Export-SyncMatchSnapshot.ps1 -Part Cloud -TenantId contoso.onmicrosoft.com

.EXAMPLE
    .\Export-SyncMatchSnapshot.ps1 -Part OnPrem -Server dc1.contoso.com, dc1.emea.contoso.com, dc1.fabrikam.com
    Three domains (two forests), three files: onprem-contoso.com.ndjson, onprem-emea.contoso.com.ndjson and
    onprem-fabrikam.com.ndjson.

.EXAMPLE
    .\Export-SyncMatchSnapshot.ps1 -Part Cloud -CloudModule Entra

.EXAMPLE
    .\Export-SyncMatchSnapshot.ps1
    syncmatch match .\onprem.ndjson .\cloud.json --format table
#>
[CmdletBinding()]
param(
    [ValidateSet('OnPrem', 'Cloud', 'Both')]
    [string]$Part = 'Both',
    [string]$OutputDirectory = (Get-Location).Path,
    [string]$SearchBase,
    [string[]]$Server,
    [string[]]$GroupFilter = @(),
    [string]$TenantId,
    [ValidateSet('Graph', 'Entra')]
    [string]$CloudModule = 'Graph',
    [switch]$SkipSourceOfAuthority
)

# No Set-StrictMode: AD objects leave unset attributes out, and reading one must give $null, not an error.
$ErrorActionPreference = 'Stop'
$Utf8NoBom = New-Object System.Text.UTF8Encoding $false

# -- on-premises --------------------------------------------------------------------------------------

$CommonAttributes = @(
    'objectGUID', 'objectSid', 'distinguishedName', 'objectClass', 'cn', 'displayName', 'mail', 'proxyAddresses',
    'mailNickname', 'isCriticalSystemObject', 'description', 'msExchRecipientTypeDetails',
    'msExchHideFromAddressLists'
)
$UserAttributes = $CommonAttributes + @(
    'mS-DS-ConsistencyGuid', 'sAMAccountName', 'userPrincipalName', 'givenName', 'sn', 'title', 'department',
    'company', 'telephoneNumber', 'mobile', 'physicalDeliveryOfficeName', 'streetAddress', 'l', 'st', 'postalCode',
    'co', 'c', 'employeeID', 'otherMailbox', 'userCertificate', 'userSMIMECertificate', 'userAccountControl',
    'msExchMailboxGuid', 'msRTCSIP-PrimaryUserAddress', 'msExchMasterAccountSid', 'homeMDB'
) + @(1..15 | ForEach-Object { "extensionAttribute$_" })
# member is exported as memberCount (the 250,000-member limit; the values themselves can be huge), and as
# its values for the -GroupFilter groups only (the pilot group of group-based filtering).
$GroupAttributes = $CommonAttributes + @('mS-DS-ConsistencyGuid', 'sAMAccountName', 'groupType', 'member')
$ContactAttributes = $CommonAttributes + @(
    'mS-DS-ConsistencyGuid', 'givenName', 'sn', 'title', 'department', 'company', 'telephoneNumber', 'mobile',
    'targetAddress'
)

function ConvertTo-SnapshotObject {
    <# One AD object as a plain object: GUIDs and SIDs as text, byte arrays as base64, lists as arrays. #>
    param($AdObject, [string[]]$Attributes)
    $out = [ordered]@{}
    foreach ($name in $Attributes) {
        $value = $AdObject.$name
        if ($null -eq $value) { continue }
        switch ($name) {
            'objectGUID' { $out[$name] = $value.ToString(); break }
            { $_ -in 'objectSid', 'msExchMasterAccountSid' } { $out[$name] = $value.Value; break }
            'member' {
                $out['memberCount'] = @($value).Count
                if ($GroupFilter -contains [string]$AdObject.DistinguishedName) {
                    $out['member'] = @($value | ForEach-Object { [string]$_ })
                }
                break
            }
            { $_ -in 'mS-DS-ConsistencyGuid', 'msExchMailboxGuid' } {
                $bytes = [byte[]]$value
                if ($bytes.Length -eq 16) { $out[$name] = ([guid]::new($bytes)).ToString() }
                else { $out[$name] = [Convert]::ToBase64String($bytes) }
                break
            }
            { $_ -in 'userCertificate', 'userSMIMECertificate' } {
                $out[$name] = @($value | ForEach-Object { [Convert]::ToBase64String([byte[]]$_) })
                break
            }
            { $_ -in 'proxyAddresses', 'otherMailbox' } { $out[$name] = @($value | ForEach-Object { [string]$_ }); break }
            'objectClass' { $out[$name] = @($value)[-1]; break }
            default { $out[$name] = $value }
        }
    }
    [pscustomobject]$out
}

# Exchange and Skype/Lync attributes exist only when their schema extension is installed: asking
# Get-ADUser -Properties for an attribute the schema lacks fails, so these are kept only when present.
$SchemaExtensionAttributes = @(
    'msExchRecipientTypeDetails', 'msExchHideFromAddressLists', 'msExchMailboxGuid', 'msRTCSIP-PrimaryUserAddress',
    'msExchMasterAccountSid', 'homeMDB'
) + @(1..15 | ForEach-Object { "extensionAttribute$_" })

function Select-SchemaAttributes {
    <# The attributes the forest's schema defines (the schema-extension ones are checked, the others kept). #>
    param([string[]]$Attributes, [hashtable]$Server)
    $schema = (Get-ADRootDSE @Server).schemaNamingContext
    $Attributes | Where-Object {
        $name = $_
        if ($name -notin $SchemaExtensionAttributes) { return $true }
        $filter = '(lDAPDisplayName=' + $name + ')'
        [bool](Get-ADObject -SearchBase $schema -LDAPFilter $filter @Server)
    }
}

function Export-OnPremDomains {
    <# One file per domain with several -Server values (other domains or forests), else onprem.ndjson. #>
    if (@($Server).Count -le 1) { Export-OnPrem -DomainServer (@($Server) | Select-Object -First 1) -Base $SearchBase; return }
    $first = $true
    foreach ($one in $Server) {
        Import-Module ActiveDirectory -ErrorAction Stop
        $domain = (Get-ADDomain -Server $one).DNSRoot
        $base = if ($first) { $SearchBase } else { $null }
        Export-OnPrem -DomainServer $one -Base $base -FileName ('onprem-' + $domain + '.ndjson')
        $first = $false
    }
}

function Export-OnPrem {
    <# Users, groups and contacts of one domain -> onprem.ndjson (or FileName). #>
    param([string]$DomainServer, [string]$Base, [string]$FileName = 'onprem.ndjson')
    Import-Module ActiveDirectory -ErrorAction Stop
    $path = Join-Path $OutputDirectory $FileName
    $scope = @{ ResultPageSize = 1000 }
    if ($Base) { $scope.SearchBase = $Base }
    $at = @{}
    if ($DomainServer) { $scope.Server = $DomainServer; $at.Server = $DomainServer }
    $UserAttributes = @(Select-SchemaAttributes $UserAttributes $at)
    $GroupAttributes = @(Select-SchemaAttributes $GroupAttributes $at)
    $ContactAttributes = @(Select-SchemaAttributes $ContactAttributes $at)
    $writer = New-Object System.IO.StreamWriter($path, $false, $Utf8NoBom)
    $count = 0
    try {
        $sources = @(
            @{ Attributes = $UserAttributes; Read = { Get-ADUser -Filter * -Properties $UserAttributes @scope } },
            @{ Attributes = $GroupAttributes; Read = { Get-ADGroup -Filter * -Properties $GroupAttributes @scope } },
            @{ Attributes = $ContactAttributes
               Read = { Get-ADObject -LDAPFilter '(objectClass=contact)' -Properties $ContactAttributes @scope } }
        )
        foreach ($source in $sources) {
            & $source.Read | ForEach-Object {
                $line = ConvertTo-SnapshotObject $_ $source.Attributes | ConvertTo-Json -Depth 5 -Compress
                $writer.WriteLine($line)
                $count++
            }
        }
    }
    finally {
        $writer.Dispose()
    }
    Write-Host "On-premises snapshot: $count objects -> $path"
}

# -- cloud ----------------------------------------------------------------------------------------------

$UserProperties = @(
    'id', 'userPrincipalName', 'mail', 'proxyAddresses', 'onPremisesImmutableId', 'onPremisesSyncEnabled',
    'onPremisesSecurityIdentifier', 'onPremisesDistinguishedName', 'displayName', 'givenName', 'surname',
    'jobTitle', 'department', 'companyName', 'businessPhones', 'mobilePhone', 'officeLocation', 'streetAddress',
    'city', 'state', 'postalCode', 'country', 'employeeId', 'mailNickname', 'accountEnabled', 'userType',
    'assignedLicenses', 'provisionedPlans'
)
$GroupProperties = @(
    'id', 'displayName', 'mailEnabled', 'securityEnabled', 'mail', 'proxyAddresses', 'onPremisesSyncEnabled',
    'mailNickname', 'groupTypes', 'onPremisesSecurityIdentifier'
)
$ContactProperties = @('id', 'displayName', 'mail', 'proxyAddresses', 'onPremisesSyncEnabled', 'companyName', 'mailNickname')
$DeletedUserProperties = 'id,userPrincipalName,mail,proxyAddresses,onPremisesImmutableId,deletedDateTime,displayName'
$Scopes = @(
    'User.Read.All', 'Group.Read.All', 'OrgContact.Read.All', 'Domain.Read.All',
    'OnPremDirectorySynchronization.Read.All', 'RoleManagement.Read.Directory'
)
$SoaScopes = @('User-OnPremisesSyncBehavior.ReadWrite.All', 'Group-OnPremisesSyncBehavior.ReadWrite.All')

function Select-GraphProperties {
    <# Only the selected properties of SDK objects, in Graph's own (camelCase) names. #>
    param([Parameter(ValueFromPipeline)]$Item, [string[]]$Properties)
    process {
        $out = [ordered]@{}
        foreach ($name in $Properties) { $out[$name] = $Item.$name }
        [pscustomobject]$out
    }
}

function Get-GraphPages {
    <# Every page of a Graph list, following @odata.nextLink (for calls the SDK cmdlets get wrong). #>
    param([string]$Uri)
    while ($Uri) {
        $page = Invoke-MgGraphRequest -Method GET -Uri $Uri -OutputType Hashtable
        foreach ($item in $page['value']) { $item }
        $Uri = $page['@odata.nextLink']
    }
}

function Invoke-Optional {
    <# Run one export step; on failure warn and give back nothing, so the rest still gets exported. #>
    param([string]$What, [scriptblock]$Step)
    try { & $Step }
    catch {
        Write-Warning "$What could not be read: $($_.Exception.Message). SyncMatch will say what it cannot predict."
    }
}

function Get-DeletedUsers {
    <# Get-MgDirectoryDeletedItem* leaves DeletedDateTime empty (msgraph-sdk-powershell #3244): ask Graph directly. #>
    @(Invoke-Optional 'Deleted users' {
        Get-GraphPages "v1.0/directory/deletedItems/microsoft.graph.user?`$select=$DeletedUserProperties"
    })
}

function Get-EligibleRoles {
    <# PIM eligibility schedules, with the role's name. #>
    @(Invoke-Optional 'PIM-eligible roles' {
        Get-MgRoleManagementDirectoryRoleEligibilitySchedule -All -ExpandProperty RoleDefinition | ForEach-Object {
            [pscustomobject]@{ principalId = $_.PrincipalId; roleDefinitionId = $_.RoleDefinitionId
                               directoryScopeId = $_.DirectoryScopeId; memberType = $_.MemberType
                               roleDefinition = @{ displayName = $_.RoleDefinition.DisplayName } }
        }
    })
}

function Get-RoleDefinitions {
    <# Role definitions with isPrivileged (Graph beta), so that custom privileged roles are known. #>
    @(Invoke-Optional 'Role definitions' {
        Get-GraphPages 'beta/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isPrivileged'
    })
}

function Add-CloudExtras {
    <# onPremisesObjectIdentifier and, unless skipped, Source of Authority (both Graph beta) onto users and groups. #>
    param([object[]]$Users, [object[]]$Groups)
    Invoke-Optional 'onPremisesObjectIdentifier (Graph beta)' { Add-BetaProperties $Users }
    if (-not $SkipSourceOfAuthority) {
        Invoke-Optional 'Source of Authority of users (Graph beta)' { Add-SyncBehavior $Users 'users' }
        Invoke-Optional 'Source of Authority of groups (Graph beta)' { Add-SyncBehavior $Groups 'groups' }
    }
}

function Write-CloudBundle {
    <# The tenant's parts -> cloud.json (one bundle, UTF-8 without BOM). #>
    param($Users, $Groups, $Contacts, $Deleted, $Domains, $Sync, $Assignments, $Eligible, $Definitions)
    $bundle = [ordered]@{
        users                     = $Users
        groups                    = $Groups
        contacts                  = $Contacts
        deletedItems              = $Deleted
        domains                   = $Domains
        onPremisesSynchronization = $Sync
        roleAssignments           = $Assignments
        roleEligibilitySchedules  = $Eligible
        roleDefinitions           = $Definitions
    }
    $path = Join-Path $OutputDirectory 'cloud.json'
    [System.IO.File]::WriteAllText($path, ($bundle | ConvertTo-Json -Depth 6), $Utf8NoBom)
    Write-Host ("Cloud snapshot: {0} users, {1} groups, {2} contacts, {3} deleted users -> {4}" -f
        $Users.Count, $Groups.Count, $Contacts.Count, $Deleted.Count, $path)
}

function Export-CloudEntra {
    <# The tenant, read with the Microsoft Entra PowerShell module -> cloud.json (the same bundle). #>
    Import-Module Microsoft.Entra -ErrorAction Stop
    $connect = @{ Scopes = $Scopes; NoWelcome = $true }
    if ($TenantId) { $connect.TenantId = $TenantId }
    Connect-Entra @connect

    $users = @(Get-EntraUser -All -Property $UserProperties | Select-GraphProperties -Properties $UserProperties)
    $groups = @(Get-EntraGroup -All -Property $GroupProperties | Select-GraphProperties -Properties $GroupProperties)
    Add-CloudExtras $users $groups
    $contacts = @(Get-EntraContact -All -Property $ContactProperties |
        Select-GraphProperties -Properties $ContactProperties)
    $domains = @(Get-EntraDomain | Select-GraphProperties -Properties 'id', 'isVerified', 'isInitial', 'isDefault')
    $sync = @(Invoke-Optional 'Synchronization features (needs Global Administrator)' {
        # One row per feature, named without its 'Enabled' suffix.
        $features = [ordered]@{}
        Get-EntraDirSyncFeature | Where-Object { $_.DirSyncFeature -ne 'AdditionalProperties' } | ForEach-Object {
            $features[[string]$_.DirSyncFeature + 'Enabled'] = $_.Enabled
        }
        [pscustomobject]@{ id = 'dirsync'; features = $features }
    })
    $assignments = @(Invoke-Optional 'Active role assignments' {
        $names = @{}
        Get-EntraDirectoryRoleDefinition -All | ForEach-Object { $names[$_.Id] = $_.DisplayName }
        Get-EntraDirectoryRoleAssignment -All | ForEach-Object {
            [pscustomobject]@{ principalId = $_.PrincipalId; roleDefinitionId = $_.RoleDefinitionId
                               directoryScopeId = $_.DirectoryScopeId
                               roleDefinition = @{ displayName = $names[$_.RoleDefinitionId] } }
        }
    })
    $definitions = Get-RoleDefinitions
    Write-CloudBundle $users $groups $contacts (Get-DeletedUsers) $domains $sync $assignments (Get-EligibleRoles) $definitions

function Add-BetaProperties {
    <# onPremisesObjectIdentifier (Graph beta $select) onto the users, by id. #>
    param([object[]]$Users)
    $byId = @{}
    foreach ($item in (Get-GraphPages 'beta/users?$select=id,onPremisesObjectIdentifier')) {
        $byId[$item['id']] = $item['onPremisesObjectIdentifier']
    }
    foreach ($user in $Users) {
        $user | Add-Member -NotePropertyName onPremisesObjectIdentifier -NotePropertyValue $byId[$user.id] -Force
    }
}

function Add-SyncBehavior {
    <# onPremisesSyncBehavior (Graph beta, one call per object) onto the objects synchronised before. #>
    param([object[]]$Items, [string]$Collection)
    foreach ($item in $Items) {
        if ($null -eq $item.onPremisesSyncEnabled -and -not $item.onPremisesImmutableId) { continue }
        $uri = 'beta/' + $Collection + '/' + [uri]::EscapeDataString($item.id) + '/onPremisesSyncBehavior?$select=isCloudManaged'
        $behavior = Invoke-MgGraphRequest -Method GET -Uri $uri -OutputType Hashtable
        $item | Add-Member -NotePropertyName onPremisesSyncBehavior -Force `
            -NotePropertyValue ([pscustomobject]@{ isCloudManaged = $behavior['isCloudManaged'] })
    }
}

function Export-Cloud {
    <# The tenant -> cloud.json (one bundle). #>
    $modules = @('Microsoft.Graph.Authentication', 'Microsoft.Graph.Users', 'Microsoft.Graph.Groups',
                 'Microsoft.Graph.Identity.DirectoryManagement', 'Microsoft.Graph.Identity.Governance')
    Import-Module $modules -ErrorAction Stop
    $scopes = $Scopes
    if (-not $SkipSourceOfAuthority) { $scopes = $Scopes + $SoaScopes }
    $connect = @{ Scopes = $scopes; NoWelcome = $true }
    if ($TenantId) { $connect.TenantId = $TenantId }
    Connect-MgGraph @connect

    # onPremisesImmutableId, proxyAddresses and the other onPremises* properties come back only when selected.
    $users = @(Get-MgUser -All -Property $UserProperties | Select-GraphProperties -Properties $UserProperties)
    $groups = @(Get-MgGroup -All -Property $GroupProperties | Select-GraphProperties -Properties $GroupProperties)
    Add-CloudExtras $users $groups
    $contacts = @(Get-MgContact -All -Property $ContactProperties |
        Select-GraphProperties -Properties $ContactProperties)
    $domains = @(Get-MgDomain -All | Select-GraphProperties -Properties 'id', 'isVerified', 'isInitial', 'isDefault')
    $sync = @(Invoke-Optional 'Synchronization features (needs Global Administrator)' {
        Get-MgDirectoryOnPremiseSynchronization | ForEach-Object {
            [pscustomobject]@{ id = $_.Id; features = $_.Features }
        }
    })
    $assignments = @(Invoke-Optional 'Active role assignments' {
        Get-MgRoleManagementDirectoryRoleAssignment -All -ExpandProperty RoleDefinition | ForEach-Object {
            [pscustomobject]@{ principalId = $_.PrincipalId; roleDefinitionId = $_.RoleDefinitionId
                               directoryScopeId = $_.DirectoryScopeId
                               roleDefinition = @{ displayName = $_.RoleDefinition.DisplayName } }
        }
    })
    $definitions = Get-RoleDefinitions
    Write-CloudBundle $users $groups $contacts (Get-DeletedUsers) $domains $sync $assignments (Get-EligibleRoles) $definitions
}

if (-not (Test-Path $OutputDirectory)) { New-Item -ItemType Directory -Path $OutputDirectory | Out-Null }
if ($Part -in 'OnPrem', 'Both') { Export-OnPremDomains }
if ($Part -in 'Cloud', 'Both') {
    if ($CloudModule -eq 'Entra') { Export-CloudEntra } else { Export-Cloud }
}

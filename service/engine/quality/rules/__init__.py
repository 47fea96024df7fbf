"""One module per attribute rule, in IdFix's order (MultiTenantRuleCollection.cs).

Each module has ATTRIBUTE (the LDAP name as IdFix shows it), MULTI (every value is checked), DUPLICATES (the
values must be unique across objects) and check(value, subject) -> Verdict | None.
"""

from . import (
    display_name,
    given_name,
    mail,
    mail_nickname,
    proxy_addresses,
    sam_account_name,
    target_address,
    user_principal_name,
)

RULES = (display_name, given_name, mail, mail_nickname, proxy_addresses, sam_account_name, target_address,
    user_principal_name)

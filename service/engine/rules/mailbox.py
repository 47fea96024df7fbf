"""R5 (2026-12) DualMailbox: an on-premises mailbox soft-matches a cloud user with its own mailbox.

Microsoft: soft match joins the accounts but not the mailboxes. When the on-premises user has an
Exchange mailbox and the cloud user already has an Exchange Online mailbox, both stay: mail for
the person splits between them until one is converted (a mail user on one side, or the mailbox
migrated first). Sources: KB 2641663 (SMTP matching), community and Microsoft-employee reports.
"""

from __future__ import annotations

from ..model import USER, CloudObject
from ..result import Result
from .gaps import note_missing
from .scope import USER_MAILBOX, recipient_type


def onprem_mailbox(result: Result) -> bool:
    """msExchRecipientTypeDetails 1 (UserMailbox), or msExchMailboxGuid set."""
    attrs = result.obj.attrs
    if "msExchRecipientTypeDetails" not in attrs and "msExchMailboxGuid" not in attrs:  # no Exchange data
        return False
    return recipient_type(result.obj) == USER_MAILBOX or bool(attrs.get("msExchMailboxGuid"))


def dual_mailbox(result: Result, target: CloudObject) -> None:
    """Warn DualMailbox when both sides of a soft match hold a mailbox."""
    if result.obj.kind != USER or target.kind != USER or not onprem_mailbox(result):
        return
    if note_missing(result, target, "provisionedPlans"):
        return
    if target.exchange_mailbox:
        result.warn("DualMailbox", f"The on-premises user has an Exchange mailbox and cloud user {target.id} has an "
                    "Exchange Online mailbox: after the match both mailboxes exist and mail splits between them. "
                    "Convert one first (migrate the on-premises mailbox, or make one side a mail user).",
                    {"cloudId": target.id})

"""R1 (2026-12) The rest of Connect's default scoping filters, the mail-enabled definition, groupType."""

from __future__ import annotations

import pytest
from builders import contact, group, only, run, user, warnings_of


def _skipped(obj: dict) -> dict:
    result = only(run([obj]))
    assert result["outcome"] == "skipped", result
    assert result["skipReason"] and result["match"] is None and result["errors"] == []
    return result


@pytest.mark.parametrize("attrs", [
    {"sAMAccountName": None},
    {"sAMAccountName": "SUPPORT_388945a0"},
    {"mailNickname": "SystemMailbox{1f05a927-7709-4e35-9dbe-d0f608fb781a}"},
    {"mailNickname": "CAS_{b0f5e6d5-1ea7-4f3f}"},
    {"sAMAccountName": "CAS_abc}"},
    {"msExchRecipientTypeDetails": 8388608},            # arbitration mailbox (0x800000)
    {"msExchRecipientTypeDetails": "536870912"},        # discovery mailbox (0x20000000), as text
    {"msExchRecipientTypeDetails": 16384},              # system mailbox (0x4000)
    {"msExchRecipientTypeDetails": 2},                  # a linked mailbox nothing joins (one export)
], ids=["no-sam", "support", "systemmailbox", "cas-nickname", "cas-sam", "arbitration", "discovery", "system",
        "linked"])
def test_user_default_filters(attrs):
    record = user("sys")
    for key, value in attrs.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    _skipped(record)


@pytest.mark.parametrize("details", [1, 4, 2147483648], ids=["user-mailbox", "shared", "remote-user-mailbox"])
def test_ordinary_recipients_stay_in_scope(details):
    assert only(run([user("ann", msExchRecipientTypeDetails=details)]))["outcome"] == "provision"


def test_cas_prefix_without_a_brace_stays_in_scope():
    assert only(run([user("cas_admin", mailNickname="CAS_admin")]))["outcome"] == "provision"


def test_contact_that_is_not_mail_enabled_is_skipped():
    _skipped(contact("Nomail"))


@pytest.mark.parametrize("attrs", [{"mail": "lea@partner.example"},
                                   {"proxyAddresses": ["smtp:lea@partner.example"]},
                                   {"proxyAddresses": ["SmTp:lea@partner.example"]}],
                         ids=["mail", "secondary-smtp", "any-case"])
def test_contact_with_an_address_is_mail_enabled(attrs):
    assert only(run([contact("Lea", **attrs)]))["outcome"] == "provision"


def test_contact_with_x500_only_is_not_mail_enabled():
    _skipped(contact("Lea", proxyAddresses=["X500:/o=Contoso/cn=Lea"]))


def test_msol_contact_hidden_from_address_lists_is_skipped():
    _skipped(contact("Lea (MSOL)", smtp="lea@partner.example", msExchHideFromAddressLists=True))


def test_msol_contact_not_hidden_stays_in_scope():
    result = only(run([contact("Lea (MSOL)", smtp="lea@partner.example", msExchHideFromAddressLists=False)]))
    assert result["outcome"] == "provision"


def test_distribution_group_without_mail_is_skipped():
    _skipped(group("Lunch", groupType=2))  # global distribution group, no address


def test_distribution_group_with_mail_is_in_scope():
    assert only(run([group("Lunch", smtp="lunch@contoso.com", groupType=2)]))["outcome"] == "provision"


@pytest.mark.parametrize("group_type", [-2147483646, "-2147483644", 2147483650], ids=["signed", "text", "unsigned"])
def test_security_group_without_mail_is_in_scope(group_type):
    result = only(run([group("Staff", groupType=group_type)]))
    assert result["outcome"] == "provision"
    assert not warnings_of(result, "GroupTypeMissing")


def test_group_without_group_type_is_a_security_group_with_a_warning():
    result = only(run([group("Staff")]))
    assert result["outcome"] == "provision"
    assert warnings_of(result, "GroupTypeMissing")


def test_role_group_is_skipped():
    _skipped(group("Organization Management", groupType=-2147483640, msExchRecipientTypeDetails=1073741824))


def test_rich_coexistence_group_is_skipped():
    assert "RichCoexistence" in _skipped(group("MSOL_AD_Sync_RichCoexistence", groupType=-2147483644))["skipReason"]


@pytest.mark.parametrize("attrs, skipped", [
    ({"memberCount": 250_001}, True),
    ({"memberCount": "250000"}, False),
    ({"member": [f"CN=u{i},DC=contoso,DC=com" for i in range(3)]}, False),
], ids=["over", "at-limit", "few-members"])
def test_group_member_limit(attrs, skipped):
    result = only(run([group("Big", groupType=-2147483646, **attrs)]))
    assert (result["outcome"] == "skipped") is skipped

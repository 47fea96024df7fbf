"""'?' where a letter was (an export saved as ASCII) is a warning naming the objects and the fix."""

from __future__ import annotations

import json

import pytest

from service.readers import read_snapshot

HEADER = '"DistinguishedName","ObjectClass","ObjectGUID","DisplayName","mail","description"\r\n'


def csv_rows(*rows: tuple[str, str, str]) -> bytes:
    """An Export-Csv file of users: (display name, mail, description) per row."""
    guid = "3ab39606-c642-489b-84b6-58c038d3ef"
    lines = [f'"CN=u{i},DC=contoso,DC=com","user","{guid}{i:02d}","{name}","{mail}","{desc}"'
             for i, (name, mail, desc) in enumerate(rows)]
    return (HEADER + "\r\n".join(lines) + "\r\n").encode("ascii")


def lost(snap) -> list[str]:
    """The NonAsciiLost messages."""
    return [w["message"] for w in snap.warnings if w["code"] == "NonAsciiLost"]


def test_names_and_addresses_with_lost_letters_are_listed() -> None:
    snap = read_snapshot(csv_rows(("Zo? M?ller", "zoe@contoso.com", ""), ("Adam Smith", "adam@contoso.com", ""),
                                  ("J?rg Beyer", "j?rg@contoso.com", "")))
    [message] = lost(snap)
    assert message.startswith("2 object(s)")
    assert "Export-Csv -Encoding UTF8" in message
    assert "record 1 (displayName 'Zo? M?ller')" in message and "record 3 " in message and "record 2 " not in message


@pytest.mark.parametrize("row", [("Who is on call?", "oncall@contoso.com", ""),
                                 ("Adam Smith", "adam@contoso.com", "Is this the right account? Ask IT."),
                                 ("Help?", "help@contoso.com", "")])
def test_legitimate_question_marks_are_not_lost_letters(row: tuple[str, str, str]) -> None:
    assert lost(read_snapshot(csv_rows(row))) == []


def test_x400_addresses_may_hold_question_marks() -> None:
    obj = {"objectClass": "user", "distinguishedName": "CN=a,DC=x", "proxyAddresses": ["X400:c=US;p=Ferguson ? Barde"]}
    assert lost(read_snapshot(json.dumps({"kind": "onprem", "objects": [obj]}).encode())) == []


def test_cloud_json_with_lost_letters_warns_too() -> None:
    users = [{"id": "6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f", "userPrincipalName": "zoe@contoso.com",
              "displayName": "Zo? M?ller", "surname": "M?ller"}]
    [message] = lost(read_snapshot(json.dumps({"value": users}).encode(), kind="cloud"))
    assert "displayName 'Zo? M?ller'" in message


def test_many_objects_are_counted_and_the_first_listed() -> None:
    snap = read_snapshot(csv_rows(*[(f"M?ller {i}", f"m{i}@contoso.com", "") for i in range(30)]))
    [message] = lost(snap)
    assert message.startswith("30 object(s)") and "and 10 more" in message

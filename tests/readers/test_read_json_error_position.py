"""A syntax error in the last record of a JSON export is reported where it is, not as a cut-off file."""

from __future__ import annotations

import json

import pytest

from service.readers import ReaderError, read_snapshot

OBJECTS = [{"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39",
            "distinguishedName": f"CN=User {i},DC=contoso,DC=com"} for i in range(3)]


def broken(edit) -> tuple[bytes, int]:
    """The export with one line of its last record edited; (content, 1-based number of that line)."""
    lines = json.dumps(OBJECTS, indent=2).split("\n")
    number = edit(lines)
    return "\n".join(lines).encode(), number


def trailing_comma(lines: list[str]) -> int:
    lines[-2] += ","  # '},' before the closing ']'
    return len(lines)  # the ']' where a value was expected


def missing_comma(lines: list[str]) -> int:
    lines[-4] = lines[-4].rstrip(",")
    return len(lines) - 2  # the next member, where ',' was expected


def unquoted_key(lines: list[str]) -> int:
    lines[-3] = lines[-3].replace('"distinguishedName"', "distinguishedName")
    return len(lines) - 2


@pytest.mark.parametrize("edit", [trailing_comma, missing_comma, unquoted_key])
def test_error_in_the_last_record_names_its_line(edit) -> None:
    content, line = broken(edit)
    with pytest.raises(ReaderError) as caught:
        read_snapshot(content, kind="onprem")
    assert caught.value.code == "InvalidJson"
    assert caught.value.line == line
    assert "cut off" not in str(caught.value)


def test_column_counts_from_the_start_of_the_line() -> None:
    with pytest.raises(ReaderError) as caught:
        read_snapshot(b'[{"a": 1},\n  {"b": 1 "c": 2}\n]', kind="onprem")
    assert (caught.value.line, "column 11") == (2, caught.value.message.split(":")[0][-9:])


@pytest.mark.parametrize("content", [b'[{"objectClass": "user", "distinguishedName": "CN=a"}',
                                     b'[{"objectClass": "user", "distinguishedName": "CN=a"}, {"x": tr',
                                     b'[{"objectClass": "user", "distinguishedName": "CN=a'])
def test_a_file_that_stops_is_still_cut_off(content: bytes) -> None:
    with pytest.raises(ReaderError) as caught:
        read_snapshot(content, kind="onprem")
    assert caught.value.code == "TruncatedJson"

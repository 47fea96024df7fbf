"""Duplicates across the whole directory, found by hash in one pass (IdFix: Rules/Shared/NoDuplicatesRule.cs,
DuplicateStore.cs).

Each value is hashed in lower case (Active Directory and Entra ID compare these attributes without regard to
case); one dictionary per attribute maps the hash to the first object holding it, so memory is an integer per
value, and only the hashes held twice keep a list of holders. Those few are then confirmed on the values
themselves, so a hash collision never makes a duplicate. Unlike IdFix, which flagged the second and later
holders only, every holder gets a finding naming the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# (attribute, record number) -> that object's values of the attribute
Values = Callable[[str, int], Iterable[str]]


class Index:
    """The holders of every value of the attributes that must be unique."""

    def __init__(self, attributes: Iterable[str]):
        self.first: dict[str, dict[int, int]] = {name: {} for name in attributes}
        self.shared: dict[tuple[str, int], list[int]] = {}

    def add(self, attribute: str, value: str, record: int) -> None:
        """Record that object `record` holds `value` (check.py inlines this for speed)."""
        key = hash(value.lower())
        holder = self.first[attribute].setdefault(key, record)
        if holder != record:
            self.also(attribute, key, holder, record)

    def also(self, attribute: str, key: int, holder: int, record: int) -> None:
        """Record a second or later holder of a hash first held by `holder`."""
        holders = self.shared.get((attribute, key))
        if holders is None:
            self.shared[(attribute, key)] = [holder, record]
        elif holders[-1] != record:
            holders.append(record)

    def groups(self, values: Values) -> Iterable[tuple[str, list[tuple[int, str]]]]:
        """(attribute, [(record, value as that object holds it)]) for each value held by more than one object."""
        for (attribute, key), holders in self.shared.items():
            by_value: dict[str, list[tuple[int, str]]] = {}
            for record in dict.fromkeys(holders):
                for value in dict.fromkeys(values(attribute, record)):
                    lowered = value.lower()
                    if hash(lowered) == key:
                        found = by_value.setdefault(lowered, [])
                        if not found or found[-1][0] != record:
                            found.append((record, value))
            for holders_of_value in by_value.values():
                if len(holders_of_value) > 1:
                    yield attribute, holders_of_value

"""Records out of JSON exports: canonical JSON, NDJSON, PowerShell ConvertTo-Json, Graph pages, bundles.

Every generator yields (line, raw record) pairs; a raw record may be a RecordRejected when the
record could not even be parsed (a broken NDJSON line).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .cloud import hint_from_context
from .errors import ReaderError, RecordRejected
from .jsonstream import JsonEvents

if TYPE_CHECKING:
    from .encoding import TextSource

ONPREM_CONTAINERS = frozenset({"objects", "value"})
# Keys of a cloud bundle (and of the canonical cloud snapshot) -> what their entities are.
BUNDLE_HINTS = {
    "users": "user",
    "groups": "group",
    "contacts": "contact",
    "deletedusers": "deleted",
    "deleteditems": "deleted",
    "domains": "domain",
    "onpremisessynchronization": "sync",
    "roleassignments": "active",
    "roleassignmentschedules": "active",
    "roleassignmentscheduleinstances": "active",
    "roleeligibilityschedules": "eligible",
    "roleeligibilityscheduleinstances": "eligible",
    "roledefinitions": "roledef",
}
BUNDLE_KEYS = frozenset(BUNDLE_HINTS) | {"tenant"}
# Entity hints -> the collection a page of them belongs to, for messages.
_COLLECTIONS = {"user": "users", "group": "groups", "contact": "contacts", "deleted": "deleted items",
                "domain": "domains", "active": "role assignments", "eligible": "role eligibilities",
                "sync": "onPremisesSynchronization"}
MAX_NESTING = 3


def check_declared_kind(value: object, kind: str, line: int) -> None:
    """A canonical snapshot's own `kind` must be the one being read."""
    declared = str(value).strip().lower() if isinstance(value, str) else value
    if declared not in ("onprem", "cloud"):
        raise ReaderError("BadKind", f"kind is {value!r}; it must be 'onprem' or 'cloud'", line=line, field="kind")
    if declared != kind:
        raise ReaderError(
            "WrongKind", f"this is a {declared} snapshot, but a {kind} snapshot was expected",
            line=line, field="kind", hint=f"send it as kind={declared}, or send the {kind} export here",
        )


def onprem_json(text: TextSource, kind: str = "onprem") -> Iterator[tuple[int, object]]:
    """On-prem records from JSON documents (a list, {objects: [...]}, or a single object)."""
    doc_line, container = 0, False
    members: dict[str, Any] = {}
    for event in JsonEvents(text):
        tag = event[0]
        if tag == "doc":
            doc_line, members, container = event[1], {}, False
        elif tag == "open" and event[1].lower() in ONPREM_CONTAINERS:
            container = True
        elif tag == "open":
            members[event[1]] = []
        elif tag == "item" and (event[1] is None or event[1].lower() in ONPREM_CONTAINERS):
            yield event[2], event[3]
        elif tag == "item":
            members[event[1]].append(event[3])
        elif tag == "member" and event[1].lower() == "kind":
            check_declared_kind(event[3], kind, event[2])
        elif tag == "member":
            members[event[1]] = event[3]
        elif tag == "end" and members and not container:
            yield doc_line, members


def cloud_json(text: TextSource) -> Iterator[tuple[int, str | None, object]]:
    """Cloud entities, with a hint of what they are, from Graph pages, lists, bundles or canonical JSON.

    A Graph page also yields (line, "page", {collection, nextLink, line}) once it ends.
    """
    doc_line, container, context = 0, False, None
    members: dict[str, Any] = {}
    page: dict[str, Any] = {}
    for event in JsonEvents(text):
        tag = event[0]
        if tag == "doc":
            doc_line, members, container, context, page = event[1], {}, False, None, {}
        elif tag == "open":
            key = event[1].lower()
            if key == "value" or key in BUNDLE_HINTS:
                container = True
                page["value"] = page.get("value") or key == "value"
            else:
                members[event[1]] = []
        elif tag == "item":
            key = event[1].lower() if event[1] is not None else None
            if key is None or key == "value" or key in BUNDLE_HINTS:
                hint = context if key in (None, "value") else BUNDLE_HINTS[key]
                for expanded in expand(event[3], hint):  # not `value`: compiled, a name keeps one type
                    yield event[2], *expanded
            else:
                members[event[1]].append(event[3])
        elif tag == "member":
            key, line, value = event[1].lower(), event[2], event[3]
            if key == "@odata.context":
                context = hint_from_context(value)
            elif key == "@odata.nextlink":
                page["nextLink"] = value
            elif key == "kind":
                check_declared_kind(value, "cloud", line)
                container = True
            elif key == "tenant":
                container = True
                yield line, "tenant", value
            elif key in BUNDLE_HINTS:
                container = True
                for item in expand(value, BUNDLE_HINTS[key]):
                    yield line, *item
            elif not key.startswith("@odata."):
                members[event[1]] = value
        elif tag == "end" and members and not container:
            yield doc_line, context, members
        if tag == "end" and page.get("value"):
            yield doc_line, "page", page_of(context, page.get("nextLink"), doc_line)


def page_of(context: str | None, next_link: object, line: int) -> dict[str, Any]:
    """The description of one Graph page, for Pages."""
    return {"collection": _COLLECTIONS.get(context or "", context or "objects"), "nextLink": next_link,
            "line": line}


def expand(value: object, hint: str | None, depth: int = 0) -> Iterator[tuple[str | None, object]]:
    """(hint, entity) for an entity, a Graph page {value: [...]}, or a list of either; ("page", ...) per page."""
    if isinstance(value, list) and depth < MAX_NESTING:
        for item in value:
            yield from expand(item, hint, depth + 1)
    elif isinstance(value, dict) and isinstance(value.get("value"), list) and depth < MAX_NESTING:
        page_hint = hint_from_context(value.get("@odata.context")) or hint
        for item in value["value"]:
            yield from expand(item, page_hint, depth + 1)
        yield "page", page_of(page_hint, value.get("@odata.nextLink"), 0)
    else:
        yield hint, value


def ndjson_lines(text: TextSource) -> Iterator[tuple[int, object]]:
    """One JSON value per line; a line that is not JSON becomes a rejection, not an error."""
    for number, line in enumerate(text, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError) as exc:
            detail = getattr(exc, "msg", None) or ("nested too deeply" if isinstance(exc, RecursionError)
                                                   else "an integer of more than 4300 digits")
            yield number, RecordRejected(
                f"the line is not valid JSON ({detail}); "
                + ("the file may be cut off" if not line.endswith("\n") else "each line must hold one JSON object"),
                code="InvalidJson",
            )

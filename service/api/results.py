"""A job's results a page at a time, filtered by outcome and error code, as JSON or CSV."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from service.adapters.jsonio import dumps, loads
from service.adapters.reports import ReportStore, Stream
from service.api.context import services
from service.api.lookups import finished_job
from service.api.problems import problem_response
from service.api.queries import QueryError, load_query
from service.api.schemas import ResultsQuery
from service.exceptions import Gone
from service.problems import problem_type

blueprint = Blueprint("results", __name__, url_prefix="/v1/jobs")

CSV = "text/csv"
SCAN_BUDGET = 20_000  # candidates examined per request when two filters are combined
_query_schema = ResultsQuery()


@dataclass(frozen=True)
class Listing:
    """The results of one report that pass the filters, in report order."""

    reports: ReportStore
    job_id: str
    manifest: dict[str, Any]
    outcome: str | None
    error_code: str | None

    def primary(self) -> Stream:
        """The index to walk: the filter with fewer results (None: walk every result)."""
        counts = self.manifest["counts"]
        candidates = [(counts["outcome"].get(self.outcome, 0), "outcome", self.outcome) if self.outcome else None,
                      (counts["errorCode"].get(self.error_code, 0), "errorCode", self.error_code)
                      if self.error_code else None]
        options = [option for option in candidates if option]
        return min(options)[1:] if options else None

    def length(self) -> int:
        """How many positions the walked index has."""
        return self.reports.stream_length(self.manifest, self.primary())

    def total(self) -> int | None:
        """How many results pass the filters, when that is known without reading them."""
        return self.length() if self.exact() else None

    def exact(self) -> bool:
        """Whether every result of the walked index passes the filters (at most one filter)."""
        return not (self.outcome and self.error_code)

    def keeps(self, result: dict) -> bool:
        """Whether a result passes both filters."""
        if self.outcome and result.get("outcome") != self.outcome:
            return False
        return not self.error_code or any(e.get("code") == self.error_code for e in result.get("errors") or [])

    def page(self, start: int, limit: int) -> tuple[list[bytes], int | None]:
        """Up to `limit` results as JSON texts from index offset `start`, and the offset to go on from (None: end)."""
        if self.exact():
            texts = self.reports.texts(self.job_id, self.manifest, self.primary(), start, start + limit)
            return texts, (start + limit if start + limit < self.length() else None)
        return self._scanned_page(start, limit)

    def _scanned_page(self, start: int, limit: int) -> tuple[list[bytes], int | None]:
        """Two filters: the smaller filter's stream, kept where the other passes, SCAN_BUDGET candidates at most."""
        found: list[bytes] = []
        offset = start
        for text in self.reports.iter_texts(self.job_id, self.manifest, self.primary(), start):
            if offset - start == SCAN_BUDGET:
                break
            offset += 1
            if self.keeps(loads(text)):
                found.append(text)
                if len(found) == limit:
                    break
        return found, (offset if offset < self.length() else None)

    def everything(self) -> Iterator[dict]:
        """Every result that passes the filters, a few chunks at a time."""
        texts = self.reports.iter_texts(self.job_id, self.manifest, self.primary())
        yield from (result for result in map(loads, texts) if self.keeps(result))


@blueprint.get("/<job_id>/results")
def list_results(job_id: str) -> Response:
    """A page of results (`next` is the cursor of the following page); `Accept: text/csv` for CSV."""
    query = load_query(_query_schema)
    finished = finished_job(job_id)
    listing = Listing(services().reports, job_id, finished.manifest, query.get("outcome"), query.get("errorCode"))
    paged = "limit" in request.args or "cursor" in request.args
    if _wants_csv() and not paged:
        return _csv(listing.everything(), job_id)
    start = _decode_cursor(query.get("cursor"), _filters(query))
    texts, next_offset = listing.page(start, query["limit"])
    cursor = _encode_cursor(next_offset, _filters(query)) if next_offset is not None else None
    if _wants_csv():
        response = _csv(map(loads, texts), job_id)
    else:
        response = _json_page(texts, query["limit"], listing.total(), cursor)
    if cursor:
        response.headers["Link"] = f'<{_next_url(cursor)}>; rel="next"'
    return response


@blueprint.errorhandler(Gone)
def _report_gone(_exc: Gone) -> Response:
    return problem_response(410, "Report expired", "The report expired or was deleted while it was being read; "
                            "submit the job again.", problem_type("report-expired"))


def _json_page(texts: list[bytes], limit: int, total: int | None, cursor: str | None) -> Response:
    """The page as JSON spliced from the results' texts: the bytes Flask's jsonify would write (compact, ASCII)."""
    body = b"".join((b'{"results":[', b",".join(texts), b'],"limit":', dumps(limit), b',"total":', dumps(total),
                     b',"next":', dumps(cursor), b"}\n"))
    return Response(body, mimetype="application/json")


def _wants_csv() -> bool:
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def _csv(results: Iterator[dict], job_id: str) -> Response:
    from service.reporting.csv_report import lines

    return Response(lines(results), mimetype=CSV, headers={
        "Content-Disposition": f'attachment; filename="syncmatch-results-{job_id}.csv"', "Vary": "Accept"})


def _filters(query: dict) -> str:
    text = f"{query.get('outcome') or ''}|{query.get('errorCode') or ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _encode_cursor(offset: int, filters: str) -> str:
    return base64.urlsafe_b64encode(f"v1:{offset}:{filters}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None, filters: str) -> int:
    """The index offset in a cursor made for these filters, or a 400 naming the parameter."""
    if cursor is None:
        return 0
    try:
        version, offset, made_for = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")
        if version == "v1" and made_for == filters and offset.isdigit():
            return int(offset)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise QueryError({"cursor": ["Not a cursor of this listing: pass the `next` value of the previous page, with "
                                 "the same outcome and errorCode."]})


def _next_url(cursor: str) -> str:
    args = request.args.to_dict()
    args["cursor"] = cursor
    return f"{request.path}?{urlencode(args)}"

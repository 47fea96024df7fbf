"""A job's data-quality findings (IdFix's checks) a page at a time, filtered by type and attribute, JSON or CSV."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, request

from service.adapters.jsonio import loads
from service.adapters.quality_pages import QualityPages, matches, total
from service.adapters.reports import ReportGone
from service.api.context import services
from service.api.lookups import finished_job
from service.api.problems import problem_response
from service.api.queries import load_query
from service.api.results import CSV, SCAN_BUDGET, _decode_cursor, _encode_cursor, _filters, _next_url, _wants_csv
from service.api.schemas import QualityQuery
from service.problems import problem_type

blueprint = Blueprint("quality", __name__, url_prefix="/v1/jobs")
_query_schema = QualityQuery()


@blueprint.get("/<job_id>/quality")
def list_findings(job_id: str) -> Response:
    """A page of findings (`next` is the cursor of the following page); `Accept: text/csv` for CSV."""
    query = load_query(_query_schema)
    finished = finished_job(job_id)
    pages, kind, attribute = QualityPages(services().reports), query.get("type"), query.get("attribute")
    filters = _filters({"outcome": kind, "errorCode": attribute})
    paged = "limit" in request.args or "cursor" in request.args
    if _wants_csv() and not paged:
        every = (loads(t) for t in pages.iter_texts(job_id, finished.manifest) if matches(t, kind, attribute))
        return _csv(every, job_id)
    start = _decode_cursor(query.get("cursor"), filters)
    texts, next_offset = _page(pages, job_id, finished.manifest, start, query["limit"], kind, attribute)
    cursor = _encode_cursor(next_offset, filters) if next_offset is not None else None
    if _wants_csv():
        response = _csv(map(loads, texts), job_id)
    else:
        body = b"".join((b'{"findings":[', b",".join(texts), b'],"limit":', str(query["limit"]).encode(),
                         b',"total":', str(total(finished.manifest, kind, attribute)).encode(), b',"next":',
                         (b'"' + cursor.encode() + b'"') if cursor else b"null", b"}\n"))
        response = Response(body, mimetype="application/json")
    if cursor:
        response.headers["Link"] = f'<{_next_url(cursor)}>; rel="next"'
    return response


def _page(pages: QualityPages, job_id: str, manifest: dict, start: int, limit: int, kind: str | None,
          attribute: str | None) -> tuple[list[bytes], int | None]:
    """Up to `limit` findings passing the filters from position `start`, SCAN_BUDGET examined at most; the next
    position (None: the end)."""
    found: list[bytes] = []
    offset, end = start, (manifest.get("quality") or {}).get("findings", 0)
    for text in pages.iter_texts(job_id, manifest, start):
        if offset - start == SCAN_BUDGET or len(found) == limit:
            break
        offset += 1
        if matches(text, kind, attribute):
            found.append(text)
    return found, (offset if offset < end else None)


def _csv(findings: Iterator[dict], job_id: str) -> Response:
    from service.reporting.quality_csv import lines

    return Response(lines(findings), mimetype=CSV, headers={
        "Content-Disposition": f'attachment; filename="syncmatch-quality-{job_id}.csv"', "Vary": "Accept"})


@blueprint.errorhandler(ReportGone)
def _report_gone(_exc: ReportGone) -> Response:
    return problem_response(410, "Report expired", "The report expired or was deleted while it was being read; "
                            "submit the job again.", problem_type("report-expired"))

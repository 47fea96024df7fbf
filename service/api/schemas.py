"""Request bodies, validated with marshmallow. Unknown snapshot attributes pass through untouched."""

from __future__ import annotations

from datetime import datetime

from marshmallow import INCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema

from service.engine.codes import OUTCOME_ORDER
from service.engine.settings import SettingsError, read_topology
from service.readers import FORMATS
from service.readers.registry import KINDS

ID = r"^[0-9a-f]{32}$"
OUTCOMES = OUTCOME_ORDER
MAX_PAGE = 1000
DEFAULT_PAGE = 100


def _iso_datetime(value: str) -> None:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError("Not an ISO 8601 date and time, e.g. 2025-01-31T12:00:00Z.") from None


def _boolean() -> fields.Boolean:
    """A JSON true or false; strings such as "yes" are rejected."""
    return fields.Boolean(truthy={True}, falsy={False})


class OnpremSnapshotSchema(Schema):
    """A canonical on-premises snapshot."""

    class Meta:
        unknown = INCLUDE

    kind = fields.String(validate=validate.Equal("onprem"))
    objects = fields.List(fields.Dict(), required=True)


class CloudSnapshotSchema(Schema):
    """A canonical cloud (Entra tenant) snapshot."""

    class Meta:
        unknown = INCLUDE

    kind = fields.String(validate=validate.Equal("cloud"))
    tenant = fields.Dict()
    users = fields.List(fields.Dict())
    groups = fields.List(fields.Dict())
    contacts = fields.List(fields.Dict())
    deletedUsers = fields.List(fields.Dict())


class JobSettingsSchema(Schema):
    """Settings of one matching run; the engine decides what further keys mean."""

    class Meta:
        unknown = INCLUDE

    sourceAnchor = fields.String(validate=validate.Length(min=1))
    passwordHashSync = _boolean()
    features = fields.Dict(keys=fields.String(), values=_boolean())
    now = fields.String(validate=_iso_datetime)

    @validates_schema(pass_original=True)
    def _topology(self, _data: dict, original, **_kwargs) -> None:
        """engine, scope and join, checked by the engine's own parser: the error names the field at fault."""
        if not isinstance(original, dict):
            return
        try:
            read_topology(original)
        except SettingsError as exc:
            raise ValidationError(_nested(exc.path, exc.message)) from None


def _nested(path: tuple, message: str) -> dict:
    """marshmallow's nested messages for a field path: ("scope", "includeOUs", 0) -> {"scope": {...: [message]}}."""
    messages: object = [message]
    for key in reversed(path[1:]):
        messages = {key: messages}
    return {path[0] if path else "_schema": messages}


def _snapshot_id() -> fields.String:
    return fields.String(validate=validate.Regexp(ID, error="Not a snapshot id (32 lowercase hex digits)."))


class JobRequestSchema(Schema):
    """POST /v1/jobs: each snapshot inline (`onprem`, `cloud`) or by the id of an upload (`...Snapshot`)."""

    class Meta:
        unknown = RAISE

    onprem = fields.Nested(OnpremSnapshotSchema)
    cloud = fields.Nested(CloudSnapshotSchema)
    onpremSnapshot = _snapshot_id()
    # Further on-premises exports (other domains or forests), evaluated with onpremSnapshot.
    onpremSnapshots = fields.List(_snapshot_id(), validate=validate.Length(min=1, max=50))
    # A label per on-premises export, onpremSnapshot first (default: the forest root of its objects).
    onpremLabels = fields.List(fields.String(validate=validate.Length(min=1, max=200)),
                               validate=validate.Length(min=1, max=51))
    cloudSnapshot = _snapshot_id()
    settings = fields.Nested(JobSettingsSchema, load_default=dict)
    callbackUrl = fields.String(validate=validate.Length(min=1, max=2048))

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _one_source_per_kind(self, data: dict, original, **_kwargs) -> None:
        """Each kind comes either inline or as an uploaded snapshot's id, not both; without any cloud snapshot the
        job is check-only (IdFix's data-quality checks on the on-premises objects alone)."""
        original = original if isinstance(original, dict) else {}
        errors = {}
        for kind in KINDS:
            inline, by_id = kind in original, f"{kind}Snapshot" in original
            if kind == "cloud" and not inline and not by_id and ("onprem" in original or "onpremSnapshot" in original):
                continue  # a check-only job
            if inline and by_id:
                errors[f"{kind}Snapshot"] = [f"Give either {kind} (inline) or {kind}Snapshot (an uploaded "
                                             "snapshot's id), not both."]
            elif not inline and not by_id:
                errors[kind] = [f"Missing: give the {kind} snapshot inline ({kind}) or the id of an uploaded one "
                                f"({kind}Snapshot, from POST /v1/snapshots?kind={kind})."]
        labels, more = original.get("onpremLabels"), original.get("onpremSnapshots")
        if isinstance(labels, list) and len(labels) > 1 + (len(more) if isinstance(more, list) else 0):
            errors["onpremLabels"] = ["More labels than on-premises exports: one per export, onpremSnapshot first."]
        if "onpremSnapshots" in original and "onpremSnapshot" not in original:
            errors["onpremSnapshot"] = ["onpremSnapshots lists further exports: give the first one as onpremSnapshot."]
        if errors:
            raise ValidationError(errors)


class SnapshotUploadQuery(Schema):
    """Query of POST /v1/snapshots."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    format = fields.String(validate=validate.OneOf(FORMATS))


class ResultsQuery(Schema):
    """Query of GET /v1/jobs/{id}/results."""

    class Meta:
        unknown = RAISE

    outcome = fields.String(validate=validate.OneOf(OUTCOMES))
    errorCode = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,100}$",
                                                       error="Not an error code, e.g. AttributeValueMustBeUnique."))
    limit = fields.Integer(load_default=DEFAULT_PAGE, strict=False,
                           validate=validate.Range(min=1, max=MAX_PAGE))
    cursor = fields.String(validate=validate.Length(min=1, max=200))


QUALITY_TYPES = ("Character", "Format", "TopLevelDomain", "DomainPart", "LocalPart", "Length", "Duplicate", "Blank",
                 "MailMatch")
QUALITY_ATTRIBUTES = ("displayName", "givenName", "mail", "mailNickname", "proxyAddresses", "sAMAccountName",
                      "targetAddress", "userPrincipalName")


class QualityQuery(Schema):
    """Query of GET /v1/jobs/{id}/quality."""

    class Meta:
        unknown = RAISE

    type = fields.String(validate=validate.OneOf(QUALITY_TYPES))
    attribute = fields.String(validate=validate.OneOf(QUALITY_ATTRIBUTES))
    limit = fields.Integer(load_default=DEFAULT_PAGE, strict=False, validate=validate.Range(min=1, max=MAX_PAGE))
    cursor = fields.String(validate=validate.Length(min=1, max=200))

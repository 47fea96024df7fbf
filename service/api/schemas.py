"""Request bodies, validated with marshmallow. Unknown snapshot attributes pass through untouched."""

from __future__ import annotations

from datetime import datetime

from marshmallow import INCLUDE, RAISE, Schema, ValidationError, fields, validate


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


class JobRequestSchema(Schema):
    """POST /v1/jobs with both snapshots inline."""

    class Meta:
        unknown = RAISE

    onprem = fields.Nested(OnpremSnapshotSchema, required=True)
    cloud = fields.Nested(CloudSnapshotSchema, required=True)
    settings = fields.Nested(JobSettingsSchema, load_default=dict)

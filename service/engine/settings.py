"""Evaluation settings: the sourceAnchor choice, password hash sync, tenant features and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypedDict

from ..exceptions import SyncMatchError
from .model import Tenant
from .topology import DEFAULT as DEFAULT_TOPOLOGY
from .topology import Path, Topology, TopologyError
from .topology import parse as parse_topology
from .values import as_bool, as_list, lower_keys, parse_datetime

DEFAULT_ANCHOR = "mS-DS-ConsistencyGuid"
AUTO_ANCHOR = "auto"
FEATURE_DEFAULTS: dict[str, bool] = {
    "blockSoftMatchEnabled": False,
    "blockCloudObjectTakeoverThroughHardMatchEnabled": False,
    "softMatchOnUpnEnabled": True,
    # (2026-12) the temporary bypass of the hard-match protections: off by default (Existing tenant).
    "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": False,
    # Duplicate-attribute resiliency quarantines by default (Resiliency).
    "quarantineUponUpnConflictEnabled": True,
    "quarantineUponProxyAddressesConflictEnabled": True,
    # On by default for directories created since 2016 (Sync service features).
    "synchronizeUpnForManagedUsersEnabled": True,
}


class Features(TypedDict):
    """The effective tenant features, as Graph names them."""

    blockSoftMatchEnabled: bool
    blockCloudObjectTakeoverThroughHardMatchEnabled: bool
    softMatchOnUpnEnabled: bool
    allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled: bool
    quarantineUponUpnConflictEnabled: bool
    quarantineUponProxyAddressesConflictEnabled: bool
    synchronizeUpnForManagedUsersEnabled: bool


class SettingsError(SyncMatchError, ValueError):
    """Settings that cannot be used, with the field at fault."""

    def __init__(self, field: str, message: str, path: Path | None = None) -> None:
        super().__init__(f"settings.{field}: {message}")
        self.field = field
        self.message = message
        # The field as a path of keys and list positions (the API's JSON pointer under /settings).
        self.path: Path = path if path is not None else ((field,) if field else ())


@dataclass(frozen=True, slots=True)
class EvalSettings:
    """Everything the rules need besides the two snapshots."""

    source_anchor: str
    password_hash_sync: bool
    block_soft_match: bool
    block_hard_match_takeover: bool
    soft_match_on_upn: bool
    now: datetime
    break_glass: frozenset[str]
    allow_identifier_update: bool = False
    quarantine_upn: bool = True
    quarantine_proxy: bool = True
    sync_upn_managed: bool = True
    # "auto" when the caller let the wizard choose; source_anchor is then the attribute chosen.
    anchor_setting: str | None = None
    # The tenant features the cloud snapshot did not give (their defaults apply).
    defaulted_features: tuple[str, ...] = ()
    # settings.engine, scope and join (topology.py); the sourceAnchor setting Cloud Sync ignored, if any.
    topology: Topology = DEFAULT_TOPOLOGY
    anchor_ignored: str | None = None
    # Which attribute the sourceAnchor setting names, worked out once instead of for every object.
    anchor_is_consistency_guid: bool = field(init=False)
    anchor_is_object_guid: bool = field(init=False)

    def __post_init__(self) -> None:
        """Work out which attribute the sourceAnchor setting names."""
        anchor = self.source_anchor.lower()
        object.__setattr__(self, "anchor_is_consistency_guid", anchor == DEFAULT_ANCHOR.lower())
        object.__setattr__(self, "anchor_is_object_guid", anchor == "objectguid")

    def features(self) -> Features:
        """Return the effective tenant features, as Graph names them."""
        return {
            "blockSoftMatchEnabled": self.block_soft_match,
            "blockCloudObjectTakeoverThroughHardMatchEnabled": self.block_hard_match_takeover,
            "softMatchOnUpnEnabled": self.soft_match_on_upn,
            "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": self.allow_identifier_update,
            "quarantineUponUpnConflictEnabled": self.quarantine_upn,
            "quarantineUponProxyAddressesConflictEnabled": self.quarantine_proxy,
            "synchronizeUpnForManagedUsersEnabled": self.sync_upn_managed,
        }


def eval_settings(raw: dict[str, Any] | None, tenant: Tenant, now: datetime | None = None) -> EvalSettings:
    """Merge the caller's settings over the tenant's features and the defaults."""
    raw = raw or {}
    if not isinstance(raw, dict):
        raise SettingsError("", "settings must be a JSON object")
    features = _features(tenant.features, raw.get("features"))
    given = set(lower_keys(tenant.features or {})) | set(lower_keys(raw.get("features") or {}))
    topology = read_topology(raw)
    anchor, ignored = _anchor_name(raw.get("sourceAnchor")), None
    if topology.cloud_sync and anchor.lower() != DEFAULT_ANCHOR.lower():
        anchor, ignored = DEFAULT_ANCHOR, anchor  # Cloud Sync's anchor is fixed
    return EvalSettings(
        source_anchor=anchor,
        password_hash_sync=_flag(raw, "passwordHashSync", True),
        block_soft_match=features["blocksoftmatchenabled"],
        block_hard_match_takeover=features["blockcloudobjecttakeoverthroughhardmatchenabled"],
        soft_match_on_upn=features["softmatchonupnenabled"],
        now=now or _now(raw.get("now")),
        break_glass=frozenset(str(v).lower() for v in as_list(raw.get("breakGlassAccounts"))),
        allow_identifier_update=features["allowonpremupdateofonpremisesobjectidentifierenabled"],
        quarantine_upn=features["quarantineuponupnconflictenabled"],
        quarantine_proxy=features["quarantineuponproxyaddressesconflictenabled"],
        sync_upn_managed=features["synchronizeupnformanagedusersenabled"],
        defaulted_features=tuple(name for name in FEATURE_DEFAULTS if name.lower() not in given),
        topology=topology, anchor_ignored=ignored,
    )


def read_topology(raw: dict[str, Any]) -> Topology:
    """settings.engine, scope and join, or the SettingsError naming the field at fault."""
    try:
        return parse_topology(raw)
    except TopologyError as exc:
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in exc.path).lstrip(".")
        raise SettingsError(field, exc.message, exc.path) from None


def is_auto(settings: EvalSettings) -> bool:
    """True when the sourceAnchor setting asks for the wizard's automatic choice (R2)."""
    return settings.source_anchor.lower() == AUTO_ANCHOR


def with_anchor(settings: EvalSettings, attribute: str) -> EvalSettings:
    """The settings with the sourceAnchor the automatic choice made."""
    return replace(settings, source_anchor=attribute, anchor_setting=AUTO_ANCHOR)


def _anchor_name(value: object) -> str:
    """Validate the sourceAnchor attribute name."""
    if value is None or value == "":
        return DEFAULT_ANCHOR
    if not isinstance(value, str) or not value.strip():
        raise SettingsError("sourceAnchor", "must be an attribute name such as mS-DS-ConsistencyGuid")
    return value.strip()


def _flag(raw: dict[str, Any], name: str, default: bool) -> bool:
    """Read a boolean setting."""
    if raw.get(name) is None:
        return default
    value = as_bool(raw[name])
    if value is None:
        raise SettingsError(name, "must be true or false")
    return value


def _features(tenant_features: dict[str, Any], overrides: object) -> dict[str, bool]:
    """Layer the defaults, the tenant's features and the caller's overrides (names case-insensitive)."""
    if overrides is not None and not isinstance(overrides, dict):
        raise SettingsError("features", "must be an object of feature names and true/false")
    merged = lower_keys(FEATURE_DEFAULTS)
    for source, label in ((tenant_features or {}, "tenant.features"), (overrides or {}, "settings.features")):
        for key, value in lower_keys(source).items():
            if key in merged and value is not None:
                flag = as_bool(value)
                if flag is None:
                    raise SettingsError("features", f"{label}.{key} must be true or false")
                merged[key] = flag
    return merged


def _now(value: object) -> datetime:
    """Read the evaluation time, defaulting to the current UTC time."""
    if value in (None, ""):
        return datetime.now(UTC)
    try:
        moment = parse_datetime(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError("now", "must be an ISO-8601 timestamp such as 2026-11-01T00:00:00Z") from exc
    assert moment is not None
    return moment

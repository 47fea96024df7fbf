"""Equal texts the engine holds for every object are one copy, not one each; the values themselves are unchanged."""

from __future__ import annotations

import pytest

from service.engine import model
from service.engine.model import SHARED_PROPERTIES, cloud_objects, onprem_object
from service.engine.result import Result
from service.engine.rules import competition, identity


def _text(value: str) -> str:
    """An equal text that is another object (as every decoded value is)."""
    return "".join(list(value))


def _cloud_user(number: int, **attrs: object) -> dict:
    return {"id": f"00000000-0000-4000-8000-{number:012d}", "userPrincipalName": _text(f"u{number}@contoso.com"),
            **attrs}


def test_repeated_values_of_the_users_names_titles_and_places_become_one() -> None:
    users = [_cloud_user(n, **{name: _text("Sales") for name in SHARED_PROPERTIES}) for n in range(3)]
    snapshot = {"users": users[:2], "deletedUsers": users[2:]}
    built = list(cloud_objects(snapshot))
    for name in SHARED_PROPERTIES:
        values = [obj.attrs[name] for obj in built]
        assert values == ["Sales"] * 3 and values[0] is values[1] is values[2], name


def test_other_properties_and_other_values_stay_as_they_are() -> None:
    first, second = _cloud_user(1, displayName=_text("Sales"), department=_text("Sales"), jobTitle=42), \
        _cloud_user(2, displayName=_text("Sales"), department=_text("Legal"), jobTitle=None)
    one, two = cloud_objects({"users": [first, second]})
    assert one.attrs["displayName"] is not two.attrs["displayName"]  # names of people mostly differ: not kept
    assert (one.attrs["department"], two.attrs["department"]) == ("Sales", "Legal")
    assert (one.attrs["jobTitle"], two.attrs["jobTitle"]) == (42, None)
    assert "givenName" not in one.attrs  # an absent property is not added


@pytest.mark.parametrize(("mail", "shared"), [("u1@contoso.com", True), ("U1@contoso.com", False),
                                              (None, False)])
def test_a_users_mail_equal_to_its_upn_is_the_upn_itself(mail: str | None, shared: bool) -> None:
    record = _cloud_user(1, mail=None if mail is None else _text(mail))
    [user] = cloud_objects({"users": [record]})
    assert (user.attrs["mail"] is user.upn) is shared
    assert user.attrs["mail"] == mail


def test_an_objects_class_is_one_text_for_every_object() -> None:
    objects = [onprem_object(n, {"objectClass": _text("user"), "objectGUID": None}) for n in range(2)]
    assert objects[0].class_name == "user" and objects[0].class_name is objects[1].class_name
    assert onprem_object(3, {"objectClass": "User"}).class_name == "user"  # spelled otherwise: as before
    assert onprem_object(4, {"objectClass": "msDS-Custom"}).class_name == "msDS-Custom"


def _resolved(upn: str, smtp: str) -> Result:
    obj = onprem_object(1, {"objectClass": "user", "userPrincipalName": upn, "proxyAddresses": [f"SMTP:{smtp}"],
                            "objectSid": "S-1-5-21-1-2-3-1105"})
    result = Result(obj)
    identity.resolve(result, model.Tenant("contoso.onmicrosoft.com", frozenset({"contoso.com"}), {}))
    return result


def test_keys_already_in_lower_case_are_the_texts_themselves() -> None:
    ident = _resolved("ann@contoso.com", "ann@contoso.com").identity
    assert ident.upn_key == "ann@contoso.com" and ident.upn_key is ident.upn
    assert ident.primary_key == "ann@contoso.com" and ident.primary_key is ident.primary_smtp


def test_a_key_in_upper_or_mixed_case_is_a_lower_case_copy() -> None:
    ident = _resolved("Ann@Contoso.com", "ANN@contoso.com").identity
    assert (ident.upn, ident.upn_key) == ("Ann@Contoso.com", "ann@contoso.com")
    assert (ident.primary_smtp, ident.primary_key) == ("ANN@contoso.com", "ann@contoso.com")


@pytest.mark.parametrize("address", ["zoë@contoso.com", "ZOË@contoso.com"])
def test_a_key_beyond_ascii_is_lowered_as_before(address: str) -> None:
    """Only ASCII text is taken as its own key: str.lower() alone says what lower case is beyond it."""
    ident = _resolved("ann@contoso.com", address).identity
    assert ident.primary_smtp == address and ident.primary_key == address.lower() == "zoë@contoso.com"


@pytest.mark.parametrize(("sid", "key"), [("S-1-5-21-1-2-3-1105", "S-1-5-21-1-2-3-1105"), ("odd-sid", "ODD-SID")])
def test_an_objects_sid_claims_by_its_upper_case_text(sid: str, key: str) -> None:
    result = _resolved("ann@contoso.com", "ann@contoso.com")
    result.identity.sid = sid
    claims = competition.Claims()
    claims.take(result)
    assert list(claims.sids) == [key] and claims.sids[key] is result
    assert (next(iter(claims.sids)) is sid) is (sid == key)

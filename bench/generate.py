"""Deterministic generator of realistic on-premises / Entra tenant snapshot pairs in canonical JSON.

    python bench/generate.py --objects 100k --out bench/data/100k [--seed 6]

writes onprem.json, cloud.json and settings.json. Objects are written one by one, so memory stays
flat whatever the size. The first objects cover every scenario once; the rest are drawn by weight.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import time
import unicodedata
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random

import orjson

NOW = datetime(2025, 6, 1, tzinfo=UTC)
DOMAIN, OTHER_DOMAIN, LOCAL_DOMAIN = "contoso.com", "fabrikam.com", "contoso.local"
INITIAL_DOMAIN = "contoso.onmicrosoft.com"
DOMAIN_SID, OLD_DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330", "S-1-5-21-2127521184-1604012920-1887927527"
BREAK_GLASS = ("breakglass1@contoso.onmicrosoft.com", "breakglass2@contoso.onmicrosoft.com")
CLOUD_PARTS = ("users", "groups", "contacts", "deletedUsers")

FIRST = ("Adam", "Bea", "Carlos", "Dana", "Erik", "Fatima", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
         "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Victor", "Wei", "Yara",
         "Zoe", "Liam", "Olivia", "Noah", "Emma", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mason", "Aria")
FIRST_INTL = ("José", "Zoë", "Łukasz", "Søren", "Chloé", "Åsa", "Jürgen", "Ngọc", "Çağla", "Дмитрий", "美咲",
              "François", "Ömer", "Renée")
LAST = ("Smith", "Garcia", "Nguyen", "Johnson", "Brown", "Kowalski", "Johansson", "Rossi", "Dubois", "Tanaka",
        "Okafor", "Novak", "Silva", "Patel", "Kim", "Martin", "Lee", "Walker", "Hall", "Young", "King",
        "Wright", "Lopez", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "O'Brien")
LAST_INTL = ("Müller", "Øberg", "Gößling", "Ibáñez", "Đorđević", "Петров", "山田", "Łęcki", "Sánchez", "Jøns")
DEPARTMENTS = ("Sales", "Marketing", "Finance", "HR", "IT", "Legal", "Operations", "Support", "R&D", "Procurement")
TITLES = ("Analyst", "Engineer", "Manager", "Director", "Specialist", "Consultant", "Coordinator", "Assistant")
OUS = ("Sales", "Finance", "IT", "Staff", "Users", "Contractors")
ROLES = ("Global Administrator", "Exchange Administrator", "User Administrator", "Helpdesk Administrator")


@dataclass(slots=True)
class Person:
    """Names and identifiers shared by an on-premises object and the cloud objects made for it."""

    index: int
    given: str
    sn: str
    local: str
    guid: uuid.UUID

    @property
    def display(self) -> str:
        """The displayName."""
        return f"{self.given} {self.sn}"

    @property
    def sid(self) -> str:
        """The objectSid (RIDs unique per index)."""
        return f"{DOMAIN_SID}-{1100 + self.index}"

    @property
    def anchor(self) -> str:
        """The ImmutableId: base64 of Guid.ToByteArray()."""
        return immutable_id(self.guid)


class ArrayWriter:
    """Writes the elements of one JSON array to a binary file, one by one."""

    def __init__(self, handle):
        self.handle = handle
        self.count = 0

    def add(self, record: dict) -> None:
        """Append one element."""
        if self.count:
            self.handle.write(b",\n")
        self.handle.write(orjson.dumps(record))
        self.count += 1


@dataclass
class Directory:
    """Generation state: the random source, the output streams and what earlier objects left behind."""

    rng: Random
    onprem: ArrayWriter
    cloud: dict[str, ArrayWriter]
    last_new: Person | None = None

    def guid(self) -> uuid.UUID:
        """A deterministic random GUID."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def person(self, index: int) -> Person:
        """A person with a realistic, sometimes non-ASCII, name and unique addresses."""
        rng = self.rng
        given = rng.choice(FIRST_INTL) if rng.random() < 0.08 else rng.choice(FIRST)
        sn = rng.choice(LAST_INTL) if rng.random() < 0.08 else rng.choice(LAST)
        local = f"{ascii_name(given, 'user')}.{ascii_name(sn, 'x')}{index}"
        return Person(index, given, sn, local, self.guid())

    def cloud_count(self) -> int:
        """Cloud objects written so far."""
        return sum(w.count for w in self.cloud.values())


def ascii_name(name: str, fallback: str) -> str:
    """Fold a name to lower-case ASCII letters (what admins put in addresses)."""
    folded = unicodedata.normalize("NFKD", name.replace("ø", "o").replace("Ø", "O").replace("ł", "l")
                                   .replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ß", "ss"))
    letters = "".join(c for c in folded if c.isascii() and c.isalnum()).lower()
    return letters or fallback


def immutable_id(guid: uuid.UUID) -> str:
    """base64 of the GUID's bytes in .NET Guid.ToByteArray() order."""
    return base64.b64encode(guid.bytes_le).decode("ascii")


def iso(moment: datetime) -> str:
    """Graph's timestamp form."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- on-premises records -------------------------------------------------------------------------


def proxies(d: Directory, p: Person, primary: str) -> list[str]:
    """1 to 5 proxyAddresses: the primary SMTP first, then aliases, X500 and SIP."""
    extra = [f"smtp:{p.local}@{OTHER_DOMAIN}", f"smtp:{p.local}@contoso.mail.onmicrosoft.com",
             f"X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn={p.guid.hex[:16]}",
             f"SIP:{p.local}@{DOMAIN}"]
    return [f"SMTP:{primary}", *extra[: d.rng.randint(0, 4)]]


def onprem_user(d: Directory, p: Person, upn: str | None = None, primary: str | None = None) -> dict:
    """A canonical on-premises user; mS-DS-ConsistencyGuid is set (as written back by sync) for some."""
    rng = d.rng
    upn = upn or f"{p.local}@{DOMAIN}"
    primary = primary or f"{p.local}@{DOMAIN}"
    consistency = rng.random()
    return {
        "objectClass": "user",
        "objectGUID": str(p.guid),
        "mS-DS-ConsistencyGuid": p.anchor if consistency < 0.3 else (str(p.guid) if consistency < 0.4 else None),
        "distinguishedName": f"CN={p.display},OU={rng.choice(OUS)},DC=contoso,DC=com",
        "sAMAccountName": f"{p.local.replace('.', '')[:12]}{p.index}"[:20],
        "userPrincipalName": upn,
        "mail": primary,
        "proxyAddresses": proxies(d, p, primary),
        "objectSid": p.sid,
        "mailNickname": p.local,
        "displayName": p.display,
        "givenName": p.given,
        "sn": p.sn,
        "department": rng.choice(DEPARTMENTS),
        "title": rng.choice(TITLES),
        "telephoneNumber": f"+1 425 555 {p.index % 10000:04d}",
        "employeeID": f"E{p.index:07d}",
    }


def onprem_group(d: Directory, p: Person, mail: bool) -> dict:
    """A canonical on-premises group, mail-enabled or security-only."""
    name = f"{d.rng.choice(DEPARTMENTS)} {'List' if mail else 'Access'} {p.index}"
    record = {"objectClass": "group", "objectGUID": str(p.guid),
              "distinguishedName": f"CN={name},OU=Groups,DC=contoso,DC=com",
              "sAMAccountName": name.replace(" ", "-").lower()[:20], "objectSid": p.sid,
              "displayName": name, "description": f"{name} members", "groupType": -2147483646}
    if mail:
        address = f"{name.replace(' ', '.').replace('&', '').lower()}@{DOMAIN}"
        record.update(mail=address, mailNickname=address.partition("@")[0],
                      proxyAddresses=[f"SMTP:{address}", f"smtp:{address.partition('@')[0]}@{OTHER_DOMAIN}"])
    return record


def onprem_contact(p: Person) -> dict:
    """A canonical on-premises mail contact with an external address."""
    address = f"{p.local}@partner{p.index % 97}.example"
    return {"objectClass": "contact", "objectGUID": str(p.guid),
            "distinguishedName": f"CN={p.display},OU=Contacts,DC=contoso,DC=com", "displayName": p.display,
            "givenName": p.given, "sn": p.sn, "mail": address, "mailNickname": p.local,
            "proxyAddresses": [f"SMTP:{address}"], "company": f"Partner {p.index % 97}"}


# -- cloud records -------------------------------------------------------------------------------


def cloud_user(d: Directory, p: Person, upn: str, addresses: list[str], *, anchor: str | None = None,
               synced: bool | None = None, sid: str | None = None, roles: list | None = None,
               eligible: list | None = None) -> dict:
    """A canonical Entra user (cloud-managed unless synced)."""
    primary = next((a[5:] for a in addresses if a.startswith("SMTP:")), None)
    return {"id": str(d.guid()), "userPrincipalName": upn, "mail": primary, "proxyAddresses": addresses,
            "onPremisesImmutableId": anchor, "onPremisesSyncEnabled": synced, "onPremisesSecurityIdentifier": sid,
            "deletedDateTime": None, "assignedRoles": roles or [], "eligibleRoles": eligible or [],
            "displayName": p.display, "givenName": p.given, "surname": p.sn,
            "department": d.rng.choice(DEPARTMENTS), "jobTitle": d.rng.choice(TITLES)}


def cloud_group(d: Directory, name: str, mail: str | None, synced: bool | None = None) -> dict:
    """A canonical Entra group (mail-enabled when it has an address)."""
    return {"id": str(d.guid()), "displayName": name, "mailEnabled": mail is not None,
            "securityEnabled": mail is None, "mail": mail, "proxyAddresses": [f"SMTP:{mail}"] if mail else [],
            "onPremisesSyncEnabled": synced}


def cloud_contact(d: Directory, p: Person, mail: str) -> dict:
    """A canonical Entra mail contact."""
    return {"id": str(d.guid()), "displayName": p.display, "mail": mail, "proxyAddresses": [f"SMTP:{mail}"]}


def deleted_user(d: Directory, p: Person, anchor: str, days_ago: float) -> dict:
    """A soft-deleted Entra user, deleted `days_ago` before NOW."""
    uid = d.guid()
    return {"id": str(uid), "userPrincipalName": f"{uid.hex}{p.local}@{DOMAIN}", "onPremisesImmutableId": anchor,
            "deletedDateTime": iso(NOW - timedelta(days=days_ago)), "displayName": p.display}


# -- scenarios: one on-premises object and the cloud objects that give it its outcome ---------------


def s_hard_synced(d: Directory, p: Person) -> None:
    """A user already synced with the same ImmutableId (a rebuilt sync server): hardMatch."""
    user = onprem_user(d, p)
    roles = [ROLES[1]] if d.rng.random() < 0.02 else []
    d.onprem.add(user)
    d.cloud["users"].add(cloud_user(d, p, user["userPrincipalName"], user["proxyAddresses"], anchor=p.anchor,
                                    synced=True, sid=p.sid, roles=roles))


def s_hard_takeover(d: Directory, p: Person) -> None:
    """A cloud-managed user pre-stamped with the anchor: hardMatch that takes it over."""
    user = onprem_user(d, p)
    d.onprem.add(user)
    d.cloud["users"].add(cloud_user(d, p, user["userPrincipalName"], [f"SMTP:{p.local}@{DOMAIN}"], anchor=p.anchor))


def s_soft_smtp(d: Directory, p: Person) -> None:
    """A cloud-managed mailbox user with the same primary SMTP and an onmicrosoft UPN: softMatch."""
    user = onprem_user(d, p)
    eligible = [ROLES[3]] if d.rng.random() < 0.03 else []
    d.onprem.add(user)
    d.cloud["users"].add(cloud_user(d, p, f"{p.local}@{INITIAL_DOMAIN}", [f"SMTP:{p.local}@{DOMAIN}"],
                                    eligible=eligible))


def s_soft_upn(d: Directory, p: Person) -> None:
    """A cloud-managed user without a mailbox and the same UPN: softMatch by userPrincipalName."""
    user = onprem_user(d, p)
    d.onprem.add(user)
    d.cloud["users"].add(cloud_user(d, p, user["userPrincipalName"], []))


def s_reanimate(d: Directory, p: Person) -> None:
    """A user deleted from the tenant less than 30 days ago with the same ImmutableId: reanimate."""
    d.onprem.add(onprem_user(d, p))
    d.cloud["deletedUsers"].add(deleted_user(d, p, p.anchor, d.rng.uniform(0.5, 29)))


def s_expired(d: Directory, p: Person) -> None:
    """A user deleted more than 30 days ago: purged, so the object is provisioned."""
    d.onprem.add(onprem_user(d, p))
    d.cloud["deletedUsers"].add(deleted_user(d, p, p.anchor, d.rng.uniform(31, 90)))
    d.last_new = p


def s_provision(d: Directory, p: Person) -> None:
    """A user the tenant has never seen: provision."""
    d.onprem.add(onprem_user(d, p))
    d.last_new = p


def s_unverified(d: Directory, p: Person) -> None:
    """A user with a non-routable UPN suffix: provision with a rewritten UPN."""
    d.onprem.add(onprem_user(d, p, upn=f"{p.local}@{LOCAL_DOMAIN}"))


def s_rival(d: Directory, p: Person) -> None:
    """A second on-premises account with the UPN and address of an earlier new user (R8)."""
    earlier = d.last_new
    if earlier is None:
        s_provision(d, p)
        return
    address = f"{earlier.local}@{DOMAIN}"
    d.onprem.add(onprem_user(d, p, upn=address, primary=address))


def s_dup_admin(d: Directory, p: Person) -> None:
    """The same address as a cloud admin with an active role: duplicate."""
    d.onprem.add(onprem_user(d, p))
    d.cloud["users"].add(cloud_user(d, p, f"{p.local}.admin@{INITIAL_DOMAIN}", [f"SMTP:{p.local}@{DOMAIN}"],
                                    roles=[d.rng.choice(ROLES)]))


def s_dup_collision(d: Directory, p: Person) -> None:
    """A UPN that is a secondary address of another cloud account (a shared mailbox): duplicate."""
    d.onprem.add(onprem_user(d, p, primary=f"{p.local}@{OTHER_DOMAIN}"))
    owner = Person(p.index, "Shared", "Mailbox", f"shared{p.index}", p.guid)
    d.cloud["users"].add(cloud_user(d, owner, f"shared{p.index}@{DOMAIN}",
                                    [f"SMTP:shared{p.index}@{DOMAIN}", f"smtp:{p.local}@{DOMAIN}"]))


def s_other_anchor(d: Directory, p: Person) -> None:
    """The address of a cloud user synced from another forest (another anchor): error."""
    d.onprem.add(onprem_user(d, p))
    sid = p.sid if d.rng.random() < 0.5 else f"{OLD_DOMAIN_SID}-{1100 + p.index}"
    d.cloud["users"].add(cloud_user(d, p, f"{p.local}@{DOMAIN}", [f"SMTP:{p.local}@{DOMAIN}"],
                                    anchor=immutable_id(d.guid()), synced=True, sid=sid))


def s_type_mismatch(d: Directory, p: Person) -> None:
    """A user whose address a cloud contact already has: error ObjectTypeMismatch."""
    d.onprem.add(onprem_user(d, p))
    d.cloud["contacts"].add(cloud_contact(d, p, f"{p.local}@{DOMAIN}"))


def s_no_guid(d: Directory, p: Person) -> None:
    """A user exported without objectGUID: error InvalidSourceAnchor."""
    user = onprem_user(d, p)
    user["objectGUID"] = None
    user["mS-DS-ConsistencyGuid"] = None
    d.onprem.add(user)


def s_bad_upn(d: Directory, p: Person) -> None:
    """A user whose UPN keeps its accents: error IdentityDataValidationFailed."""
    given = d.rng.choice(FIRST_INTL[:9])
    d.onprem.add(onprem_user(d, Person(p.index, given, p.sn, p.local, p.guid),
                             upn=f"{given.lower()}.{p.local}@{DOMAIN}"))


def s_computer(d: Directory, p: Person) -> None:
    """A computer account: skipped."""
    name = f"PC{p.index:06d}"
    d.onprem.add({"objectClass": ["top", "person", "organizationalPerson", "user", "computer"],
                  "objectGUID": str(p.guid), "distinguishedName": f"CN={name},OU=Workstations,DC=contoso,DC=com",
                  "sAMAccountName": f"{name}$", "objectSid": p.sid, "dNSHostName": f"{name.lower()}.{DOMAIN}"})


def s_system(d: Directory, p: Person) -> None:
    """krbtgt or a sync service account: skipped."""
    sam = "krbtgt" if d.rng.random() < 0.5 else f"MSOL_{p.guid.hex[:12]}"
    d.onprem.add({"objectClass": "user", "objectGUID": str(p.guid), "sAMAccountName": sam,
                  "distinguishedName": f"CN={sam},CN=Users,DC=contoso,DC=com", "objectSid": p.sid,
                  "isCriticalSystemObject": sam == "krbtgt"})


def s_group_security(d: Directory, p: Person) -> None:
    """A security group; sometimes a cloud group has the same name: provision."""
    group = onprem_group(d, p, mail=False)
    d.onprem.add(group)
    if d.rng.random() < 0.2:
        d.cloud["groups"].add(cloud_group(d, group["displayName"], None))


def s_group_soft(d: Directory, p: Person) -> None:
    """A distribution list also created in Exchange Online: softMatch by SMTP."""
    group = onprem_group(d, p, mail=True)
    d.onprem.add(group)
    d.cloud["groups"].add(cloud_group(d, group["displayName"], group["mail"]))


def s_group_new(d: Directory, p: Person) -> None:
    """A mail-enabled group the tenant does not have: provision."""
    d.onprem.add(onprem_group(d, p, mail=True))


def s_contact_soft(d: Directory, p: Person) -> None:
    """A mail contact also created in the cloud: softMatch."""
    contact = onprem_contact(p)
    d.onprem.add(contact)
    d.cloud["contacts"].add(cloud_contact(d, p, contact["mail"]))


def s_contact_new(d: Directory, p: Person) -> None:
    """A mail contact the tenant does not have: provision."""
    d.onprem.add(onprem_contact(p))


# (scenario, weight in % of on-premises objects): users 85, groups 10 (half mail-enabled), contacts 5.
SCENARIOS = (
    (s_hard_synced, 18.0), (s_hard_takeover, 3.0), (s_soft_smtp, 14.0), (s_soft_upn, 7.0), (s_reanimate, 2.0),
    (s_expired, 1.0), (s_provision, 28.0), (s_unverified, 2.5), (s_rival, 0.5), (s_dup_admin, 1.0),
    (s_dup_collision, 1.5), (s_other_anchor, 2.0), (s_type_mismatch, 0.5), (s_no_guid, 0.3), (s_bad_upn, 0.5),
    (s_computer, 1.15), (s_system, 0.05),
    (s_group_security, 5.0), (s_group_soft, 2.5), (s_group_new, 2.5),
    (s_contact_soft, 2.0), (s_contact_new, 3.0),
)


def cumulative(weights: list[float]) -> list[float]:
    """Running totals, for Random.choices."""
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# -- cloud-only filler: accounts nothing on-premises matches ------------------------------------------


def fill_cloud(d: Directory, target: int) -> None:
    """Add cloud-only users, orphaned synced users, groups, contacts and old deletions up to `target`."""
    for j, address in enumerate(BREAK_GLASS):
        p = Person(-1 - j, "Break", "Glass", address.partition("@")[0], d.guid())
        d.cloud["users"].add(cloud_user(d, p, address, [], roles=[ROLES[0]]))
    j = 0
    while d.cloud_count() < target:
        j += 1
        p = d.person(j)
        p.local = f"{ascii_name(p.given, 'user')}.{ascii_name(p.sn, 'x')}.c{j}"
        kind = d.rng.random()
        if kind < 0.65:
            d.cloud["users"].add(cloud_user(d, p, f"{p.local}@{DOMAIN}", [f"SMTP:{p.local}@{DOMAIN}"]))
        elif kind < 0.80:
            d.cloud["users"].add(cloud_user(d, p, f"{p.local}@{DOMAIN}", [f"SMTP:{p.local}@{DOMAIN}"],
                                            anchor=immutable_id(d.guid()), synced=True,
                                            sid=f"{OLD_DOMAIN_SID}-{500000 + j}"))
        elif kind < 0.90:
            d.cloud["groups"].add(cloud_group(d, f"Team {p.sn} {j}", f"team.c{j}@{DOMAIN}"))
        elif kind < 0.95:
            d.cloud["contacts"].add(cloud_contact(d, p, f"{p.local}@vendor{j % 31}.example"))
        else:
            d.cloud["deletedUsers"].add(deleted_user(d, p, immutable_id(d.guid()), d.rng.uniform(1, 29)))


# -- files --------------------------------------------------------------------------------------


def tenant() -> dict:
    """The tenant: verified domains and default sync features."""
    return {"initialDomain": INITIAL_DOMAIN,
            "domains": [{"name": DOMAIN, "isVerified": True}, {"name": OTHER_DOMAIN, "isVerified": True},
                        {"name": INITIAL_DOMAIN, "isVerified": True, "isInitial": True}],
            "features": {"blockSoftMatchEnabled": False, "blockCloudObjectTakeoverThroughHardMatchEnabled": False,
                         "softMatchOnUpnEnabled": True}}


def settings() -> dict:
    """Settings with a fixed clock, so reanimation windows do not move."""
    return {"sourceAnchor": "mS-DS-ConsistencyGuid", "passwordHashSync": True, "now": iso(NOW),
            "breakGlassAccounts": list(BREAK_GLASS)}


def generate(objects: int, out: Path, seed: int = 6) -> dict:
    """Write onprem.json, cloud.json and settings.json for `objects` on-premises objects; return counts."""
    out.mkdir(parents=True, exist_ok=True)
    parts = {name: out / f".cloud-{name}.part" for name in CLOUD_PARTS}
    with ExitStack() as stack:
        handles = {name: stack.enter_context(open(path, "wb", buffering=1 << 20)) for name, path in parts.items()}
        onprem = stack.enter_context(open(out / "onprem.json", "wb", buffering=1 << 20))
        onprem.write(b'{"kind": "onprem", "objects": [\n')
        d = Directory(Random(seed), ArrayWriter(onprem), {k: ArrayWriter(h) for k, h in handles.items()})
        _write_objects(d, objects)
        onprem.write(b"\n]}\n")
        fill_cloud(d, objects)
        counts = {"onprem": d.onprem.count, **{k: w.count for k, w in d.cloud.items()}}
    _assemble_cloud(out / "cloud.json", parts)
    (out / "settings.json").write_bytes(orjson.dumps(settings(), option=orjson.OPT_INDENT_2) + b"\n")
    return counts


def _write_objects(d: Directory, objects: int) -> None:
    """Every scenario once, then scenarios drawn by weight."""
    functions = [f for f, _ in SCENARIOS]
    weights = cumulative([w for _, w in SCENARIOS])
    for i in range(objects):
        scenario = functions[i] if i < len(functions) else d.rng.choices(functions, cum_weights=weights)[0]
        scenario(d, d.person(i))


def _assemble_cloud(path: Path, parts: dict[str, Path]) -> None:
    """Concatenate the streamed cloud arrays into one canonical cloud snapshot."""
    with open(path, "wb") as out:
        out.write(b'{"kind": "cloud",\n"tenant": ' + orjson.dumps(tenant()))
        for name, part in parts.items():
            out.write(f',\n"{name}": [\n'.encode())
            with open(part, "rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
            out.write(b"\n]")
            part.unlink()
        out.write(b"}\n")


def parse_count(text: str) -> int:
    """10000, 10k or 1m -> an object count."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def main(argv: list[str] | None = None) -> int:
    """Command line: --objects N --out DIR [--seed S]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", required=True, type=parse_count, help="on-premises objects (10000, 10k, 1m)")
    parser.add_argument("--out", required=True, type=Path, help="directory for onprem.json, cloud.json, settings.json")
    parser.add_argument("--seed", type=int, default=6, help="random seed (same seed, same files)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.objects, args.out, args.seed)
    cloud = sum(counts[k] for k in CLOUD_PARTS)
    print(f"{args.out}: {counts['onprem']} on-premises objects, {cloud} cloud objects "
          f"({', '.join(f'{k} {counts[k]}' for k in CLOUD_PARTS)}) in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

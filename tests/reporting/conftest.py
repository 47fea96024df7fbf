"""Reports to render: the Contoso example as `syncmatch match` builds it, and one full of hostile names."""

from __future__ import annotations

from pathlib import Path

import contoso_example
import pytest
from contoso_example import HOSTILE

from service.engine import evaluate
from service.readers import read_snapshot


@pytest.fixture(scope="session")
def contoso_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The Contoso example written as files: onprem, cloud, settings."""
    return contoso_example.write(tmp_path_factory.mktemp("contoso"))


@pytest.fixture(scope="session")
def contoso_report(contoso_files: tuple[Path, Path, Path]) -> dict:
    """The Contoso report with rejected records and the input section, as the CLI builds it."""
    onprem_path, cloud_path, _ = contoso_files
    onprem = read_snapshot(str(onprem_path), kind="onprem")
    cloud = read_snapshot(str(cloud_path), kind="cloud")
    report = evaluate(onprem.data, cloud.data, contoso_example.settings(), rejected=onprem.rejected + cloud.rejected)
    report["input"] = {name: {"format": s.format, "objects": s.objects, "warnings": s.warnings}
                       for name, s in (("onprem", onprem), ("cloud", cloud))}
    return report


@pytest.fixture
def hostile_report(contoso_report: dict) -> dict:
    """A report where every user-supplied value that reaches the page carries markup."""
    onprem = contoso_example.onprem()
    onprem["objects"][0].update(userPrincipalName=f"adele{HOSTILE}@contoso.com",
                                distinguishedName=f"CN=Adele{HOSTILE},OU=Sales,DC=contoso,DC=com",
                                title=f"Boss{HOSTILE}")
    onprem["objects"].append(contoso_example.user("eve", "Eve", HOSTILE, upn=f"eve{HOSTILE}@contoso.com"))
    cloud = contoso_example.cloud()
    cloud["users"][0].update(displayName=f"Adele{HOSTILE}")
    cloud["users"][1].update(id=f"id{HOSTILE}")
    cloud["users"][6].update(displayName=f"Isaiah{HOSTILE}")
    report = evaluate(onprem, cloud, contoso_example.settings(),
                      rejected=[{"record": 99, "line": 7, "field": f"f{HOSTILE}", "reason": f"bad {HOSTILE}"}])
    report["tenantFindings"][0]["message"] += HOSTILE
    report["input"] = {"onprem": {"format": f"json{HOSTILE}", "objects": 1,
                                  "warnings": [{"code": f"W{HOSTILE}", "message": HOSTILE}]}}
    report["settings"]["now"] = f"yesterday{HOSTILE}"
    return report

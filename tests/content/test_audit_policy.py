"""The auditor's gate (`baap-kg audit --policy`): the repository's policy passes on the data as
built, and fails (exit 1, naming the rule and the activity) on a copy with one link removed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from service import cli
from service.audit import compute_audit
from service.audit_policy import PolicyError, check_policy, read_policy
from service.config import PROJECT_ROOT, Settings
from service.store import KnowledgeStore

POLICY = PROJECT_ROOT / "policy" / "audit-policy.toml"
GRAPH = "https://w3id.org/baap/graph/"
BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
#: A bullet under the heading of CIS2 (the initiative stated by the report).
ACTIVITY = f"{ID}activity/1-ri-16"
RULE = "every bullet under a regional-initiative heading has a stated or curated initiative"


@pytest.fixture(autouse=True)
def repository_settings(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setattr(cli, "get_settings", lambda: settings)


@pytest.fixture(scope="module")
def without_a_link(store: KnowledgeStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data as built but for the regional-initiative link the report states for ACTIVITY."""
    link = ox.NamedNode(f"{BAAP}regionalInitiative")
    removed = list(store.oxigraph.quads_for_pattern(ox.NamedNode(ACTIVITY), link, None))
    assert [q.graph_name.value for q in removed] == [f"{GRAPH}report"]
    copy = ox.Store()
    copy.extend(q for q in store.oxigraph if q not in removed)
    path = tmp_path_factory.mktemp("gate") / "without-a-link.nq"
    copy.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


def test_the_repository_policy_passes_on_the_data_as_built(
    store: KnowledgeStore, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    report = check_policy(store, compute_audit(store, settings.shapes_dir), read_policy(POLICY))
    assert report.passed, report.text()
    assert {r.kind for r in report.results} == {"coverage", "gap"}
    assert cli.main(["audit", "--policy", str(POLICY), "--output", "/dev/null"]) == 0
    assert "audit policy" in capsys.readouterr().err


def test_the_gate_fails_on_a_copy_with_a_link_removed(
    without_a_link: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        ["audit", "--data", str(without_a_link), "--policy", str(POLICY), "--output", "/dev/null"]
    )
    err = capsys.readouterr().err
    assert code == 1
    failing = [line for line in err.splitlines() if line.strip().startswith("FAIL")]
    assert len(failing) == 1 and RULE in failing[0]
    assert "346 of 347" in failing[0]
    assert err.splitlines()[err.splitlines().index(failing[0]) + 1].strip() == ACTIVITY


def test_gap_rules_name_the_entities_beyond_those_allowed(
    store: KnowledgeStore, settings: Settings, tmp_path: Path
) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text(
        '[[gap]]\nname = "every Question has an activity"\n'
        'list = "questionsWithoutActivity"\nbasis = "stated"\n',
        encoding="utf-8",
    )
    report = check_policy(store, compute_audit(store, settings.shapes_dir), read_policy(strict))
    assert not report.passed
    assert report.to_dict()["failed"] == ["every Question has an activity"]
    assert report.failed[0].offenders == [f"{ID}question/7-2"]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('[[coverage]]\nname = "x"\ndimension = "colour"\nbasis = "any"\nmin_share = 1',
         "dimension must be one of"),
        ('[[coverage]]\nname = "x"\ndimension = "region"\nbasis = "stated"\nmin_share = 2',
         "min_share"),
        ('[[gap]]\nname = "x"\nlist = "danglingIris"\nallow = ["a"]\n', "why"),
        ("[[gap]\n", "not TOML"),
        ("", "no rules"),
    ],
)  # fmt: skip
def test_a_bad_policy_is_an_error_naming_the_rule_before_any_audit_is_written(
    tmp_path: Path, text: str, mention: str, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=mention):
        read_policy(policy)
    output = tmp_path / "audit.json"
    assert cli.main(["audit", "--policy", str(policy), "--output", str(output)]) == 2
    assert mention.split(" ")[0] in capsys.readouterr().err
    assert not output.exists()

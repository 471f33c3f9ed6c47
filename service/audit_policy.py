"""The auditor's gate on linkage: rules on coverage and gaps per basis, read from a small TOML
policy (`policy/audit-policy.toml`), checked by `baap-kg audit --policy FILE` and
`GET /audit?check=policy`.

A policy holds two kinds of rule, each with a `name` that says what it wants:

    [[coverage]]                  # a minimum share of activities linked by a basis
    name = "every regional-initiative bullet has a stated initiative"
    dimension = "regionalInitiative"   # an audit coverage dimension, or thematicPriority
    basis = "stated"                   # report, curation, stated, inferred, derived, any
    min_share = 1.0                    # 0-1, of the activities in scope
    subsection = "regional-initiatives"  # optional scope: the passages' baap:subsection

    [[gap]]                       # a gap list of the audit that must be empty
    name = "every regional initiative has a stated activity"
    list = "regionalInitiativesWithoutActivity"
    basis = "stated"                   # stated or any, for the lists that have both
    allow = ["https://w3id.org/baap/id/question/7-2"]   # optional: known, explained
    why = "..."                        # required with allow: why they are missing

A coverage rule fails naming the activities in scope that have no link of its basis; a gap rule
fails naming the entities on the list (beyond those allowed). Counts follow the audit
(`service.audit`): a target counts for its goal, a C7 sub-line for C7.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from service.audit_facts import AuditFacts
from service.audit_model import DIMENSIONS, LIST_GAPS, STATED_ANY_GAPS, Audit
from service.bases import BASES
from service.errors import KGError
from service.store import KnowledgeStore

#: Dimensions a coverage rule may name.
POLICY_DIMENSIONS: Final = ("thematicPriority", *DIMENSIONS)
BAAP: Final = "https://w3id.org/baap/ontology#"
#: Offenders listed per failing rule in the text report (the JSON lists them all).
SHOWN: Final = 20


class PolicyError(KGError):
    """The audit policy file is missing, not TOML, or has a rule that names an unknown
    dimension, basis, gap list or share; the message names the rule and what to change."""


@dataclass(frozen=True)
class CoverageRule:
    """At least `min_share` of the activities in scope have a `dimension` link of `basis`."""

    name: str
    dimension: str
    basis: str
    min_share: float
    subsection: str | None = None


@dataclass(frozen=True)
class GapRule:
    """The audit's gap list `list` (by `basis` links, when it has bases) is empty but for
    `allow`."""

    name: str
    list: str
    basis: str | None = None
    allow: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class Policy:
    """The rules of one policy file."""

    path: str
    coverage: tuple[CoverageRule, ...] = ()
    gaps: tuple[GapRule, ...] = ()


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule: what was measured, what was required, who breaks it."""

    rule: str
    kind: str  # coverage or gap
    passed: bool
    measured: float  # coverage: the share (0-1); gap: entities on the list beyond those allowed
    required: float  # coverage: min_share; gap: 0
    offenders: list[str] = field(default_factory=list)  # activities, or entities on the list
    detail: str = ""


@dataclass(frozen=True)
class PolicyReport:
    """Every rule's outcome; the gate passes when every rule does."""

    policy: str
    results: list[RuleResult]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> list[RuleResult]:
        return [r for r in self.results if not r.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "passed": self.passed,
            "failed": [r.rule for r in self.failed],
            "rules": [
                {
                    "rule": r.rule, "kind": r.kind, "passed": r.passed,
                    "measured": round(r.measured, 4), "required": r.required,
                    "detail": r.detail, "offenders": r.offenders,
                }
                for r in self.results
            ],
        }  # fmt: skip

    def text(self) -> str:
        """A readable report: one line per rule, the offenders of each failing rule."""
        lines = [f"audit policy {self.policy}: {'passed' if self.passed else 'FAILED'}"]
        for result in self.results:
            mark = "ok  " if result.passed else "FAIL"
            lines.append(f"  {mark} {result.rule}: {result.detail}")
            if not result.passed:
                lines.extend(f"         {iri}" for iri in result.offenders[:SHOWN])
                if len(result.offenders) > SHOWN:
                    lines.append(f"         ... and {len(result.offenders) - SHOWN} more")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- reading the policy


def _text(rule: dict[str, Any], key: str, where: str) -> str:
    value = rule.get(key)
    if not isinstance(value, str) or not value:
        raise PolicyError(f"{where}: set {key} (a non-empty string)")
    return value


def _coverage_rule(rule: dict[str, Any], where: str) -> CoverageRule:
    name = _text(rule, "name", where)
    where = f"{where} ({name!r})"
    dimension, basis = _text(rule, "dimension", where), _text(rule, "basis", where)
    if dimension not in POLICY_DIMENSIONS:
        raise PolicyError(f"{where}: dimension must be one of {', '.join(POLICY_DIMENSIONS)}")
    if basis not in BASES:
        raise PolicyError(f"{where}: basis must be one of {', '.join(BASES)}")
    share = rule.get("min_share")
    if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 1:
        raise PolicyError(f"{where}: min_share must be a number from 0 to 1")
    subsection = rule.get("subsection")
    if subsection is not None and not isinstance(subsection, str):
        raise PolicyError(f"{where}: subsection must be a string (a passage's baap:subsection)")
    return CoverageRule(name, dimension, basis, float(share), subsection)


def _gap_rule(rule: dict[str, Any], where: str) -> GapRule:
    name = _text(rule, "name", where)
    where = f"{where} ({name!r})"
    listed = _text(rule, "list", where)
    if listed not in (*STATED_ANY_GAPS, *LIST_GAPS):
        raise PolicyError(f"{where}: list must be one of {', '.join(STATED_ANY_GAPS + LIST_GAPS)}")
    basis = rule.get("basis")
    if listed in STATED_ANY_GAPS and basis not in ("stated", "any"):
        raise PolicyError(f"{where}: {listed} needs basis stated or any")
    if listed in LIST_GAPS and basis is not None:
        raise PolicyError(f"{where}: {listed} has no basis; leave basis out")
    allow = rule.get("allow", [])
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise PolicyError(f"{where}: allow must be a list of IRIs")
    why = rule.get("why", "")
    if allow and not (isinstance(why, str) and why):
        raise PolicyError(f"{where}: say why the allowed entities are missing (why = ...)")
    return GapRule(name, listed, basis, tuple(allow), str(why))


def read_policy(path: Path) -> Policy:
    """The rules of the TOML policy at `path` (PolicyError naming the problem)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyError(f"cannot read the audit policy {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"the audit policy {path} is not TOML: {error}") from error
    unknown = set(data) - {"coverage", "gap"}
    if unknown:
        raise PolicyError(f"{path}: unknown sections {sorted(unknown)}; use [[coverage]], [[gap]]")
    coverage = tuple(
        _coverage_rule(rule, f"{path.name} coverage rule {i}")
        for i, rule in enumerate(data.get("coverage", []), start=1)
    )
    gaps = tuple(
        _gap_rule(rule, f"{path.name} gap rule {i}")
        for i, rule in enumerate(data.get("gap", []), start=1)
    )
    if not coverage and not gaps:
        raise PolicyError(f"{path}: no rules; add [[coverage]] or [[gap]] tables")
    return Policy(str(path), coverage, gaps)


# ---------------------------------------------------------------- checking it


def _subsections(store: KnowledgeStore) -> dict[str, set[str]]:
    """activity IRI -> the baap:subsection of its passages."""
    found: dict[str, set[str]] = {}
    for row in store.select(
        f"SELECT ?a ?s WHERE {{ ?a a <{BAAP}Activity> ; <http://www.w3.org/ns/prov#wasDerivedFrom> "
        f"?p . ?p <{BAAP}subsection> ?s }}"
    ):
        found.setdefault(row["a"], set()).add(row["s"])
    return found


def _check_coverage(
    rule: CoverageRule, facts: AuditFacts, subsections: dict[str, set[str]]
) -> RuleResult:
    scope = sorted(
        a for a in facts.activities
        if rule.subsection is None or rule.subsection in subsections.get(a, set())
    )  # fmt: skip
    reached = facts.reach(rule.dimension, rule.basis)
    missing = [a for a in scope if not reached.get(a)]
    share = (len(scope) - len(missing)) / len(scope) if scope else 1.0
    where = f" in subsection {rule.subsection}" if rule.subsection else ""
    detail = (
        f"{len(scope) - len(missing)} of {len(scope)} activities{where} ({share:.1%}) have a "
        f"{rule.dimension} link of basis {rule.basis}; at least {rule.min_share:.0%} required"
    )
    passed = share >= rule.min_share
    return RuleResult(rule.name, "coverage", passed, share, rule.min_share, missing, detail)


def _check_gap(rule: GapRule, audit: dict[str, Any]) -> RuleResult:
    listed = audit["gaps"][rule.list]
    entities = listed[rule.basis] if rule.basis is not None else listed
    beyond = [e for e in entities if e not in rule.allow]
    of = f"{rule.list} ({rule.basis} links)" if rule.basis else rule.list
    allowed = f" beyond the {len(entities) - len(beyond)} allowed" if rule.allow else ""
    detail = f"{len(beyond)} on {of}{allowed}; none may be"
    return RuleResult(rule.name, "gap", not beyond, float(len(beyond)), 0.0, beyond, detail)


def check_policy(store: KnowledgeStore, audit: Audit, policy: Policy) -> PolicyReport:
    """Every rule of `policy` checked against the data of `store` and its `audit`."""
    facts = AuditFacts(store.oxigraph, store.base_iri)
    subsections = _subsections(store) if any(r.subsection for r in policy.coverage) else {}
    data = audit.to_dict()
    results = [_check_coverage(rule, facts, subsections) for rule in policy.coverage]
    results += [_check_gap(rule, data) for rule in policy.gaps]
    return PolicyReport(policy.path, results)

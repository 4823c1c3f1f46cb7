"""FollowTheMoney export: ``entities.ftm.json``, one FtM entity per line.

The tables become the FtM graph used by Aleph, OpenSanctions and yente (see
``docs/ftm-mapping.md``): people and organizations, a ``CourtCase`` per case with
``CourtCaseParty`` links (defendant, judge, prosecutor...), an ``Event`` per legal outcome
and per asserted event, and an ``Article`` per source document (the ``proof`` of the
facts). Entity IDs are ``casewire-`` plus casewire's own stable IDs (or a hash of them),
so they survive reruns. The file is byte-deterministic: lines sorted by ID, property
values sorted, JSON keys sorted.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id
from unidecode import unidecode

import schemas
from casewire.publish.files import present_records, read_table

FTM_FILE = "entities.ftm.json"
ID_PREFIX = "casewire-"

#: Organization names that mark a company (checked first) or a public body.
COMPANY_RE = re.compile(
    r"(\b(Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Company|Co|GmbH|PLC|LLP"
    r"|LP|S\.A|S\.A\. de C\.V|Holdings|Bank|Group)\b\.?)",
    re.IGNORECASE,
)
PUBLIC_BODY_RE = re.compile(
    r"\b(Department|Agency|Office|Administration|Bureau|Ministry|Secretariat|Commission"
    r"|Court|Police|Sheriff|Attorney|Prosecutor|Government|Service|Division|Council"
    r"|County|Municipality|Authority|Directorate|Marshals?|Army|Navy|Patrol|Customs"
    r"|Federal|Senate|Congress|Parliament)\b|^(FBI|DEA|ATF|IRS|DOJ|ICE|CBP|USMS|HSI)$",
    re.IGNORECASE,
)

#: casewire role -> CourtCaseParty.role (the party roles exported from entity_roles).
PARTY_ROLES = {
    "defendant": "defendant",
    "judge": "judge",
    "prosecutor": "prosecutor",
    "defense_attorney": "defense attorney",
    "witness": "witness",
    "victim": "victim",
    "investigator": "investigator",
}
#: casewire role -> FtM topics on the entity.
ROLE_TOPICS = {
    "judge": ["role.judge"],
    "prosecutor": ["role.lawyer"],
    "defense_attorney": ["role.lawyer"],
    "criminal_organization": ["crime"],
    "leader": ["crime.boss"],
}
#: Charge category -> topic for a defendant convicted, sentenced or pleading guilty.
CHARGE_TOPICS = {
    "drug trafficking": "crime.traffick.drug",
    "fraud/theft": "crime.fraud",
    "money laundering": "crime.fin",
    "bribery/corruption": "crime.fin",
    "tax": "crime.fin",
    "firearms": "crime",
    "homicide": "crime",
}
GUILTY = schemas.GUILTY_OUTCOMES
OUTCOME_VERBS = schemas.OUTCOME_LABEL
#: Events of these modalities describe something that happened and are exported.
EXPORTED_MODALITIES = {"asserted"}
#: The columns :func:`build_entities` reads, per table (None: all of them).
READ_COLUMNS: dict[str, list[str] | None] = {
    "documents": ["doc_id", "title", "source_id", "published_date", "url", "language"],
    "mentions": ["entity_id", "doc_id"],
    "entities": ["entity_id", "entity_type", "canonical_name", "aliases", "variants", "roles",
                 "doc_id"],
    "entity_roles": ["entity_id", "role", "title", "doc_id"],
    "events": None,
    "event_evidence": ["event_id", "doc_id"],
    "event_participants": None,
    "legal_outcomes": None,
    "charges": ["outcome_id", "case_id", "category"],
    "cases": None,
}  # fmt: skip


def ftm_id(casewire_id: str) -> str:
    """FtM entity ID of a row with a casewire stable ID: ``casewire-<id>``."""
    return ID_PREFIX + casewire_id


def derived_id(kind: str, *parts: str) -> str:
    """FtM ID of an entity without a casewire row (a party link, an unmatched judge)."""
    return f"{ID_PREFIX}{kind}-{make_entity_id(*parts)[:16]}"


def organization_schema(name: str, roles: Iterable[str] = ()) -> str:
    """``Company``, ``PublicBody`` or ``Organization`` for an organization's name and roles."""
    if "criminal_organization" in roles:
        return "Organization"
    if COMPANY_RE.search(name):
        return "Company"
    if PUBLIC_BODY_RE.search(name):
        return "PublicBody"
    return "Organization"


def _key(name: str) -> str:
    return " ".join(unidecode(name).casefold().split())


def _present(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, missing cells (null or empty list) as None."""
    return present_records(df)


def _months(n: Any) -> str:
    n = int(n)
    years, months = divmod(n, 12)
    if months == 0:
        return f"{years} years" if years != 1 else "1 year"
    return f"{n} months"


def describe_outcome(row: dict[str, Any]) -> str:
    """Plain-language terms of an outcome: custody, release, money (for ``description``)."""
    parts = []
    lo, hi = row.get("sentence_min_months"), row.get("sentence_max_months")
    if row.get("death_sentence"):
        parts.append("death sentence")
    if row.get("life_sentence"):
        parts.append("life in prison")
    if lo is not None and hi is not None:
        term = _months(lo) if lo == hi else f"{_months(lo)} to {_months(hi)}"
        parts.append(f"{term} in prison" + (" (suspended)" if row.get("custody_suspended") else ""))
    for col, label in (
        ("probation_months", "probation"),
        ("supervised_release_months", "supervised release"),
    ):
        if row.get(col) is not None:
            parts.append(f"{_months(row[col])} {label}")
    for col, label in (
        ("fine_usd", "fine"),
        ("restitution_usd", "restitution"),
        ("forfeiture_usd", "forfeiture"),
    ):
        if row.get(col) is not None:
            parts.append(f"{label} ${row[col]:,.0f}")
    if row.get("conviction_method"):
        parts.append(f"by {row['conviction_method']}")
    if row.get("counts") is not None:
        parts.append(f"{int(row['counts'])} count(s)")
    return "; ".join(parts)


class _Graph:
    """Entities under construction, keyed by ID; properties added with the library."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityProxy] = {}

    def get(self, schema: str, entity_id: str) -> EntityProxy:
        proxy = self.entities.get(entity_id)
        if proxy is None:
            proxy = model.make_entity(schema)
            proxy.id = entity_id
            self.entities[entity_id] = proxy
        return proxy

    def add(self, entity_id: str, prop: str, values: Any) -> None:
        if _present(values):
            self.entities[entity_id].add(prop, values)


def build_entities(tables: dict[str, pd.DataFrame]) -> list[EntityProxy]:
    """The FtM entities of a release's tables, sorted by ID."""
    g = _Graph()
    # articles need the metadata, not the texts (a copy of every text as Python str)
    metadata = READ_COLUMNS["documents"]
    docs = {r["doc_id"]: r for r in _rows(tables["documents"][metadata])}
    for doc in docs.values():
        _article(g, doc)

    # only the columns read below: rows of every column would copy the evidence texts
    entity_roles = _rows(tables["entity_roles"][READ_COLUMNS["entity_roles"]])
    roles_by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for role in entity_roles:
        roles_by_entity[role["entity_id"]].append(role)
    mention_docs: dict[str, set[str]] = defaultdict(set)
    pairs = tables["mentions"][READ_COLUMNS["mentions"]].dropna().drop_duplicates()
    for entity_id, doc_id in zip(pairs["entity_id"], pairs["doc_id"], strict=True):
        mention_docs[entity_id].add(doc_id)

    outcomes = _rows(tables["legal_outcomes"])
    charges = _rows(tables["charges"][READ_COLUMNS["charges"]])
    topics = _defendant_topics(outcomes, charges)

    people: dict[str, str] = {}  # name key -> FtM id of an exported person
    exported: set[str] = set()
    for ent in _rows(tables["entities"][READ_COLUMNS["entities"]]):
        roles = set(ent["roles"] or [])
        if ent["entity_type"] == "person":
            schema = "Person"
        elif ent["entity_type"] == "organization":
            schema = organization_schema(ent["canonical_name"], roles)
        else:
            continue  # places stay text (Event.location): no FtM entity for them
        eid = ftm_id(ent["entity_id"])
        exported.add(ent["entity_id"])
        g.get(schema, eid)
        g.add(eid, "name", ent["canonical_name"])
        g.add(eid, "weakAlias", sorted(ent["aliases"] or []))
        g.add(eid, "alias", _aliases(ent["canonical_name"], ent["variants"] or []))
        g.add(
            eid,
            "topics",
            sorted(
                {t for r in roles for t in ROLE_TOPICS.get(r, [])}
                | topics.get(ent["entity_id"], set())
            ),
        )
        g.add(
            eid,
            "proof",
            sorted(
                ftm_id(d)
                for d in mention_docs.get(ent["entity_id"], set()) | {ent["doc_id"]}
                if d in docs
            ),
        )
        if schema == "Person":
            titles = {
                r["title"]
                for r in roles_by_entity[ent["entity_id"]]
                if r["role"] == "official" and r["title"]
            }
            g.add(eid, "position", sorted(titles))
            for variant in [ent["canonical_name"], *(ent["variants"] or [])]:
                people.setdefault(_key(variant), eid)

    case_docs: dict[str, set[str]] = defaultdict(set)
    doc_cases: dict[str, set[str]] = defaultdict(set)
    for o in outcomes:
        case_docs[o["case_id"]].add(o["doc_id"])
        doc_cases[o["doc_id"]].add(o["case_id"])
    categories: dict[str, set[str]] = defaultdict(set)
    for c in charges:
        categories[c["case_id"]].add(c["category"])

    for case in _rows(tables["cases"]):
        cid = ftm_id(case["case_id"])
        g.get("CourtCase", cid)
        g.add(cid, "name", case["caption"] or f"Case of {case['defendant_name']}")
        g.add(cid, "type", "criminal")
        g.add(cid, "court", case["court"])
        g.add(cid, "status", case["status"])
        g.add(cid, "category", sorted(categories[case["case_id"]]))
        g.add(cid, "proof", sorted(ftm_id(d) for d in case_docs[case["case_id"]] if d in docs))
        if case["defendant_entity_id"] in exported:
            _party(
                g,
                case["case_id"],
                ftm_id(case["defendant_entity_id"]),
                "defendant",
                case_docs[case["case_id"]],
                docs,
            )

    for o in outcomes:
        _outcome(g, o, people, docs, exported)

    # Party roles read from a document that reports exactly one case belong to that case.
    for role in entity_roles:
        party_role = PARTY_ROLES.get(role["role"])
        cases_in_doc = doc_cases.get(role["doc_id"], set())
        if party_role and len(cases_in_doc) == 1 and role["entity_id"] in exported:
            (case_id,) = cases_in_doc
            _party(g, case_id, ftm_id(role["entity_id"]), party_role, {role["doc_id"]}, docs)

    _events(g, tables, exported, docs)
    return [g.entities[k] for k in sorted(g.entities)]


def _aliases(name: str, variants: Iterable[str]) -> list[str]:
    """Full written forms other than the canonical name (not bare surnames, no nicknames)."""
    seen = {_key(name)}
    out = []
    for v in sorted(variants):
        if len(v.split()) < 2 or any(q in v for q in '“”"') or _key(v) in seen:
            continue
        seen.add(_key(v))
        out.append(v)
    return out


def _defendant_topics(
    outcomes: list[dict[str, Any]], charges: list[dict[str, Any]]
) -> dict[str, set[str]]:
    by_outcome = defaultdict(set)
    for c in charges:
        by_outcome[c["outcome_id"]].add(c["category"])
    topics: dict[str, set[str]] = defaultdict(set)
    for o in outcomes:
        if o["outcome_type"] in GUILTY and o["defendant_entity_id"]:
            found = {CHARGE_TOPICS[c] for c in by_outcome[o["outcome_id"]] if c in CHARGE_TOPICS}
            topics[o["defendant_entity_id"]] |= found | {"crime"}
    return topics


def _article(g: _Graph, doc: dict[str, Any]) -> None:
    aid = ftm_id(doc["doc_id"])
    g.get("Article", aid)
    g.add(aid, "title", doc["title"])
    g.add(aid, "fileName", doc["source_id"])
    g.add(aid, "publishedAt", doc["published_date"])
    g.add(aid, "sourceUrl", doc["url"])
    g.add(aid, "language", doc["language"])


def _party(
    g: _Graph, case_id: str, party_id: str, role: str, doc_ids: Iterable[str], docs: dict[str, Any]
) -> str:
    pid = derived_id("party", case_id, party_id, role)
    g.get("CourtCaseParty", pid)
    g.add(pid, "case", ftm_id(case_id))
    g.add(pid, "party", party_id)
    g.add(pid, "role", role)
    g.add(pid, "proof", sorted(ftm_id(d) for d in doc_ids if d in docs))
    return pid


def _person_for(g: _Graph, name: str | None, people: dict[str, str]) -> str | None:
    """The exported person named ``name``, or a new Person for a name with no entity row."""
    if not name:
        return None
    eid = people.get(_key(name))
    if eid is None:
        eid = derived_id("person", _key(name))
        g.get("Person", eid)
        g.add(eid, "name", name)
        people[_key(name)] = eid
    return eid


def _outcome(
    g: _Graph, o: dict[str, Any], people: dict[str, str], docs: dict[str, Any], exported: set[str]
) -> None:
    oid = ftm_id(o["outcome_id"])
    verb = OUTCOME_VERBS.get(o["outcome_type"], o["outcome_type"])
    g.get("Event", oid)
    g.add(oid, "name", f"{o['defendant_name']} {verb}")
    g.add(oid, "date", o["decision_date"])
    g.add(oid, "summary", o["evidence"])
    details = describe_outcome(o)
    court = f"court: {o['court']}" if o["court"] else ""
    g.add(oid, "description", "; ".join(p for p in (verb, details, court) if p))
    g.add(oid, "keywords", ["legal_outcome", o["outcome_type"]])
    g.add(oid, "proof", [ftm_id(o["doc_id"])] if o["doc_id"] in docs else [])
    involved = []
    if o["defendant_entity_id"] in exported:
        involved.append(ftm_id(o["defendant_entity_id"]))
    # the judge's entity (casewire.resolve.judges) when exported; else a person by name
    judge = (
        ftm_id(o["judge_entity_id"])
        if o.get("judge_entity_id") in exported
        else _person_for(g, o["judge_name"], people)
    )
    if judge:
        involved.append(judge)
        g.add(judge, "topics", "role.judge")
        _party(g, o["case_id"], judge, "judge", {o["doc_id"]}, docs)
    # prosecutors and defense attorneys: their entities, linked to the case like the judge
    for role in ("prosecutor", "defense_attorney"):
        ids = o.get(f"{role}_entity_ids")
        for eid in [] if ids is None else list(ids):
            if eid in exported:
                involved.append(ftm_id(eid))
                _party(g, o["case_id"], ftm_id(eid), PARTY_ROLES[role], {o["doc_id"]}, docs)
    g.add(oid, "involved", sorted(set(involved)))
    # The outcome is part of the case: FtM links any Thing to a case through a party link.
    _party(g, o["case_id"], oid, "outcome", {o["doc_id"]}, docs)


def _events(
    g: _Graph, tables: dict[str, pd.DataFrame], exported: set[str], docs: dict[str, Any]
) -> None:
    entities = tables["entities"]
    names = dict(
        zip(entities["entity_id"].tolist(), entities["canonical_name"].tolist(), strict=True)
    )
    participants: dict[str, set[str]] = defaultdict(set)
    for p in _rows(tables["event_participants"]):
        if p["entity_id"] in exported:
            participants[p["event_id"]].add(p["entity_id"])
    evidence_docs: dict[str, set[str]] = defaultdict(set)
    for e in _rows(tables["event_evidence"][READ_COLUMNS["event_evidence"]]):
        evidence_docs[e["event_id"]].add(e["doc_id"])
    for ev in _rows(tables["events"]):
        if ev["modality"] not in EXPORTED_MODALITIES:
            continue
        eid = ftm_id(ev["event_id"])
        label = ev["event_type"].replace("_", " ")
        g.get("Event", eid)
        who = sorted(names[p] for p in participants[ev["event_id"]])
        g.add(eid, "name", f"{label}: {', '.join(who)}" if who else label)
        g.add(eid, "startDate" if ev["date_end"] else "date", ev["date"])
        g.add(eid, "endDate", ev["date_end"])
        g.add(eid, "location", ev["place"])
        g.add(eid, "summary", ev["evidence"])
        g.add(eid, "keywords", ["event", ev["event_type"]])
        g.add(eid, "involved", sorted(ftm_id(p) for p in participants[ev["event_id"]]))
        g.add(
            eid,
            "proof",
            sorted(ftm_id(d) for d in evidence_docs[ev["event_id"]] | {ev["doc_id"]} if d in docs),
        )


def entity_line(proxy: EntityProxy) -> str:
    """One canonical JSON line: keys and property values sorted."""
    data = proxy.to_dict()
    data["properties"] = {k: sorted(v) for k, v in sorted(data["properties"].items())}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_ftm(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    """Write ``entities.ftm.json`` (FtM entities as JSON lines) into ``folder``."""
    path = Path(folder) / FTM_FILE
    with open(path, "wb") as handle:  # line by line: the whole text would double memory
        for proxy in build_entities(tables):
            handle.write((entity_line(proxy) + "\n").encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    return path


def read_inputs(folder: Path) -> dict[str, pd.DataFrame]:
    """What :func:`build_entities` reads (:data:`READ_COLUMNS`), from the Parquet tables
    of a release folder."""
    return {name: read_table(folder, name, columns) for name, columns in READ_COLUMNS.items()}


def read_ftm(path: Path) -> Iterator[EntityProxy]:
    """Entities of an ``entities.ftm.json`` file, re-cleaned by the library."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield model.get_proxy(json.loads(line), cleaned=False)

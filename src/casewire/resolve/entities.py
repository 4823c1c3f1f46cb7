"""Cross-document entity resolution.

Merging rule (deterministic, and local to the names involved):

* two in-document canonical names are one entity when they have the same
  entity type and the same :func:`casewire.textnorm.name_key`
  ("García Luna" = "Garcia Luna" = "Garcia luna");
* multi-word person names whose keys differ by one edit in one word, with the
  same number of words and the same initials ("Villarreal" / "Villareal"), are
  merged too (rapidfuzz Levenshtein); single words never fuzzy-merge.

* a pseudonym ("John Doe", "Jane Doe 2") names a different person in every
  document: it is resolved within its document only, never across documents;
* so does a one-word person name ("Jones", "Mitchell", "Wyeth"): a surname or a given
  name alone says nothing of who, across documents, it is (the judges, prosecutors and
  attorneys of outcomes, resolved by court, excepted);
* a person name and a fuller writing of it ("Gordon Snow" / "Gordon M. Snow", see
  :func:`casewire.extract.names.more_specific`; within a document the fuller writing is
  the canonical name already) are one entity when something besides the name says so: a
  document names both (an outcome's "Jimmy Carter" beside the list's "Jimmy Carter,
  Jr."); both write the same middle names, spelt out or as initials, and differ only in
  how or in a suffix ("William F. Sweeney" / "William F. Sweeney Jr.": on 300 judged
  pairs, 18 such, all one person); the documents name one other person in common (a
  co-defendant, a victim; no official or court person, and no one named in more than
  ``CORROBORATION_MAX_DOCS`` documents); both play public roles (judge, prosecutor,
  official...: a career); or the surname is rarer than the census's
  ``COMMON_SURNAME_RANK`` most common, the fuller writing is the only one the release
  has, adds more than a suffix ("James Byrd" / "James Byrd Jr." may be father and son)
  and no defendant faces a public role. A short name two fuller writings fit ("John
  Smith": "John A." or "John B.") stays apart.

``entity_id = stable_id("ent", entity_type, name_key(canonical_name))`` (and the
document id for a pseudonym): it only depends on the names of the cluster, so
adding a document about someone else never changes it. ``canonical_name`` is the
most complete written form: most words, then most accented letters, then most
mentions, then alphabetical.

Judges, prosecutors and defense attorneys named on outcomes
(:mod:`casewire.resolve.judges`) are entities too: each outcome's judge (prosecutor,
attorney), by the fullest name its document and court give, is a reference with the
role ``judge`` (``prosecutor``, ``defense_attorney``), its name a candidate for
``canonical_name`` even where NER tagged a shorter form, and the full names found to
be one person are one entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from casewire.extract.mentions import common_surnames
from casewire.extract.names import more_specific, name_core, name_words
from casewire.ids import stable_id
from casewire.records import DocExtraction, Evidence, Mention
from casewire.resolve.judges import CourtNames, JudgeNames
from casewire.textnorm import name_key

#: "John Doe", "Jane Doe 2", "Baby Doe #1": a placeholder for an unnamed person.
_PSEUDONYM = re.compile(r"^(?:john|jane|baby|richard|mary)\s+does?(?:\s+(?:no\s+)?\d+)?$")
_SCOPE = " @"  # joins a pseudonym's name key and its document id in a resolution key


#: Roles whose people are named in many unrelated cases: never the evidence that two
#: writings of a name are one person.
_PUBLIC_ROLES = frozenset({"judge", "prosecutor", "defense_attorney", "investigator", "official"})
#: A person named in more documents than this is too common a sight to tie two others.
CORROBORATION_MAX_DOCS = 50


def resolution_key(
    entity_type: str, canonical: str, doc_id: str, shared: frozenset[str] = frozenset()
) -> str:
    """The name key a name is resolved by; a person pseudonym's, or a one-word person
    name's not in ``shared`` (the court people's keys), carries its document."""
    key = name_key(canonical)
    if entity_type == "person" and key not in shared and (_PSEUDONYM.match(key) or " " not in key):
        return f"{key}{_SCOPE}{doc_id}"
    return key


@dataclass(slots=True)
class _Cluster:
    entity_type: str
    keys: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    canonicals: dict[str, int] = field(default_factory=dict)  # in-doc canonical -> count
    roles: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    references: list[Evidence] = field(default_factory=list)  # facts naming it, no NER mention


class EntityResolution:
    """Entities resolved across documents, and the lookup extractors' names need."""

    def __init__(
        self,
        clusters: list[_Cluster],
        index: dict[tuple[str, str], int],
        shared: frozenset[str] = frozenset(),
    ) -> None:
        self._clusters: list[_Cluster] | None = clusters
        self._index = index  # (entity_type, name_key) -> cluster position
        self._shared = shared  # one-word person keys resolved across documents
        self._ids = [_entity_id(c) for c in clusters]

    def entity_id_for(self, doc_id: str, entity_type: str, canonical: str) -> str:
        """ID of the entity an in-document canonical name belongs to.

        ``doc_id`` is accepted so callers need not know that resolution is by
        name; a name never seen gets the ID it would have on its own.
        """
        key = resolution_key(entity_type, canonical, doc_id, self._shared)
        pos = self._index.get((entity_type, key))
        if pos is None:
            return stable_id("ent", entity_type, *key.split(_SCOPE))
        return self._ids[pos]

    def entities(self) -> list[dict]:
        """One row per entity (the ``entities`` table's columns), sorted by entity_id."""
        if self._clusters is None:
            raise RuntimeError("entity rows are made before the clusters are released")
        rows = [_row(c, eid) for c, eid in zip(self._clusters, self._ids, strict=True)]
        return sorted(rows, key=lambda r: r["entity_id"])

    def release_clusters(self) -> None:
        """Let go of the clusters, and of every mention they hold, once the entity rows
        are made; :meth:`entity_id_for` keeps answering."""
        self._clusters = None


def resolve_entities(
    extractions: Sequence[DocExtraction],
    judges: JudgeNames | None = None,
    counsel: Sequence[CourtNames] = (),
) -> EntityResolution:
    """Merge the mentions of all documents into entities (see the module rule);
    ``judges`` adds the outcomes' judges and joins the names of one judge, ``counsel``
    the same for their prosecutors and defense attorneys."""
    people = [judges or JudgeNames({}), *counsel]
    joins = [(("person", name_key(a)), ("person", name_key(b))) for p in people for a, b in p.joins]
    judge_keys = {k for pair in joins for k in pair}
    judge_keys |= {("person", name_key(n)) for p in people for n in p.names.values() if name_key(n)}
    shared = frozenset(k for _t, k in judge_keys)
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            key = resolution_key(m.entity_type, m.canonical, m.doc_id, shared)
            by_key[(m.entity_type, key)].append(m)
    roles = _person_roles(extractions, people, shared)
    fuller = _fuller_writings(_written_people(extractions, shared), roles)
    joins += fuller
    groups = _fuzzy_groups(sorted(set(by_key) | judge_keys | {k for j in fuller for k in j}), joins)
    clusters, index = [], {}
    for group in groups:
        cluster = _Cluster(entity_type=group[0][0])
        for key in group:
            cluster.keys.add(key[1])
            cluster.mentions.extend(by_key[key])
            index[key] = len(clusters)
        for m in cluster.mentions:
            cluster.canonicals[m.canonical] = cluster.canonicals.get(m.canonical, 0) + 1
            if m.alias:
                cluster.aliases.add(m.alias)
        clusters.append(cluster)
    _add_references(extractions, clusters, index, shared)
    for p in people:
        _add_court_people(extractions, p, clusters, index)
    for ex in extractions:
        for r in ex.roles:
            key = resolution_key(r.entity_type, r.canonical, r.doc_id, shared)
            pos = index.get((r.entity_type, key))
            if pos is not None:
                clusters[pos].roles.add(r.role)
    return EntityResolution(clusters, index, shared)


def _person_roles(
    extractions: Sequence[DocExtraction], people: Sequence[CourtNames], shared: frozenset[str]
) -> dict[tuple[str, str], set[str]]:
    """The roles each person key plays in some document (the court people's included)."""
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ex in extractions:
        for r in ex.roles:
            if r.entity_type == "person":
                roles[("person", resolution_key("person", r.canonical, r.doc_id, shared))].add(
                    r.role
                )
    for p in people:
        for name in p.names.values():
            roles[("person", name_key(name))].add(p.role)
    return roles


def _written_people(
    extractions: Sequence[DocExtraction], shared: frozenset[str]
) -> dict[tuple[str, str], tuple[str, set[str]]]:
    """Every person key that mentions and facts name: (a written name, its documents)."""
    out: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for ex in extractions:
        named = [(m.entity_type, m.canonical, m.doc_id) for m in ex.mentions]
        named += [(t, c, e.doc_id) for t, c, e in _references(ex)]
        for entity_type, canonical, doc_id in named:
            key = ("person", resolution_key(entity_type, canonical, doc_id, shared))
            if entity_type == "person" and key[1] and _SCOPE not in key[1]:
                out.setdefault(key, (canonical, set()))[1].add(doc_id)
    return out


def _one_person_evidence(
    a: tuple[str, str],
    b: tuple[str, str],
    people: dict[tuple[str, str], tuple[str, set[str]]],
    words: dict[tuple[str, str], tuple[str, ...]],
    witnesses: dict[tuple[str, str], set[tuple[str, str]]],
    roles: dict[tuple[str, str], set[str]],
) -> str | None:
    """Why two compatible writings of a name are one person, or None: a document names
    both; both write the same middle names (spelt out or as initials) and differ only in
    how or in a suffix; a person both documents name (no official, no court person,
    named in few documents); public roles (judge, prosecutor, official...) on both sides."""
    if people[a][1] & people[b][1]:
        return "document"
    same_middles = len(name_core(words[a])[0]) == len(name_core(words[b])[0]) >= 3
    if same_middles and not _roles_conflict(roles[a], roles[b]):
        return "middles"  # "William F. Sweeney" / "... Jr.", "Edward W." / "Edward William"
    if (witnesses[a] & witnesses[b]) - {a, b}:
        return "witness"
    if roles[a] & _PUBLIC_ROLES and roles[b] & _PUBLIC_ROLES:
        return "role"
    return None


def _roles_conflict(ra: set[str], rb: set[str]) -> bool:
    """A defendant on one side, only public roles on the other (a judge and the
    defendant of the same name are two people)."""
    return bool(
        ("defendant" in ra and rb and rb <= _PUBLIC_ROLES)
        or ("defendant" in rb and ra and ra <= _PUBLIC_ROLES)
    )


def _fuller_writings(
    people: dict[tuple[str, str], tuple[str, set[str]]],
    roles: dict[tuple[str, str], set[str]],
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs (name, fuller writing of it) that are one person (see the module rule)."""
    by_doc: dict[str, set[tuple[str, str]]] = defaultdict(set)  # doc -> its witnesses
    for k, (_w, ds) in people.items():
        if not roles[k] & _PUBLIC_ROLES and len(ds) <= CORROBORATION_MAX_DOCS:
            for d in ds:
                by_doc[d].add(k)
    words = {k: name_words(w) for k, (w, _ds) in people.items()}
    by_ends: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k, ws in words.items():
        if len(ws) >= 2:
            by_ends[(ws[0], name_core(ws)[0][-1])].append(k)
    common = common_surnames()
    pairs = []
    for (_given, surname), keys in sorted(by_ends.items()):
        if len(keys) < 2:
            continue
        witnesses = {k: set().union(*(by_doc[d] for d in people[k][1])) for k in keys}
        for short in sorted(keys):
            fuller = [f for f in keys if more_specific(words[f], words[short])]
            tops = sorted(
                f for f in fuller if not any(more_specific(words[g], words[f]) for g in fuller)
            )
            backed = [
                f for f in tops if _one_person_evidence(short, f, people, words, witnesses, roles)
            ]
            if not backed and len(tops) == 1 and surname not in common:
                # a suffix alone tells generations apart ("James Byrd" / "James Byrd Jr.")
                backed = [
                    f
                    for f in tops
                    if not _roles_conflict(roles[short], roles[f])
                    and name_core(words[f])[0] != name_core(words[short])[0]
                ]
            if len(backed) == 1:
                pairs.append((short, backed[0]))
    return pairs


def _fuzzy_groups(
    keys: list[tuple[str, str]], joins: Sequence[tuple[tuple[str, str], tuple[str, str]]] = ()
) -> list[list[tuple[str, str]]]:
    """Union of keys that are near-identical person names, and of the pairs ``joins``
    says are one (sorted input -> stable output)."""
    parent = {k: k for k in keys}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Bucket by (type, word count, initials) so only plausible pairs are compared.
    buckets: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        words = k[1].split()
        if k[0] == "person" and len(words) >= 2 and _SCOPE not in k[1]:
            buckets[(k[0], len(words), "".join(w[0] for w in words))].append(k)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if _near_same(a[1], b[1]):
                    parent[find(b)] = find(a)
    for a, b in joins:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        groups[find(k)].append(k)
    return [sorted(g) for g in sorted(groups.values())]


def _near_same(a: str, b: str) -> bool:
    """One edit in one word of at least six letters, all other words equal."""
    diffs = [(x, y) for x, y in zip(a.split(), b.split(), strict=True) if x != y]
    if len(diffs) != 1:
        return False
    x, y = diffs[0]
    return min(len(x), len(y)) >= 6 and Levenshtein.distance(x, y) <= 1


def _references(ex: DocExtraction) -> list[tuple[str, str, Evidence]]:
    """(entity_type, canonical, evidence) of every fact that names an entity."""
    refs = [(o.defendant_type, o.defendant, o.evidence) for o in ex.outcomes]
    refs += [(r.entity_type, r.canonical, r.evidence) for r in ex.roles]
    refs += [(p.entity_type, p.canonical, e.evidence) for e in ex.events for p in e.participants]
    refs += [(a.entity_type, a.canonical, a.evidence) for a in ex.ages]
    return refs


def _add_references(
    extractions: Sequence[DocExtraction],
    clusters: list[_Cluster],
    index: dict[tuple[str, str], int],
    shared: frozenset[str],
) -> None:
    """Entities that facts name but NER never tagged (an outcome's defendant found
    through "the defendant", say) still get a row, so every foreign key resolves;
    their ``n_mentions`` is 0 and their evidence is the first fact naming them."""
    for ex in extractions:
        for entity_type, canonical, evidence in _references(ex):
            key = (entity_type, resolution_key(entity_type, canonical, evidence.doc_id, shared))
            if not key[1]:
                continue
            if key not in index:
                index[key] = len(clusters)
                clusters.append(_Cluster(entity_type=entity_type, keys={key[1]}))
            cluster = clusters[index[key]]
            if not cluster.mentions:
                cluster.canonicals[canonical] = cluster.canonicals.get(canonical, 0) + 1
                cluster.references.append(evidence)


def _add_court_people(
    extractions: Sequence[DocExtraction],
    people: CourtNames,
    clusters: list[_Cluster],
    index: dict[tuple[str, str], int],
) -> None:
    """Each outcome's judge (or prosecutor, attorney: ``people.role``): a reference with
    that role, whose fullest name is a candidate for the entity's name even where NER
    tagged a shorter one."""
    for ex in extractions:
        for o in ex.outcomes:
            for name in people.names_for(o):
                key = ("person", name_key(name))
                if not key[1]:
                    continue
                cluster = clusters[index[key]]
                cluster.roles.add(people.role)
                if name not in cluster.canonicals or not cluster.mentions:
                    cluster.canonicals[name] = cluster.canonicals.get(name, 0) + 1
                if not cluster.mentions:
                    cluster.references.append(o.evidence)


def _canonical_name(c: _Cluster) -> str:
    def rank(name: str) -> tuple:
        accents = sum(1 for ch in name if ord(ch) > 127)
        return (-len(name.split()), -accents, -c.canonicals[name], name)

    return min(c.canonicals, key=rank)


def _entity_id(c: _Cluster) -> str:
    scope = [k.split(_SCOPE)[1] for k in sorted(c.keys) if _SCOPE in k][:1]
    return stable_id("ent", c.entity_type, name_key(_canonical_name(c)), *scope)


def _row(c: _Cluster, entity_id: str) -> dict:
    evidence = [
        (m.doc_id, m.evidence.start_char, m.mention_start, m.evidence) for m in c.mentions
    ] or [(e.doc_id, e.start_char, 0, e) for e in c.references]
    first = min(evidence, key=lambda t: t[:3])[3]
    canonical = _canonical_name(c)
    return {
        "entity_id": entity_id,
        "entity_type": c.entity_type,
        "canonical_name": canonical,
        "aliases": sorted(c.aliases),
        "variants": sorted({m.text for m in c.mentions} | set(c.canonicals)),
        "roles": sorted(c.roles),
        "n_mentions": len(c.mentions),
        "n_documents": len({m.doc_id for m in c.mentions} | {e.doc_id for e in c.references}),
        "doc_id": first.doc_id,
        "start_char": first.start_char,
        "end_char": first.end_char,
        "evidence": first.text,
    }

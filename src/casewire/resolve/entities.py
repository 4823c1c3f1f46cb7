"""Cross-document entity resolution.

Merging rule (deterministic, and local to the names involved):

* two in-document canonical names are one entity when they have the same
  entity type and the same :func:`casewire.textnorm.name_key`
  ("García Luna" = "Garcia Luna" = "Garcia luna");
* multi-word person names whose keys differ by one edit in one word, with the
  same number of words and the same initials ("Villarreal" / "Villareal"), are
  merged too (rapidfuzz Levenshtein); single words never fuzzy-merge.

* a pseudonym ("John Doe", "Jane Doe 2") names a different person in every
  document: it is resolved within its document only, never across documents.

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

from casewire.ids import stable_id
from casewire.records import DocExtraction, Evidence, Mention
from casewire.resolve.judges import CourtNames, JudgeNames
from casewire.textnorm import name_key

#: "John Doe", "Jane Doe 2", "Baby Doe #1": a placeholder for an unnamed person.
_PSEUDONYM = re.compile(r"^(?:john|jane|baby|richard|mary)\s+does?(?:\s+(?:no\s+)?\d+)?$")
_SCOPE = " @"  # joins a pseudonym's name key and its document id in a resolution key


def resolution_key(entity_type: str, canonical: str, doc_id: str) -> str:
    """The name key a name is resolved by; a person pseudonym's carries its document."""
    key = name_key(canonical)
    if entity_type == "person" and _PSEUDONYM.match(key):
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

    def __init__(self, clusters: list[_Cluster], index: dict[tuple[str, str], int]) -> None:
        self._clusters: list[_Cluster] | None = clusters
        self._index = index  # (entity_type, name_key) -> cluster position
        self._ids = [_entity_id(c) for c in clusters]

    def entity_id_for(self, doc_id: str, entity_type: str, canonical: str) -> str:
        """ID of the entity an in-document canonical name belongs to.

        ``doc_id`` is accepted so callers need not know that resolution is by
        name; a name never seen gets the ID it would have on its own.
        """
        key = resolution_key(entity_type, canonical, doc_id)
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
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            by_key[(m.entity_type, resolution_key(m.entity_type, m.canonical, m.doc_id))].append(m)
    joins = [(("person", name_key(a)), ("person", name_key(b))) for p in people for a, b in p.joins]
    judge_keys = {k for pair in joins for k in pair}
    judge_keys |= {("person", name_key(n)) for p in people for n in p.names.values() if name_key(n)}
    groups = _fuzzy_groups(sorted(set(by_key) | judge_keys), joins)
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
    _add_references(extractions, clusters, index)
    for p in people:
        _add_court_people(extractions, p, clusters, index)
    for ex in extractions:
        for r in ex.roles:
            pos = index.get((r.entity_type, resolution_key(r.entity_type, r.canonical, r.doc_id)))
            if pos is not None:
                clusters[pos].roles.add(r.role)
    return EntityResolution(clusters, index)


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
) -> None:
    """Entities that facts name but NER never tagged (an outcome's defendant found
    through "the defendant", say) still get a row, so every foreign key resolves;
    their ``n_mentions`` is 0 and their evidence is the first fact naming them."""
    for ex in extractions:
        for entity_type, canonical, evidence in _references(ex):
            key = (entity_type, resolution_key(entity_type, canonical, evidence.doc_id))
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

"""The seed release holds the facts the foundation issue lists, each with evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from casewire.textnorm import name_key

PEOPLE = [
    "Genaro Garcia Luna",
    "Brian Cogan",
    "Breon Peace",
    "Saritha Komatireddy",
    "Felipe Calderon",
    "Anne Milgram",
    "Pablo Gomez",
    "Joaquin Guzman",
    "Jesus Zambada",
    "Sergio Villarreal Barragan",
    "Oscar Valencia",
]
ORGS = ["Sinaloa Cartel", "Drug Enforcement Administration", "Federal Investigation Agency"]
FURNITURE = ["ukraine", "australia", "northern territory"]


def _entity(tables, name: str, entity_type: str) -> pd.Series:
    ents = tables["entities"]
    rows = ents[
        (ents.entity_type == entity_type) & (ents.canonical_name.map(name_key) == name_key(name))
    ]
    assert len(rows) == 1, f"{name!r}: {len(rows)} {entity_type} rows"
    return rows.iloc[0]


@pytest.mark.parametrize("name", PEOPLE)
def test_each_person_is_one_entity(seed_tables, name: str) -> None:
    _entity(seed_tables, name, "person")


@pytest.mark.parametrize("name", ORGS)
def test_each_organization_is_one_entity(seed_tables, name: str) -> None:
    _entity(seed_tables, name, "organization")


@pytest.mark.parametrize(
    ("name", "alias"),
    [("Joaquin Guzman", "El Chapo"), ("Jesus Zambada", "Rey"), ("Oscar Valencia", "Lobo")],
)
def test_aliases_are_kept_on_the_person(seed_tables, name: str, alias: str) -> None:
    assert alias in list(_entity(seed_tables, name, "person").aliases)
    persons = seed_tables["entities"].query("entity_type == 'person'")
    assert name_key(alias) not in set(persons.canonical_name.map(name_key))


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Genaro Garcia Luna", "defendant"),
        ("Brian Cogan", "judge"),
        ("Breon Peace", "prosecutor"),
        ("Saritha Komatireddy", "prosecutor"),
        ("Jesus Zambada", "witness"),
        ("Sergio Villarreal Barragan", "witness"),
        ("Oscar Valencia", "witness"),
    ],
)
def test_roles(seed_tables, name: str, role: str) -> None:
    entity = _entity(seed_tables, name, "person")
    roles = seed_tables["entity_roles"]
    assert role in set(roles[roles.entity_id == entity.entity_id].role)


def test_garcia_luna_variants_resolve_to_one_entity(seed_tables) -> None:
    entity = _entity(seed_tables, "Genaro Garcia Luna", "person")
    mentions = seed_tables["mentions"]
    texts = set(mentions[mentions.entity_id == entity.entity_id].text)
    assert {"Genaro Garcia Luna", "Garcia Luna", "Garcia luna"} <= texts


def test_no_entity_from_site_furniture(seed_tables) -> None:
    names = " | ".join(seed_tables["entities"].canonical_name.map(name_key))
    assert not [f for f in FURNITURE if f in names]


def _outcomes(tables, name: str, outcome_type: str) -> pd.DataFrame:
    out = tables["legal_outcomes"]
    return out[
        (out.defendant_name.map(name_key).str.contains(name_key(name)))
        & (out.outcome_type == outcome_type)
    ]


def test_garcia_luna_sentence(seed_tables) -> None:
    rows = _outcomes(seed_tables, "Garcia Luna", "sentenced")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.decision_date == "2024-10-17"
    assert (row.sentence_min_months, row.sentence_max_months) == (460, 460)
    assert not row.life_sentence
    assert row.fine_usd == 2_000_000
    assert row.judge_name == "Brian Cogan"
    assert "Brooklyn" in row.court


def test_prosecutors_request_for_life_is_not_a_life_sentence(seed_tables) -> None:
    out = seed_tables["legal_outcomes"]
    garcia = out[out.defendant_name.map(name_key).str.contains("garcia luna")]
    assert not garcia.life_sentence.any()


def test_garcia_luna_conviction(seed_tables) -> None:
    rows = _outcomes(seed_tables, "Garcia Luna", "convicted")
    dated = rows[rows.decision_date == "2023-02-21"]
    assert len(dated) == 1
    row = dated.iloc[0]
    assert row.conviction_method == "jury"
    assert row.counts == 5
    assert "Brooklyn" in row.court
    charges = seed_tables["charges"]
    texts = " | ".join(charges[charges.case_id == row.case_id].charge_text)
    assert "conspiracy to distribute cocaine" in texts
    assert "continuing criminal enterprise" in texts


def test_minimum_sentence_faced_is_not_a_sentence(seed_tables) -> None:
    out = seed_tables["legal_outcomes"]
    assert not (out.sentence_min_months == 120).any()


def test_guzman_life_sentence(seed_tables) -> None:
    rows = _outcomes(seed_tables, "Guzman", "sentenced")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.life_sentence
    assert pd.isna(row.sentence_min_months) and pd.isna(row.sentence_max_months)


def test_garcia_luna_outcomes_share_one_case(seed_tables) -> None:
    out = seed_tables["legal_outcomes"]
    garcia = out[out.defendant_name.map(name_key).str.contains("garcia luna")]
    assert len(garcia) >= 2 and garcia.case_id.nunique() == 1


def test_arrest_in_texas_in_december_2019(seed_tables) -> None:
    ev = seed_tables["events"]
    arrests = ev[(ev.event_type == "arrest") & (ev.date == "2019-12")]
    assert len(arrests) == 1
    assert arrests.iloc[0].date_precision == "month"
    assert arrests.iloc[0].place == "Texas"


def test_closing_argument_dated(seed_tables) -> None:
    ev = seed_tables["events"]
    assert (ev.date == "2023-02-15").any()


def test_conviction_event_merged_across_both_seeds(seed_tables) -> None:
    ev, evidence = seed_tables["events"], seed_tables["event_evidence"]
    convictions = ev[(ev.event_type == "conviction") & (ev.n_documents == 2)]
    assert len(convictions) == 1
    rows = evidence[evidence.event_id == convictions.iloc[0].event_id]
    assert rows.doc_id.nunique() == 2


FACT_TABLES = [
    "mentions",
    "entities",
    "entity_roles",
    "events",
    "event_evidence",
    "legal_outcomes",
    "charges",
]


@pytest.mark.parametrize("table", FACT_TABLES)
def test_evidence_is_the_document_text_at_its_offsets(seed_tables, table: str) -> None:
    texts = seed_tables["documents"].set_index("doc_id").text
    frame = seed_tables[table]
    assert len(frame) > 0
    for row in frame.itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == row.evidence


@pytest.mark.parametrize(
    ("phrase", "modality"),
    [
        ("Prosecutors had aimed for a life sentence", "requested"),
        ("had pleaded not guilty", "negated"),
        ("faces a minimum sentence of 10 years", "potential"),
    ],
)
def test_non_facts_are_flagged_not_counted(seed_tables, phrase: str, modality: str) -> None:
    ev = seed_tables["events"]
    flagged = ev[ev.evidence.str.contains(phrase, regex=False)]
    assert modality in set(flagged.modality), set(flagged.modality)
    assert "asserted" not in set(flagged[flagged.event_type.isin(["sentencing", "plea"])].modality)

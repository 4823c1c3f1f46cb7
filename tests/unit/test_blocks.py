"""Block zones: case blocks under a name heading, clemency records, list-line names."""

from casewire.extract.blocks import block_lines, case_blocks, disjoint, is_name_line, records

CASE = (
    "Annual Report 2023\n"
    "The division tried more cases than in any year before.\n"
    "Case Spotlight\n"
    "Maria Delgado\n"
    "Aggravated Robbery\n"
    "Investigating Agency: Garland Police Department\n"
    "The defendant robbed a store clerk at gunpoint and fled in a stolen truck before\n"
    "officers found her two days later.\n"
    "GUILTY and sentenced to 30 years in prison\n"
    "\n"
    "Civil Division\n"
    "The division advises county officials on legal matters.\n"
)


def test_case_block_owns_its_outcome_line():
    blocks = disjoint([b for b in case_blocks(CASE) if b.name != "Case Spotlight"])
    assert [b.name for b in blocks] == ["Maria Delgado"]
    (b,) = blocks
    assert [CASE[s:e] for s, e in b.outcome_lines] == ["GUILTY and sentenced to 30 years in prison"]
    assert CASE[slice(*b.cells[0])] == "Aggravated Robbery"


def test_name_line_and_caption():
    assert is_name_line("State v. Darryl Moss")
    assert not is_name_line("The defendant was sentenced.")
    assert not is_name_line("CAPITAL MURDER")


def test_cleaning_keeps_block_headings():
    lines = CASE.split("\n")
    assert {lines[i] for i in block_lines(lines)} >= {"Maria Delgado", "Aggravated Robbery"}


PARDONS = (
    "WASHINGTON\n"
    "Today President Barack Obama granted pardons to the following individuals:\n"
    "- Henry Carl Olsen - Boise, Idaho\n"
    "Offense: Theft of mail; 18 U.S.C. 1708.\n"
    "Sentence: May 2, 1979; District of Idaho; two years of probation.\n"
    "- Ruth Ann Pike - Lima, Ohio.\n"
    "Offense: Bank embezzlement; 18 U.S.C. 656.\n"
    "Sentence: June 9, 1988; Northern District of Ohio; one year in prison.\n"
)


def test_records():
    recs = records(PARDONS)
    assert [PARDONS[slice(*r.head)] for r in recs] == [
        "- Henry Carl Olsen - Boise, Idaho",
        "- Ruth Ann Pike - Lima, Ohio.",
    ]
    assert PARDONS[slice(*recs[1].sentence)].startswith("Sentence: June 9, 1988")


def _outcomes(nlp, text, date):
    from casewire.extract import extract_document
    from casewire.ingest.documents import documents_from_records

    docs, _ = documents_from_records([{"id": "t/x", "office": "doj_opa", "date": date,
                                       "text": text}], "t")  # fmt: skip
    return extract_document(nlp(docs[0].text), docs[0]).outcomes


def test_block_and_record_outcomes(nlp):
    got = {(o.defendant, o.outcome_type): o for o in _outcomes(nlp, CASE, "2024-01-10")}
    assert got[("Maria Delgado", "sentenced")].sentence_max_months == 360
    assert ("Maria Delgado", "convicted") in got
    assert not any(n in ("GUILTY", "Case Spotlight") for n, _ in got)
    got = {(o.defendant, o.outcome_type): o for o in _outcomes(nlp, PARDONS, "2010-12-03")}
    assert got[("Ruth Ann Pike", "sentenced")].decision_date == "1988-06-09"
    assert got[("Ruth Ann Pike", "sentenced")].sentence_max_months == 12
    assert got[("Henry Carl Olsen", "other")].decision_date == "2010-12-03"


def test_names_glued_across_list_lines(nlp):
    text = (
        "Eleven men pleaded guilty to loitering charges.\n"
        "Alfred Lua, 26, Buena Park\n"
        "Alejandro Mora, 25, Anaheim\n"
        "Tagged with:\n"
        "Miguel Villagomez\n"
        "Roderick Kent Jerro\n"
    )
    from casewire.extract.mentions import extract_mentions
    from casewire.ingest.documents import documents_from_records

    docs, _ = documents_from_records([{"id": "t/y", "office": "orange_ca", "date": "2018-01-01",
                                       "text": text}], "t")  # fmt: skip
    names = {m.text for m in extract_mentions(nlp(docs[0].text), docs[0])}
    assert not any("\n" in n and ("Mora" in n or "Jerro" in n) for n in names)
    assert "Buena Park Alejandro Mora" not in names
    assert "Miguel Villagomez Roderick Kent Jerro" not in names


# Paraphrased from annual-report case spotlights: a narrative that tells what the
# defendant did ("The defendant was speeding ...") before the outcome line, an outcome
# told with "the defendant" as its object, a heading parsed onto the charge line under it.
SPOTLIGHTS = (
    "Vehicular Crimes Unit\n"
    "Case Spotlight\n"
    "Darnell Whitaker\n"
    "Murder\n"
    "The defendant was driving twice the speed limit when he ran a red light at an\n"
    "intersection and struck a car turning home; he fled the scene on foot.\n"
    "GUILTY and sentenced to 45 years in prison\n"
    "\n"
    "Case Spotlight\n"
    "Rosa Whitfield\n"
    "DWI\n"
    "Investigating Agency: Mesquite Police Department\n"
    "The defendant raced another driver on the interstate and forced her off the road.\n"
    "After considering the defendant's lack of any criminal history,\n"
    "Judge Alma Brooks sentenced Defendant to 24 months' probation + $1500 Fine + Interlock\n"
    "+ Standard Conditions.\n"
    "\n"
    "Media contacts\n"
    "Lena Marsh\n"
    "Spokesperson\n"
    "Office: 214-555-0199\n"
    "*Defendant was previously convicted of robbery in 2004\n"
)


def test_block_outcome_lines_are_outcomes_not_narrative():
    got = {b.name: [SPOTLIGHTS[s:e] for s, e in b.outcome_lines] for b in case_blocks(SPOTLIGHTS)}
    assert got["Darnell Whitaker"] == ["GUILTY and sentenced to 45 years in prison"]
    assert got["Rosa Whitfield"] == [
        "Judge Alma Brooks sentenced Defendant to 24 months' probation + $1500 Fine + Interlock"
    ]
    assert "Lena Marsh" not in got  # a spokesperson's contact block, and a history line


def test_spotlight_outcomes(nlp):
    got = {(o.defendant, o.outcome_type): o for o in _outcomes(nlp, SPOTLIGHTS, "2024-02-01")}
    assert got[("Darnell Whitaker", "sentenced")].sentence_max_months == 540
    assert ("Darnell Whitaker", "convicted") in got
    perez = got[("Rosa Whitfield", "sentenced")]
    assert perez.probation_months == 24 and perez.fine_usd == 1500
    assert not any(n == "Lena Marsh" for n, _ in got)

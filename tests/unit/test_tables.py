"""Table zones: rows of defendants read as rows (paraphrased corpus layouts)."""

from casewire.extract.tables import is_row_head, table_rows
from casewire.ingest.clean import clean_page

OC_TABLE = """FOUR MEN CONVICTED OF AGREEING TO ENGAGE IN PROSTITUTION
SANTA ANA, Calif. – The Office convicted four men in May of agreeing to engage in prostitution.
Defendant
Conviction
Sentence
Daniel Alvarez Ruiz, 41, Fullerton
Pleaded guilty to one misdemeanor count of agreeing to engage in prostitution
Thirty days in jail, three years informal probation, and must submit a DNA sample
Mark Lee, 37, Irvine
Pleaded guilty to one misdemeanor count of agreeing to engage in prostitution
Ten days of community service in lieu of jail, three years informal probation
Tom Orr, 52, Anaheim
Found guilty by a jury on May 3, 2016, of one misdemeanor count of agreeing to engage in prostitution
Ninety days in jail and three years informal probation
The Office posts the booking photos of defendants on its website, where they can be found by the public at any time.
"""


def test_row_heads():
    assert is_row_head("Daniel Alvarez Ruiz, 41, Fullerton")
    assert is_row_head("- Kim E. Hawkins, 46, of Phoenix, Arizona;")
    assert is_row_head("Milton Smith, Jr., 34, of Lorton, Virginia")
    assert not is_row_head("SIX MEN CONVICTED OF LOITERING, 2015, ORANGE")
    assert not is_row_head("Daniel Ruiz, 41, Fullerton, pleaded guilty to one count of theft.")


def test_cleaning_keeps_table_rows():
    text = clean_page(OC_TABLE).text
    assert "Daniel Alvarez Ruiz, 41, Fullerton" in text  # not a menu run
    assert text.count("Pleaded guilty to one misdemeanor count") == 2  # not a repeated headline


def test_table_rows_cells():
    text = clean_page(OC_TABLE).text
    rows = table_rows(text)
    assert [r.name for r in rows] == ["Daniel Alvarez Ruiz", "Mark Lee", "Tom Orr"]
    assert all(len(r.cells) == 2 for r in rows)  # the closing paragraph is no cell
    assert text[rows[0].start : rows[0].end].startswith("Daniel Alvarez Ruiz, 41")


def test_table_outcomes(nlp):
    from casewire.extract import extract_document
    from casewire.ingest.documents import documents_from_records

    docs, _ = documents_from_records(
        [{"id": "t/table", "office": "orange_ca", "date": "2016-06-01", "text": OC_TABLE}], "t"
    )
    doc = nlp(docs[0].text)
    got = {(o.defendant, o.outcome_type): o for o in extract_document(doc, docs[0]).outcomes}
    assert ("Daniel Alvarez Ruiz", "pleaded_guilty") in got
    assert got[("Daniel Alvarez Ruiz", "sentenced")].sentence_max_months == 1
    assert got[("Daniel Alvarez Ruiz", "sentenced")].probation_months == 36
    assert got[("Mark Lee", "sentenced")].sentence_max_months is None
    assert got[("Tom Orr", "convicted")].conviction_method == "jury"
    assert got[("Tom Orr", "convicted")].decision_date == "2016-05-03"
    # no trigger inside a row goes to a city; (a headline's "FOUR MEN CONVICTED" read as
    # prose may still pick a wrong name: a known gap of group subjects, not of tables)
    in_rows = [
        o
        for o in got.values()
        if o.evidence.text[:1] in "DMT"
        and "\nPleaded" in o.evidence.text
        or "\nFound" in o.evidence.text
    ]
    assert in_rows and not any(o.defendant in ("Fullerton", "Irvine", "Anaheim") for o in in_rows)

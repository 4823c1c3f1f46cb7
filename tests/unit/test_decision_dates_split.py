"""Decision dates that split one decision into several (issue 19: the case-level table
holds each case x outcome x decision once). Real spaCy model; texts from the corpus,
names kept where the release writes them."""

from __future__ import annotations

import re

import pytest

from casewire.extract.outcome_dates import decision_date


def _date(nlp, text: str, trigger: str, published: str) -> str | None:
    doc = nlp(text)
    m = re.search(trigger, text)
    assert m is not None
    sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")[0].sent
    s, e = m.start() - sent.start_char, m.end() - sent.start_char
    tok = next(t for t in sent if s <= t.idx - sent.start_char < e)
    return decision_date(sent, (s, e), tok, published)


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        # a date opening the clause dates every outcome coordinated after it, comma or not
        ("On Dec. 16, 2008, Sharp Corp. pleaded guilty to three separate conspiracies to fix "
         "the prices of TFT-LCD panels sold to Dell Inc., Apple Computer Inc., and Motorola "
         "Inc., and was sentenced to pay a $120 million criminal fine.", "sentenced",
         "2009-02-03", "2008-12-16"),
        ("On Dec. 16, 2008, Sharp Corp. pleaded guilty to three separate conspiracies to fix "
         "the prices of TFT-LCD panels sold to Dell Inc., Apple Computer Inc., and Motorola "
         "Inc., and was sentenced to pay a $120 million criminal fine.", "pleaded",
         "2009-02-03", "2008-12-16"),
        # ... but not a date written after the first outcome ("pleaded guilty on Jan. 8,
        # 2010, and was sentenced"): that one is the plea's
        ("John Doe pleaded guilty on Jan. 8, 2010, and was sentenced to 10 years in prison.",
         "sentenced", "2010-06-01", None),
        # the day a sentencing is scheduled for is nobody's decision
        ("A co-defendant, Malik Peters, 19, was convicted of the same charges by a different "
         "jury and is scheduled to be sentenced on February 27, 2018.", "convicted",
         "2018-02-13", None),
        ("Laterrica Woods also pleaded guilty to a civil rights conspiracy and is scheduled to "
         "be sentenced in March 2009.", "pleaded", "2009-02-05", None),
    ],
)  # fmt: skip
def test_dates_of_coordinated_and_scheduled_outcomes(
    nlp, text: str, trigger: str, published: str, expected: str | None
) -> None:
    assert _date(nlp, text, trigger, published) == expected

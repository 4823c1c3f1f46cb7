"""The dataset card's fixed prose: limitations, known error classes, personal data.

Kept apart from the card's code so that it reads (and is reviewed) as text.
"""

LIMITATIONS = """## Limitations and known error classes

- Every row is read by rules and a small statistical model from text written for
  readers, not for databases: read the `evidence` passage before relying on a value.
- `legal_outcomes` has one row per defendant, outcome and *document*: a sentencing
  reported by several articles is several rows. For case-level questions use
  `case_outcomes` (one row per case, outcome type and decision; its reports point to
  it by `case_outcome_id`). Two reports are one decision when their case and type
  match and their dates agree or one is missing (a date that is only the article's
  publication day joins an earlier decision); a misread date can split one decision
  in two, or join two, and values the reports disagree on are named in `conflicts`.
- Names: a judge or official is often named by surname only ("Judge Smith"); a judge
  (prosecutor, defense attorney) takes the full name the same document or the same
  court's other reports give, and keeps the surname alone when neither does. One
  person can be split into two entities (a middle initial, a misspelling) or be typed
  as an organization; two people with one name can be merged.
- `charge_category` on outcomes and cases is the most serious category of their
  charges by a fixed order (`CHARGE_SEVERITY`); a case-level sentence with no charge
  of its own takes the case's charges, which may include counts later dropped.
- Attribution: in an article about several defendants, a term, a fine or an age can
  be attached to the wrong one.
- Dates: `decision_date` keeps the precision the text gives it, named in
  `decision_date_precision`: a day, a month ("in December 2009", "last March": a month
  without a year is the latest one before publication) or a year ("in 2009"); it is
  empty where the text gives no date of the decision or only a vague one ("last
  week"). Compare dates on their common precision. `decision_date_source` says how
  an outcome's date was obtained: only `written` (and `lead`, from an earlier sentence)
  dates are told as the outcome's own; `announced` (the day of the verb telling it) and
  `release_day` (the publication day a present tense gives) are the release's day, which
  a release retelling old history also carries. `published_date` is missing for some
  sources.
- Prosecutors and defense attorneys (`prosecutor_names`, `defense_attorney_names`) are
  the people a document names as prosecuting its case ("Assistant U.S. Attorney X is
  prosecuting the case") or defending a defendant; the official who announces the
  outcome is the `announcer`. A release covering several cases gives each outcome the
  prosecutors named after it; defense attorneys are rarely named in press releases.
- Charges: not every outcome has a charge row, and a charge category comes from the
  words of the charge, not from a statute table.
- Languages: English and Spanish documents are read (Spanish with its own, smaller
  rule set: no courts or charges yet); documents in other languages are rejects.
- Coverage follows the input: what the sources did not publish is not here, and the
  tables say nothing about cases outside them.
"""

PERSONAL_DATA = """## Personal data

The tables name people: defendants, victims, witnesses, judges, prosecutors, defense
attorneys and officials, with the ages, roles and outcomes the sources state, and the
sentence each fact was read from. Everything comes from documents already published
by government offices or news outlets; nothing is added from other sources, and no
address, contact detail or identifier beyond what those passages contain is kept.
Victims and witnesses appear only as the sources name them.

Being named here is not a finding of guilt: a `charged` outcome is an accusation, and
later outcomes (acquittal, dismissal) may be missing. Use the data for research and
reporting on the justice system, not to make decisions about individuals.

To ask for a person's removal, open an issue in the casewire repository (or write to
its maintainers) naming the release, the `doc_id` or `source_id` and the rows. The
source document is then removed from the inputs, so the next release holds none of its
rows (its `delta/` lists them as deleted); published releases are immutable, so the
maintainers withdraw the affected releases from wherever they host them.
"""

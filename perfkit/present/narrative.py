"""Plain British English from the quarter's figures.

Numbers come from a :class:`~perfkit.analyse.figures.Figures` only: this module words
them, it never counts. Sentences start with a number in words ("Nine milestones
are ..."), numerals are used elsewhere, plurals agree, and percentages are as in
the summary (whole numbers, rounded half up).

Examples
--------
>>> from perfkit.present.narrative import number_words, plural
>>> number_words(9), number_words(38), plural(1, "milestone"), plural(2, "measure")
('nine', 'thirty-eight', '1 milestone', '2 measures')
"""

from __future__ import annotations

import re


import pandas as pd

from perfkit.core.periods import period_label
from perfkit.analyse.summarise import ALL
from perfkit.present.text import made_up, plural, whole_percent
from perfkit.present.text import group_noun
from perfkit.analyse.figures import priority_facts
from perfkit.present.text import amount_text
from perfkit.analyse.figures import against_last_year, comparator_counts, measure_facts, measure_position, milestone_position
from perfkit.analyse.summarise import summary_table

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """A whole number in words, British style (``one hundred and five``), up to 999,999."""
    n = int(n)
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + number_words(rest) if rest else "")
    if n < 1_000_000:
        rest = n % 1000
        joiner = " and " if 0 < rest < 100 else (", " if rest else "")
        return number_words(n // 1000) + " thousand" + (joiner + number_words(rest) if rest else "")
    return f"{n:,}"


def sentence_start(n: int, word: str, plural_word: str | None = None) -> str:
    """The start of a sentence: ``Nine milestones``, ``One measure``."""
    text = number_words(n) if n < 1000 else f"{n:,}"
    return f"{text[0].upper()}{text[1:]} {word if n == 1 else (plural_word or word + 's')}"


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def _join(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _join_or(items: list[str]) -> str:
    """``in progress or ongoing``; ``a, b or c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count_start(n: int) -> str:
    """A count at the start of a sentence: ``Eight``, ``1,200``."""
    return _cap(number_words(n)) if n < 1000 else f"{n:,}"


def _quote(text, limit: int = 160) -> str:
    """A commentary as a short quotation (first sentence, cut at a word with an ellipsis when long)."""
    t = " ".join(str(text or "").split())
    if not t:
        return ""
    first = t.split(". ")[0].rstrip(".")
    if not re.search(r"\w", first):  # '...', '-': nothing said
        return ""
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + "\u2026"
    return f"\u2018{first}\u2019"


def _status_list(counts: dict, statuses, with_share=None) -> list[str]:
    out = []
    for st in statuses:
        n = counts.get(st, 0)
        if n:
            out.append(f"{n:,} {st.lower()}")
    return out


UNRATED_WORDS = {"Not started": "not yet started", "Not due": "not yet due", "Data only": "reported for information only",
                 "No data": "without a figure this quarter", "Not applicable": "marked not applicable"}


def _unrated_words(counts: dict, scale) -> str:
    return _join([f"{counts[st]:,} {UNRATED_WORDS.get(st, st.lower())}" for st in scale.unrated if counts.get(st, 0)])


def _dedupe(paragraphs: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """Join each paragraph's sentences; a sentence already said elsewhere is said again only with its priority's name."""
    seen: set[str] = set()
    out = []
    for name, sentences in paragraphs:
        kept = []
        for sentence in sentences:
            if sentence in seen:
                named = re.sub(r"\bunder this (\w+(?: \w+)?)\b", lambda m: f"under {name}", sentence, count=1)
                sentence = named if named != sentence else f"Under {name}, {sentence[:1].lower()}{sentence[1:]}"
            seen.add(sentence)
            kept.append(sentence)
        out.append((name, " ".join(kept)))
    return out


def overall_paragraph(fig) -> str:
    """Where the milestones stand overall this quarter, in a monitoring report's words.

    Examples
    --------
    >>> overall_paragraph(fig)  # doctest: +SKIP
    'Of the 38 milestones in the plan for 2023/24 Q2, 30 (79%) are progressing well: 25 green and 5 complete. ...'
    """
    h = fig.headline("milestones")
    if not h:
        return ""
    s = fig.milestone_summary
    overall = s[(s.iloc[:, 0] == ALL) & (s["count"] > 0)]
    counts = {str(r.status): int(r.count) for r in overall.itertuples()}
    shares = {str(r.status): r.percent_text for r in overall.itertuples()}
    n, rated, good = h["total"], h["rated"], h["good"]
    label = fig.label
    if not rated:
        return f"None of the {plural(n, 'milestone')} reported for {label} has a rated status yet."
    good_parts = _status_list(counts, fig.scale.good)
    text = f"Of the {plural(n, 'milestone')} reported for {label}, {good:,} ({h['percent_text']}) {_is_are(good)} progressing well"
    text += f": {_join(good_parts)}." if len(good_parts) > 1 else "."
    behind = [st for st in reversed(fig.scale.rated) if st not in fig.scale.good and counts.get(st, 0)]
    if behind:
        parts = [f"{counts[st]:,} ({shares[st]}) {_is_are(counts[st])} {st.lower()}" for st in behind]
        first = behind[0]
        parts[0] = f"{_count_start(counts[first])} ({shares[first]}) {_is_are(counts[first])} {first.lower()}"
        text += f" {_join(parts)}."
    else:
        text += " None is amber or red."
    unrated = n - rated
    if unrated:
        text += f" Not rated, and left out of the percentages: {_unrated_words(counts, fig.scale)}."
    return text


def priority_paragraphs(fig) -> list[tuple[str, str]]:
    """One paragraph per priority, in a monitoring report's voice: (priority, text).

    Each says how many milestones are on track, what moved and why (quoting the
    commentary), what needs attention, and how the priority's measures stand. All
    numbers come from :func:`perfkit.analyse.figures.priority_facts`.
    """


    prev = fig.period_text(fig.previous)
    out = []
    noun = group_noun(fig.milestone_summary) or "priority"
    for name, f in priority_facts(fig).items():
        total, rated, good = f["total"], f["rated"], f["good"]
        said = []
        if not total:  # a group only measures are in: its measures' sentence alone
            pass
        elif rated:
            if rated < total and rated == 1:  # one rated: whether it is, never "1 of it (100%)"
                text = (f"Of the {plural(total, 'milestone')} under this {noun}, 1 is rated this {fig.span} and it "
                        f"{'is' if good else 'is not'} progressing well")
            elif rated < total:  # the percentage is of the rated ones: say so, rather than seem to be of them all
                text = (f"Of the {plural(total, 'milestone')} under this {noun}, {rated:,} {_is_are(rated)} rated this {fig.span} "
                        f"and {good:,} of them ({f['percent_text']}) {_is_are(good)} progressing well")
            else:
                text = f"Of the {plural(total, 'milestone')} under this {noun}, {good:,} ({f['percent_text']}) {_is_are(good)} progressing well"
            behind = [st for st in reversed(fig.scale.rated) if st not in fig.scale.good and f["counts"].get(st, 0)]
            if behind:
                text += ", while " + _join([f"{f['counts'][st]:,} {_is_are(f['counts'][st])} {st.lower()}" for st in behind]) + "."
            else:
                text += ", and none is amber or red."
            if rated < total and _unrated_words(f["counts"], fig.scale):
                text += f" Not rated: {_unrated_words(f['counts'], fig.scale)}."
        else:
            text = f"None of the {plural(total, 'milestone')} under this {noun} has a rated status this {fig.span}."
        if total:
            said.append(text)
        imp, dec = f["improved"], f["declined"]
        if len(imp) == 1:
            r = imp.iloc[0]
            why = _quote(r.get("commentary"))
            said.append(f"{_cap(str(r['title']))} moved up from {str(r['last_status']).lower()} to {str(r['status']).lower()} since {prev}"
                        + (f" ({why})." if why else "."))
        elif len(imp) > 1:
            said.append(f"{_count_start(len(imp))} milestones improved their status since {prev}.")
        red = f["red"]
        # A red milestone that slipped is said once: its slip, its lead and the committee's attention in one sentence.
        red_ids = set(red["milestone_id"]) if "milestone_id" in red else set()
        if len(dec):
            slipped_red = dec[dec["milestone_id"].isin(red_ids)] if "milestone_id" in dec else dec.iloc[0:0]
            r = (slipped_red if len(slipped_red) else dec).iloc[0]
            why = _quote(r.get("commentary"))
            named_red = bool(len(slipped_red))
            lead = _lead_phrase(r)
            if len(dec) == 1:
                text = f"{_cap(str(r['title']))} slipped from {str(r['last_status']).lower()} to {str(r['status']).lower()}"
            else:
                text = f"{_count_start(len(dec))} slipped back since {prev}, among them {r['title']}"
                if named_red:
                    text += ", now red,"
            if named_red:
                text += f" and needs the committee's attention{lead}"
            said.append(text + (f": {why}." if why else "."))
            if named_red:
                red = red[red["milestone_id"] != r["milestone_id"]]
                if len(red):
                    said.append(f"{_count_start(len(red))} other milestone{'s' if len(red) != 1 else ''} here {'is' if len(red) == 1 else 'are'} red.")
                red = red.iloc[0:0]
        if len(red):
            r = red.iloc[0]
            more = f", one of {len(red):,} red milestones here," if len(red) > 1 else ""
            said.append(f"{_cap(str(r['title']))}{_lead_phrase(r)}{more} needs the committee's attention.")
        if f["overdue"]:
            n = f["overdue"]
            said.append(f"{_count_start(n)} milestone{'s' if n != 1 else ''} {'is' if n == 1 else 'are'} past {'its' if n == 1 else 'their'} due date.")
        m = f.get("measures")
        if m and m["rated"]:
            met, rated_m = m["met"], m["rated"]
            figured = " and a figure" if m.get("no_figure") else ""  # one with a target but no figure is not among them
            # rated by the service's own status where there is no target to measure them by
            figured = " rated by the service" if m.get("no_target", 0) >= rated_m else f" with a target{figured}" + (" or the service's rating" if m.get("no_target") else "")
            if rated_m == 1:
                text = f"Its one measure{figured} is {'' if met else 'not '}on target"
            elif not met:
                text = f"None of its {rated_m:,} measures{figured} is on target"
            else:
                text = f"{_count_start(met)} of its {rated_m:,} measures{figured} {_is_are(met)} on target"
            w = m["worst"]
            if w is not None:
                text += f"; {w['name']} is furthest off, at {amount_text(w['actual'], w['unit'])} against a target of {amount_text(w['target'], w['unit'])}."
            else:
                text += "."
            said.append(text)
        out.append((str(name), said))
    return _dedupe(out)


def _lead_phrase(row) -> str:
    """`` (lead: Head of Housing)`` for a milestone with a lead, else nothing."""
    lead = str(row.get("lead") or "").strip()
    return f" (lead: {lead})" if lead and lead.lower() != "nan" else ""


def _target_text(row) -> str:
    """A measure's target in a sentence: its figure, or its range (``68% to 72%``)."""
    target = row.get("target")
    if target is not None and target == target:
        return amount_text(target, row.get("unit", ""))
    low, high = row.get("target_low"), row.get("target_high")
    if low is not None and high is not None and low == low and high == high:
        return f"{amount_text(low, row.get('unit', ''))} to {amount_text(high, row.get('unit', ''))}"
    return amount_text(target, row.get("unit", ""))


def _named(row) -> str:
    """A measure as a sentence names it: its name, else its reference (never a gap: 'Furthest from target is , at')."""
    name = str(row.get("name") or "").strip()
    return name if name and name.lower() != "nan" else str(row.get("measure_id") or "a measure with no name")


def good_words(scale) -> list[str]:
    """The statuses a measure is good at, as a sentence names them: Green (never Complete: a measure is never finished)."""
    return [st for st in scale.good if st not in scale.complete] or list(scale.good)


def measures_paragraph(fig) -> str:
    """How the measures stand against target, what moved since last quarter, and the one furthest off (with why)."""

    h = fig.headline("measures")
    if not h:
        return ""
    s = fig.measure_summary
    overall = s[(s.iloc[:, 0] == ALL) & (s["count"] > 0)]
    counts = {str(r.status): int(r.count) for r in overall.itertuples()}
    shares = {str(r.status): r.percent_text for r in overall.itertuples()}
    n, rated, good = h["total"], h["rated"], h["good"]
    label = fig.label
    mf = measure_facts(fig)
    if rated:
        unfigured = mf.get("no_figure", 0)  # rated by the service's own status with no figure ('<5'): never 'with a figure'
        figured = " and a figure" if counts.get("No data", 0) and not unfigured else ""  # one with no figure is not among them
        own = mf.get("no_target", 0)  # rated by the service's own status, with no target to measure it by
        basis = (" rated by the service's own status" if own >= rated else
                 f" with a target{figured} or, for {own:,}, the service's own rating" if own else f" with a target{figured}")
        aside = f" ({unfigured:,} of them rated by the service with no figure given)" if unfigured and own < rated else ""
        # with no target for any of them, none is "meeting its target": each is as good as the service rated it
        met = (f"rated {' or '.join(good_words(fig.scale))} by it" if own >= rated
               else f"meeting {'its target' if good == 1 else 'their target'}" + (
                   f" or, with none, rated {' or '.join(good_words(fig.scale))} by the service" if own else
                   # a figure suppressed ('*', '<5') the service rated Green: counted as rated, never said to meet its target
                   f" or, with no figure, rated {' or '.join(good_words(fig.scale))} by the service" if mf.get("no_figure_good") else ""))
        text = f"Of the {plural(rated, 'measure')}{basis} for {label}{aside}, {good:,} ({h['percent_text']}) {_is_are(good)} {met}"
        behind = [st for st in reversed(fig.scale.rated) if st not in fig.scale.good and counts.get(st, 0)]
        if behind:
            # no target: no tolerance either; an amber the service gave beyond it: its word, never the tolerance's
            words = {"Amber": "amber (short by no more than the tolerance)"} if own < rated and not mf.get("amber_beyond") else {}
            text += ", " + _join([f"{counts[st]:,} ({shares[st]}) {_is_are(counts[st])} {words.get(st, st.lower())}" for st in behind]) + "."
        else:
            text += "."
    elif not n:
        text = f"No measure has figures for {label}."
    else:
        text = f"None of the {plural(n, 'measure')} reported for {label} has a target to be measured against."
    unrated = n - rated
    if unrated and rated:
        text += f" Not rated, and left out of the percentages: {_unrated_words(counts, fig.scale)}."
    if mf.get("compared"):
        imp, wor = mf["improving"], mf["worsening"]
        up, down = mf.get("increasing", 0), mf.get("decreasing", 0)
        bases = mf.get("bases", {})
        # Year-to-date measures are compared like with like: said, so that the sentence is true of every measure in it.
        phrases = [said for w, said in (("same quarter last year", "with the same quarter last year"), ("profile", "against their profile"))
                   if bases.get(w)]
        aside = f" (year-to-date measures {' or '.join(phrases)})" if phrases else ""
        pos = measure_position(fig)
        if bases.get("same quarter last year") and "basis" in pos:
            # a measure with no figure the quarter before ('<5' in Q1) is compared with last year too, and is no year-to-date one
            by_last_year = pos[(pos["basis"] == "same quarter last year") & (pos["direction"] != "Not comparable")]
            ytd = by_last_year["cumulative"].fillna(False).astype(bool) if "cumulative" in by_last_year else pd.Series(False, index=by_last_year.index)
            if not ytd.all():
                who = "year-to-date measures, and those with no figure for the quarter before," if ytd.any() else \
                    "those with no figure for the quarter before"
                aside = f" ({who} {' or '.join(phrases)})" if ytd.any() else f" ({who} with the same quarter last year)"
        if against_last_year(pos):  # every one against a year before: that quarter, plainly
            aside, against = "", period_label(fig.period - 4)
        else:
            against = _compared_with(fig)
        if bases.get("year before last"):  # a survey every two years: the year before last, where the year between has none
            k = bases["year before last"]
            aside += (f" ({'one' if k == 1 else f'{k:,}'} with {period_label(fig.period - 8, 'year')}, having no figure "
                      f"for {period_label(fig.period - 4, 'year')})")
        since = f" Compared with {against}{aside}, "
        # Direction of travel of the figures, worded apart from status changes ("improved" and "declined" there).
        same = mf.get("no_change", 0)
        if imp + wor:
            text += (f"{since}the figures of {'none' if imp == 0 else f'{imp:,}'} moved in the right direction "
                     f"and of {'none' if wor == 0 else f'{wor:,}'} in the wrong one"
                     + (f"; {same:,} did not change." if same else "."))
            since = " Of those with no better direction given, "
        elif same and not up + down:  # none moved: said as it is, never "none moved in the right direction"
            text += f"{since}the figures of {same:,} did not change."
        if up + down:  # no polarity: a figure rose or fell, neither better nor worse as far as the workbook says
            unchanged = f", and {same:,} did not change" if same and not imp + wor else ""
            text += (f"{since}{up:,} rose and {down:,} fell{unchanged}"
                     f"{' (whether higher or lower is better is not given)' if since.startswith(' Compared') else ''}.")
        if mf.get("not_compared"):
            to_date = mf.get("not_compared_to_date", 0)
            n = mf["not_compared"] - to_date
            if n:
                text += f" {_count_start(n)} {'has' if n == 1 else 'have'} no earlier figure to compare with."
            if to_date:  # a total to date beside last quarter's: no like figure a year before, and no profile to measure by
                text += (f" {_count_start(to_date)} {'is a year-to-date figure' if to_date == 1 else 'are year-to-date figures'} "
                         "with no figure for the same quarter last year to compare with.")
    said = mf.get("service_direction") or {}
    if said:  # no earlier figure to compare: the services' own direction of travel, said as theirs
        parts = [f"{said[d]:,} {_is_are(said[d])} {word}" for d, word in (("Improving", "improving"), ("No change", "stable"),
                                                                          ("Worsening", "worsening")) if said.get(d)]
        text += (f" By the services' own assessment of direction, where the figures cannot be compared or no polarity says "
                 f"which way is better, {_join(parts)}.")
    for name, c in comparator_counts(fig).items():  # "England 2023-24" beside the figures: how they stand against it
        counted = c["better"] + c["worse"] + c["same"]
        if counted:
            # the workbook's own judgement of each ('Compared with England': Worse, Similar): said as its
            judged = c.get("as_the_sheet_judges", 0) >= counted
            parts = [f"{c['better']:,} {'is' if c['better'] == 1 else 'are'} better", f"{c['worse']:,} worse",
                     *([f"{c['same']:,} {'similar' if judged else 'the same'}"] if c["same"] else [])]
            text += (f" Against {name}, as the workbook judges them, of the {counted:,} measures compared, {_join(parts)}."
                     if judged else f" Against {name}, of the {counted:,} measures with a figure for both, {_join(parts)}.")
    w = mf.get("worst")
    # Said once: where a priority's paragraph already names it as its furthest off, this paragraph does not repeat it.
    if w is not None and fig.milestones is not None and any(
            f"{w['name']} is furthest off" in said for _, said in priority_paragraphs(fig)):
        w = None
    if w is not None:
        why = _quote(w.get("commentary"))
        text += (f" Furthest from target is {_named(w)}, at {amount_text(w['actual'], w['unit'])} against a target of {_target_text(w)}"
                 + (f"; the service reports {why}." if why else "."))
    b = mf.get("best")
    if b is not None:
        text += f" Furthest ahead of target is {_named(b)}, at {amount_text(b['actual'], b['unit'])} against a target of {_target_text(b)}."
    return text


def changes_paragraph(fig) -> str:
    t = fig.milestone_changes
    if t is None:
        return ""
    c = t["change"].value_counts()
    imp, dec, new = int(c.get("improved", 0)), int(c.get("declined", 0)), int(c.get("new", 0))
    prev = fig.period_text(fig.previous)
    if not (t["from_status"].notna().any()):
        return f"There are no milestone statuses for {prev} to compare with."
    if imp == 0 and dec == 0:
        text = f"No milestone changed status since {prev}."
    else:
        text = f"Since {prev}, {plural(imp, 'milestone')} {'has' if imp == 1 else 'have'} improved and {dec:,} {'has' if dec == 1 else 'have'} declined."
    if new:
        text += f" {sentence_start(new, 'milestone')} {'is' if new == 1 else 'are'} new this {fig.span}."
    gone = int(c.get("removed", 0))
    if gone:  # a return not sent, or milestones taken out of the plan: the totals are smaller, and the text says why
        text += (f" {sentence_start(gone, 'milestone')} reported in {prev} {'is' if gone == 1 else 'are'} not in this "
                 f"{fig.span}'s figures.")
    return text


def attention_paragraph(fig) -> str:
    a = fig.attention
    if a is None:
        return ""
    pos = milestone_position(fig)
    later = later_than_planned_sentence(int(pos["later_than_planned"].sum()) if len(pos) else 0, "milestone", _first_date_passed(pos, fig))
    if a.empty:
        ms = fig.milestones
        dated = ms is not None and "due_date" in ms and ms["due_date"].notna().any()
        return ("No milestones are amber or red, and none is overdue." if dated else "No milestones are amber or red.") + later
    n = len(a)
    named = a["lead"].fillna("").astype(str).str.strip()
    leads = named[named != ""].nunique()
    overdue_n = int(a["overdue"].sum())
    long_n = int((a["quarters_in_status"] >= 2).sum())
    unnamed = int((named == "").sum())
    led = "" if not leads else f", led by {plural(leads, 'officer')}" + (f" ({unnamed} with no named lead)" if unnamed else "")
    text = f"{sentence_start(n, 'milestone')} need{'s' if n == 1 else ''} attention{led}."
    if overdue_n:
        text += f" {sentence_start(overdue_n, 'milestone')} {_is_are(overdue_n)} overdue."
    if long_n:
        text += f" {sentence_start(long_n, 'milestone')} {'has' if long_n == 1 else 'have'} held the same status for two quarters or more."
    return text + later


def summary_lines(fig) -> list[str]:
    """The text of ``perfkit summary``: headline paragraphs then the per-group figures."""

    lines = [f"Performance summary for {fig.label}", ""]
    for para in (overall_paragraph(fig), measures_paragraph(fig), changes_paragraph(fig), attention_paragraph(fig)):
        if para:
            lines += [para, ""]
    for title, summary in (("Milestones", fig.milestone_summary), ("Measures", fig.measure_summary)):
        if summary is not None:
            lines.append(f"{title} by {summary.columns[0] if summary.columns[0] != 'group' else 'status'}:")
            lines += ["  " + line for line in summary_table(summary).to_string(index=False).splitlines()]
            lines.append("")
    return lines


# ---------------------------------------------------------------------------------------------- action plans (issue 12)

_ACTION_PHRASES = {
    "Complete": ("is complete", "are complete"), "On track": ("is on track", "are on track"),
    "At risk": ("is at risk", "are at risk"), "Behind schedule": ("is behind schedule", "are behind schedule"),
    "Not started": ("has not started", "have not started"), "Superseded": ("has been superseded", "have been superseded"),
    "Cancelled": ("has been cancelled", "have been cancelled"), "On hold": ("is on hold", "are on hold"),
    "Deferred": ("has been deferred", "have been deferred"), "No data": ("has no status given", "have no status given"),
    "Not due": ("is not yet due", "are not yet due"), "Not applicable": ("is marked not applicable", "are marked not applicable"),
}


def actions_paragraph(summary) -> str:
    """``Of 18 actions at 2024/25 H2, 7 are complete, 6 are on track ...``: the plan's position in words."""
    if not summary.total:
        return f"No actions were reported at {summary.label}."
    parts = []
    first = ["Complete", "On track", "At risk", "Behind schedule", "Not started"]
    for status in [*[s for s in first if s in summary.scale.names], *[s for s in summary.scale.names if s not in first]]:
        n = summary.by_status.get(status, 0)
        if not n:
            continue
        one, many = _ACTION_PHRASES.get(status, (f"is {status.lower()}", f"are {status.lower()}"))
        if words := getattr(summary, "said_as", {}).get(status):
            # 'In progress' and 'Ongoing', which perfkit reads as On track: said as the plan said them, never "on track"
            said = _join_or(["in progress" if w == "doing" else w for w in dict.fromkeys(words)])
            one, many = f"is {said}", f"are {said}"
        parts.append(f"{n:,} {one if n == 1 else many}")
    text = f"Of {plural(summary.total, 'action')} at {summary.label}, {_join(parts)}."
    closed = summary.total - summary.active
    if summary.percent_complete is not None:
        of = f" of the {plural(summary.active, 'action')} still required" if closed else ""
        text += f" That is {summary.percent_complete}%{of} complete"
        text += (f", and mean progress is {whole_percent(summary.mean_progress)}." if summary.mean_progress is not None else ".")
    return text


def _compared_with(fig) -> str:
    """What the measures' directions are against, as the table's notes say it: the quarter before, or the one earlier
    period every compared measure has (annual indicators beside quarterly milestones: the year before), or each its own."""
    # a year's outturns are compared with the year before's, never with "the quarter before" named as its own year
    half = "half" if fig.half_yearly else "quarter"  # half-years' figures against the half-year before
    default = period_label(fig.period - 4, "year") if fig.yearly else period_label(fig.previous, half)
    pos = measure_position(fig)
    if not len(pos) or "compared_with" not in pos:
        return default
    basis = pos["basis"] if "basis" in pos else pd.Series("", index=pos.index)
    # year-to-date measures compared with the same quarter last year, or with their profile, are the sentence's aside
    against = {p for p, d, b in zip(pos["compared_with"], pos["direction"], basis)
               if d != "Not comparable" and isinstance(p, pd.Period) and b not in ("same quarter last year", "profile")}
    if len(against) > 1:
        return "each measure's previous figure"
    only = next(iter(against), None)
    return default if only is None or only == fig.previous or fig.yearly else period_label(only, half)


def _first_date_passed(pos: pd.DataFrame, fig) -> list[str]:
    """The references of the milestones now expected later than first planned whose first date fell before the period's
    end: past the date first set, though not overdue by the date they were moved to (a forecast or revised date)."""
    if not len(pos) or "original_due_date" not in pos or not pos["later_than_planned"].any():
        return []
    first = pd.to_datetime(pos["original_due_date"])
    passed = pos[pos["later_than_planned"].to_numpy(bool) & (first < fig.period.end_time.normalize()).to_numpy(bool)]
    generated = made_up(fig.milestones) if fig.milestones is not None else frozenset()
    # a reference perfkit made up for a row with none is never quoted: the milestone is named by its words
    return [str(t) if str(r) in generated else str(r) for r, t in zip(passed["milestone_id"], passed["title"])]


def later_than_planned_sentence(n: int, noun: str, passed: list | None = None) -> str:
    """`` Three milestones are now expected later than first planned.``: the open items a tracker's revised or forecast
    dates put after the date first set (empty for none); ``passed`` names those whose first date has gone by.

    Examples
    --------
    >>> later_than_planned_sentence(3, "milestone"), later_than_planned_sentence(0, "action")
    (' Three milestones are now expected later than first planned.', '')
    >>> later_than_planned_sentence(3, "milestone", ["CP03", "CP05"])
    ' Three milestones are now expected later than first planned, 2 of them (CP03 and CP05) past the date first set.'
    """
    if not n:
        return ""
    if passed:
        named = _join(passed[:5]) + (f" and {len(passed) - 5} more" if len(passed) > 5 else "")
        which = "it" if n == 1 else ("all of them" if len(passed) == n else f"{len(passed)} of them")
        return (f" {sentence_start(n, noun)} {_is_are(n)} now expected later than first planned, {which} "
                f"({named}) past the date first set.")
    return f" {sentence_start(n, noun)} {_is_are(n)} now expected later than first planned."


def overdue_paragraph(summary, generated=()) -> str:
    """How many actions are overdue at the period's end, and which is most overdue (or which share the longest delay);
    then how many are now expected later than first planned, where the plan keeps its first dates.

    A reference perfkit made up for a row with none is not quoted: the action is named by its words.
    """
    return (_overdue_sentences(summary, generated) + _marked_overdue_sentence(summary.marked_overdue)
            + later_than_planned_sentence(len(summary.later or ()), "action"))


def _marked_overdue_sentence(marked) -> str:
    """`` One more (2) is marked overdue in the plan, due on 30/09/2025, the period's last day.``: the plan's own word,
    said where the count by due date leaves it out."""
    if not marked:
        return ""
    refs = ", ".join(ref for ref, _ in marked[:4]) + (f" and {len(marked) - 4} more" if len(marked) > 4 else "")
    dates = {d for _, d in marked}
    when = (f", due on {next(iter(dates)):%d/%m/%Y}" if len(dates) == 1 and pd.notna(next(iter(dates))) else "")
    n = len(marked)
    return (f" {'One more' if n == 1 else f'{number_words(n).capitalize()} more'} ({refs}) {_is_are(n)} marked overdue in the plan"
            f"{when}, not counted: the count is of actions due before the period's last day.")


def _overdue_sentences(summary, generated=()) -> str:
    n = len(summary.overdue)
    if not n and not summary.dated:
        return "The plan gives no due dates, so none of its actions can be counted overdue."
    if not n:
        return f"No actions are overdue {summary.overdue_when}."
    over = summary.overdue
    worst = over.iloc[0]
    days = int(worst["days_overdue"])
    due = worst["due_date"].strftime("%d/%m/%Y")
    late = f"{plural(days, 'day')} past its target date of {due}"  # overdue is due before the day judged at: a day at least

    def named(r) -> str:
        ref = str(r["action_id"])
        return f"{r['action']}" if ref in generated else f"{ref} ({r['action']})"

    text = f"{sentence_start(n, 'action')} {_is_are(n)} overdue {summary.overdue_when}: past the target date and not complete."
    tied = over[(over["days_overdue"].astype(int) == days) & (over["due_date"] == worst["due_date"])]
    if n > 1 and len(tied) > 1:  # several equally late: none is "the most overdue"
        late_all = f"{plural(days, 'day')} past their target date of {due}"
        shown = [named(r) for _, r in tied.head(3).iterrows()]
        more = f" and {len(tied) - 3:,} more" if len(tied) > 3 else ""
        who = ", ".join(shown[:-1]) + " and " + shown[-1] if not more else ", ".join(shown) + more
        which = ("Both" if n == 2 else f"All {number_words(n)}") if len(tied) == n else f"{_count_start(len(tied))} of them"
        return text + f" {which} are {late_all}: {who}."
    lead = f", led by {worst['lead']}," if worst["lead"] else ""
    first = "The most overdue is" if n > 1 else "It is"
    return text + f" {first} {named(worst)}{lead} {late}."


def action_changes_paragraph(summary) -> str:
    """What changed since the previous period: completed, slipped and new actions."""
    c = summary.changes
    if not c.get("from"):
        return ""
    bits = []
    for key, phrase in (("completed", "been completed"), ("slipped", "slipped to a worse status"), ("new", "been added")):
        n = len(c[key])
        if n:
            bits.append(f"{plural(n, 'action')} {'has' if n == 1 else 'have'} {phrase} ({', '.join(c[key][:8])}{'…' if n > 8 else ''})")
    if not bits:
        return f"No action has changed status since {c['from']}."
    return f"Since {c['from']}, " + _join(bits) + "."

# ---------------------------------------------------------------------------------------------- risks (issue 11)


def risk_paragraph(summary, noun: str = "risk") -> str:
    """The risk register in words, from a :class:`perfkit.read.kinds.risks.RiskSummary` (it words, never counts).

    Examples
    --------
    >>> from perfkit.read.kinds.risks import risk_summary  # doctest: +SKIP
    >>> risk_paragraph(risk_summary(risks), "corporate risk")  # doctest: +SKIP
    'Of 12 corporate risks assessed in 2024/25 Q2, 3 remain high after mitigation ...'
    """
    if getattr(summary, "registers", None):  # registers on different matrices: each in its own words
        return " ".join(f"{name}: {risk_paragraph(part, noun)}" for name, part in summary.registers)
    if not summary.total:
        return f"No {noun}s are assessed{_when(summary.period)}."
    names = list(summary.by_rating.index)
    after = [(b, int(summary.by_rating.loc[b, "residual"])) for b in reversed(names)]
    top = names[-1]
    high = [(b, n) for b, n in after[:2] if n]
    lead = f"Of {plural(summary.total, noun)} assessed{_when(summary.period)}, "
    if high:
        (b0, n0), rest = high[0], high[1:]
        words = f"{n0} {'remains' if n0 == 1 else 'remain'} {b0.lower()}" + "".join(f" and {n} {b.lower()}" for b, n in rest)
        first = lead + words + " after mitigation"
    else:
        first = lead + f"none remains {after[0][0].lower()} or {after[1][0].lower() if len(after) > 1 else ''} after mitigation".replace(" or  ", " ")
    was = int(summary.by_rating.loc[top, "inherent"])
    if summary.by_rating["inherent"].sum():  # a register that gives no assessment before mitigation says nothing of it
        first += f"; {was} {'was' if was == 1 else 'were'} {top.lower()} before it."
    else:
        first += "."
    out = [first]
    m = summary.movement
    if summary.movement_basis == "previous assessment":
        parts = [f"{len(m[k])} {k} ({', '.join(m[k][:6])}{'...' if len(m[k]) > 6 else ''})" for k in ("increased", "decreased") if m[k]]
        parts += [f"{len(m['unchanged'])} unchanged"] if m["unchanged"] else []
        parts += [f"{len(m['new'])} new" if m["new"] else "", f"{len(m['closed'])} closed" if m["closed"] else ""]
        parts = [p for p in parts if p]
        if parts:
            by = {"rating": "residual ratings", "score and rating": "residual scores (or ratings, where no score is given)"}.get(summary.moved_by, "residual scores")
            out.append(f"Since {period_label(summary.previous)}, by their {by}: {_risk_join(parts)}.")
    elif any(m[k] for k in ("increased", "decreased", "unchanged", "new")):
        parts = [f"{len(m[k])} {k}" for k in ("increased", "decreased", "unchanged", "new") if m[k]]
        out.append(f"By their owners' direction of travel: {_risk_join(parts)}.")
    if summary.above_target:
        n = len(summary.above_target)
        out.append(f"{sentence_start(n, noun)} {('is' if n == 1 else 'are')} above {'its' if n == 1 else 'their'} target {summary.target_by} ({', '.join(summary.above_target[:8])}{'...' if n > 8 else ''}).")
    if summary.above_appetite:
        n = len(summary.above_appetite)
        out.append(f"{sentence_start(n, noun)} {('is' if n == 1 else 'are')} above the risk appetite.")
    if summary.disagreements:
        n = len(summary.disagreements)
        ids = ", ".join(d["risk_id"] for d in summary.disagreements[:6])
        out.append(f"For {plural(n, noun)} ({ids}) the direction of travel given differs from the change in {'its' if n == 1 else 'their'} scores; check with the owner{'s' * (n != 1)}.")
    return " ".join(out)


def _risk_join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _when(period) -> str:
    return f" in {period_label(period)}" if period is not None and not pd.isna(period) else ""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfkit import PeriodError, parse_period, parse_span, period_label
from perfkit.core.periods import PooledPeriod, find_financial_year, pooled_years

Q2_2324 = pd.Period(year=2024, quarter=2, freq="Q-MAR")


@pytest.mark.parametrize(
    "text",
    ["2023/24 Q2", "Q2 2023/24", "2023-24 Q2", "Q2 23/24", "Jul-Sep 2023", "September 2023", "q2 2023/2024",
     "Quarter 2 2023/24", "Q2 (Jul-Sep) 2023/24", " 2023/24  Q2 ", "Sep-23", "2023–24 Q2", "2023-08", "2023-07"],
)
def test_quarter_forms(text):
    assert parse_period(text) == Q2_2324


def test_quarter_is_q_mar_and_covers_july_to_september():
    p = parse_period("2023/24 Q2")
    assert p.freqstr == "Q-MAR"
    assert p.start_time == pd.Timestamp("2023-07-01")
    assert p.end_time.normalize() == pd.Timestamp("2023-09-30")


def test_dates_fall_in_their_financial_quarter():
    assert parse_period(dt.date(2024, 3, 31)) == pd.Period(year=2024, quarter=4, freq="Q-MAR")
    assert parse_period(dt.datetime(2023, 4, 1)) == pd.Period(year=2024, quarter=1, freq="Q-MAR")
    assert parse_period(pd.Timestamp("2023-12-25")) == pd.Period(year=2024, quarter=3, freq="Q-MAR")


def test_arithmetic_gives_previous_and_same_quarter_last_year():
    p = parse_period("2023/24 Q1")
    assert period_label(p - 1) == "2022/23 Q4"
    assert period_label(p - 4) == "2022/23 Q1"


def test_halves_and_years():
    h1 = parse_span("2023/24 H1")
    assert (h1.kind, period_label(h1.start), period_label(h1.end), h1.label) == ("half", "2023/24 Q1", "2023/24 Q2", "2023/24 H1")
    year = parse_span("2023/24")
    assert (year.kind, year.label) == ("year", "2023/24")
    assert parse_period("2023/24") == parse_period("2023/24 Q4")
    assert parse_span("Apr-Sep 2023").kind == "half"


@pytest.mark.parametrize(
    "bad, words",
    [("Q2 2023", "ambiguous"), ("2020/23", "more than one"), ("2023/22 Q1", "not a financial year"),
     ("banana", "cannot read"), ("", "empty"), ("Q5 2023/24", "cannot read"), ("Feb-Apr 2023", "not a financial quarter")],
)
def test_bad_text_is_a_clear_error(bad, words):
    with pytest.raises(PeriodError, match=words) as info:
        parse_period(bad)
    assert "2023/24 Q2" in str(info.value)  # says what to write instead
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("typed, first, last", [("2009-11", 2009, 2011), ("2016-18", 2016, 2018), ("2016 - 18", 2016, 2018),
                                                  ("2014–2016", 2014, 2016), ("2020-23", 2020, 2023), ("2010-12", 2010, 2012)])
def test_pooled_years_are_never_a_month_or_one_year(typed, first, last):
    with pytest.raises(PooledPeriod) as info:
        parse_span(typed)
    assert (info.value.first, info.value.last) == (first, last) and isinstance(info.value, PeriodError)
    assert "calendar years pooled" in str(info.value) and "ignore" in info.value.hint  # says what to do with it
    if typed == "2009-11":
        assert "not November 2009" in str(info.value)


@pytest.mark.parametrize("typed, label", [("2023-24", "2023/24"), ("2023/24", "2023/24"), ("2011-12", "2011/12"), ("2009-10", "2009/10")])
def test_financial_years_stay_financial_years(typed, label):
    span = parse_span(typed)
    assert span.kind == "year" and span.label == label


def test_a_month_written_year_first_is_still_a_month():
    assert period_label(parse_period("2023-09")) == "2023/24 Q2" and pooled_years("2023-09") is None


def test_century_boundary():
    assert period_label(parse_period("1999/00 Q3")) == "1999/00 Q3"
    assert parse_period("Q1 99/00") == pd.Period(year=2000, quarter=1, freq="Q-MAR")


def test_find_financial_year():
    assert find_financial_year("Council Plan 2023-24 milestones") == 2024
    assert find_financial_year(None, "Q2 update", "delivery_2022_23") == 2023
    assert find_financial_year("no year here", "Sheet1") is None


quarters = st.builds(lambda y, q: pd.Period(year=y, quarter=q, freq="Q-MAR"), st.integers(1991, 2150), st.integers(1, 4))


@given(quarters)
def test_label_round_trips(p):
    label = period_label(p)
    assert parse_period(label) == p
    fy, q = label.split()
    assert parse_period(f"{q} {fy}") == p
    if 1971 <= p.qyear <= 2069:  # two-digit years pivot at 70
        assert parse_period(f"{q} {fy[2:4]}/{fy[-2:]}") == p
    assert parse_period(p.end_time) == p
    assert parse_period(p.start_time) == p


@given(quarters, st.integers(-12, 12))
def test_arithmetic_matches_labels(p, n):
    q = p + n
    fy_p = int(period_label(p)[:4])
    fy_q = int(period_label(q)[:4])
    assert (fy_q * 4 + int(period_label(q)[-1])) - (fy_p * 4 + int(period_label(p)[-1])) == n


@given(st.dates(min_value=dt.date(1991, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_any_date_sits_in_the_quarter_that_contains_it(d):
    p = parse_period(d)
    assert p.start_time <= pd.Timestamp(d) <= p.end_time
    # April is always the first quarter of a financial year.
    assert (p.quarter == 1) == (d.month in (4, 5, 6))


# --- issue 10: periods without surprises -------------------------------------------------------

@pytest.mark.parametrize(
    "text, label, kind",
    [("2023/24 (Jul-Sep)", "2023/24 Q2", "quarter"), ("2023/24 (July to September)", "2023/24 Q2", "quarter"),
     ("2023/24 (Jan-Mar)", "2023/24 Q4", "quarter"), ("2023/24 (Oct-Mar)", "2023/24 H2", "half"),
     ("2023/24 (Apr-Mar)", "2023/24", "year"), ("Q2 (Jul-Sep) 2023", "2023/24 Q2", "quarter"),
     ("2023/24 Q2 (Jul-Sep)", "2023/24 Q2", "quarter"), ("Jul-Sep 2023/24", "2023/24 Q2", "quarter"),
     ("2023/24 Jan-Mar", "2023/24 Q4", "quarter")],
)
def test_bracketed_and_financial_year_months_name_their_quarter(text, label, kind):
    span = parse_span(text)
    assert (span.label, span.kind) == (label, kind)


@pytest.mark.parametrize(
    "text",
    ["30/09/2023", "30-09-2023", "30.09.2023", "30/09/23", "1/7/2023", "30 September 2023", "30th Sept 2023",
     "30 Sep 2023", "September 30, 2023", "2023-09-30", "2023-09-30 00:00:00", "1st of July 2023"],
)
def test_dates_as_officers_write_them(text):
    assert parse_period(text) == Q2_2324


@pytest.mark.parametrize(
    "bad, words",
    [("09/30/2023", "day first"), ("31/09/2023", "no day 31"), ("2023/24 Q3 (Jul-Sep)", "contradicts itself"),
     ("(Jul-Sep)", "no year"), ("Q2 2024 (Apr-Sep)", "contradicts itself"), ("Q2", "names no year"), ("Jul-Sep", "names no year"), ("September", "names no year"),
     ("H1", "names no year"), ("2023/24 (Jul-Dec)", "not a financial"), ("Jul-Dec 2023", "not a financial")],
)
def test_impossible_dates_and_contradictions_are_refused(bad, words):
    with pytest.raises(PeriodError, match=words):
        parse_span(bad)


@pytest.mark.parametrize(
    "text, answer",
    [("2023 Q3", "'2023/24 Q2'"), ("Q3 2023", "'2023/24 Q2'"), ("2024 Q1", "'2023/24 Q4'"), ("Q4 2023", "'2023/24 Q3'"),
     ("2023Q2", "'2023/24 Q1'")],
)
def test_calendar_quarter_hint_gives_the_right_financial_quarter(text, answer):
    with pytest.raises(PeriodError, match="ambiguous") as info:
        parse_period(text)
    first_line = str(info.value).splitlines()[0]
    assert f"write {answer}" in first_line


_MONTH_WORDS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _fy(end: int, style: int) -> str:
    return [f"{end - 1}/{end % 100:02d}", f"{end - 1}-{end % 100:02d}", f"{(end - 1) % 100:02d}/{end % 100:02d}",
            f"{end - 1}/{end}", f"FY{end - 1}/{end % 100:02d}"][style]


@st.composite
def spellings(draw):
    """A period spelt one of the ways officers spell them, with the span it names (kind, first month, last month)."""
    end = draw(st.integers(1995, 2060))
    fy = _fy(end, draw(st.integers(0, 4)))
    kind = draw(st.sampled_from(["quarter", "half", "year", "month", "date", "bracket", "range"]))
    q = draw(st.integers(1, 4))
    first_month = [4, 7, 10, 1][q - 1]
    cal_year = end - 1 if first_month >= 4 else end
    start = pd.Period(year=cal_year, month=first_month, freq="M")
    if kind == "quarter":
        text = draw(st.sampled_from([f"{fy} Q{q}", f"Q{q} {fy}", f"Quarter {q} {fy}", f"{fy}, Qtr {q}"]))
        return text, ("quarter", start, start + 2)
    if kind == "half":
        h = draw(st.integers(1, 2))
        s = pd.Period(year=end - 1, month=4 if h == 1 else 10, freq="M")
        return draw(st.sampled_from([f"{fy} H{h}", f"H{h} {fy}", f"Half {h} {fy}"])), ("half", s, s + 5)
    if kind == "year":
        s = pd.Period(year=end - 1, month=4, freq="M")
        return fy, ("year", s, s + 11)
    names = draw(st.sampled_from([_MONTH_WORDS, _FULL]))
    if kind == "bracket":
        text = f"{fy} ({names[first_month - 1]}-{names[(first_month + 1) % 12]})"
        return text, ("quarter", start, start + 2)
    if kind == "range":
        text = f"{names[first_month - 1]} to {names[(first_month + 1) % 12]} {(start + 2).year}"
        return text, ("quarter", start, start + 2)
    month = start + draw(st.integers(0, 2))
    if kind == "month":
        return f"{names[month.month - 1]} {month.year}", ("quarter", start, start + 2)
    day = draw(st.integers(1, 28))
    text = draw(st.sampled_from([f"{day:02d}/{month.month:02d}/{month.year}", f"{day} {_FULL[month.month - 1]} {month.year}",
                                 f"{month.year}-{month.month:02d}-{day:02d}"]))
    return text, ("quarter", start, start + 2)


@given(spellings())
def test_no_spelling_is_read_as_a_longer_span_than_it_names(case):
    text, (kind, first, last) = case
    span = parse_span(text)
    got_first = span.start.asfreq("M", how="start")
    got_last = span.end.asfreq("M", how="end")
    assert span.kind == kind, text
    assert (got_first, got_last) == (first, last), text
    assert (got_last - got_first).n + 1 <= (last - first).n + 1


_TOKENS = ["2023/24", "23/24", "Q2", "Q3", "H1", "(Jul-Sep)", "(Oct-Dec)", "Jul-Sep", "September", "30/09/2023", "2023",
           "Quarter", "-", ",", "(", ")", "2024", "Apr-Mar", "(Apr-Sep)"]


@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=4))
def test_any_token_soup_is_a_span_no_longer_than_its_words_allow_or_a_clear_error(tokens):
    text = " ".join(tokens)
    try:
        span = parse_span(text)
    except PeriodError:
        return
    months = (span.end.asfreq("M", how="end") - span.start.asfreq("M", how="start")).n + 1
    names_quarter = any(t in text for t in ("Q2", "Q3", "Jul-Sep", "Oct-Dec", "September", "30/09/2023"))
    if names_quarter:
        assert months == 3, text
    assert months in (3, 6, 12)


# ---------------------------------------------------------------------------------------------- a quarter and its months


@pytest.mark.parametrize("header, clash", [
    ("2023/24 Q3 (Jul-Sep) Status", ("Q3", "Q2")), ("Q1 (Jan-Mar) RAG", ("Q1", "Q4")), ("H1 (Oct-Mar) Status", ("H1", "H2")),
    ("Q2 (Oct - Dec 2024) RAG", ("Q2", "Q3")), ("Quarter 4 (July to September)", ("Q4", "Q2")),
    ("2023/24 Q3 (Oct-Dec) Status", None), ("Q2 (Jul-Sep) RAG", None), ("(Jul-Sep) Status", None), ("Q2 Status", None),
    ("Q2 (Apr-Dec)", None), ("H1 (Apr-Sep)", None),
])
def test_a_quarter_and_bracketed_months_that_disagree_are_found(header, clash):
    from perfkit.core.periods import months_disagree

    assert months_disagree(header) == clash


def test_a_header_whose_quarter_and_months_disagree_is_read_by_its_months_and_said(tmp_path):
    """`2023/24 Q3 (Jul-Sep)` used to be read as Q3 without a word; July to September is Q2 of the financial year."""
    import perfkit
    from conftest import write_rows

    def book(*quarters):
        head = ["Ref", "Milestone", "Lead officer", "Due date", *(f"2023/24 {q} Status" for q in quarters)]
        rows = [["Council Plan 2023/24"], head] + [[f"M{i}", f"Milestone {i}", "Head", dt.date(2024, 3, 31), "Green", "Amber"]
                                                    for i in (1, 2)]
        return write_rows(tmp_path / f"plan{len(list(tmp_path.iterdir()))}.xlsx", rows)

    ms = perfkit.read_milestones(book("Q1 (Apr-Jun)", "Q3 (Jul-Sep)"))
    assert sorted(period_label(p) for p in ms["period"].unique()) == ["2023/24 Q1", "2023/24 Q2"]
    said = [p for p in ms.attrs["problems"] if "names Q3, but its months are Q2" in p.message]
    assert [(p.source, p.severity) for p in said] == [("Milestones!F2", "warning")]
    assert '[sheets."Milestones".columns] "2023/24 Q3 (Jul-Sep) Status" = "status@2023/24 Q3"' in said[0].message
    # the line the warning gives reads it as Q3, with no warning
    (tmp_path / "perfkit.toml").write_text('[sheets."Milestones".columns]\n"2023/24 Q3 (Jul-Sep) Status" = "status@2023/24 Q3"\n',
                                           encoding="utf-8")
    ms = perfkit.read_milestones(book("Q1 (Apr-Jun)", "Q3 (Jul-Sep)"))
    assert sorted(period_label(p) for p in ms["period"].unique()) == ["2023/24 Q1", "2023/24 Q3"]
    assert not [p for p in ms.attrs["problems"] if "names Q3" in p.message]


@pytest.mark.parametrize("quarters", [("Q2 (Jul-Sep)", "Q3 (Jul-Sep)"), ("Q2", "Q2")])
def test_two_columns_holding_one_quarter_are_refused_naming_both(tmp_path, quarters):
    """Each item would otherwise be counted twice in that quarter."""
    import perfkit
    from conftest import write_rows

    head = ["Ref", "Milestone", "Lead officer", "Due date", *(f"2023/24 {q} Status" for q in quarters)]
    rows = [head] + [[f"M{i}", f"Milestone {i}", "Head", dt.date(2024, 3, 31), "Green", "Amber"] for i in (1, 2)]
    with pytest.raises(perfkit.LayoutError) as caught:
        perfkit.read_milestones(write_rows(tmp_path / "plan.xlsx", rows))
    assert "(Milestones!E1 and Milestones!F1) both hold the status for 2023/24 Q2" in str(caught.value)
    assert "perfkit.toml" in caught.value.hint

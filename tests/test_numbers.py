import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfkit.core.numbers import Parsed, canonical_unit, missing_reason, parse_number


@pytest.mark.parametrize(
    "typed, value, unit",
    [("79%", 79.0, "%"), ("1,234", 1234.0, ""), ("£2.5m", 2_500_000.0, "£"), ("(120)", -120.0, ""), ("-5", -5.0, ""),
     (" 3 ", 3.0, ""), ("12.5 %", 12.5, "%"), ("£1,200", 1200.0, "£"), ("−3.2", -3.2, ""), ("4k", 4000.0, ""), (7, 7.0, ""), (0.5, 0.5, "")],
)
def test_numbers_typed_as_text(typed, value, unit):
    parsed = parse_number(typed)
    assert (parsed.value, parsed.unit, parsed.missing) == (pytest.approx(value), unit, "")


@pytest.mark.parametrize("typed", ["-", "n/a", "N/A", "TBC", "..", "–", "x", "Not available"])
def test_placeholders_are_missing_explicitly(typed):
    assert parse_number(typed) == (None, "", "placeholder")


@pytest.mark.parametrize("typed", ["about ninety", "5 widgets", "1.2.3", True, "12 d", "£12 per head", ">95%"])
def test_text_is_flagged(typed):
    assert parse_number(typed).missing == "text"


def test_blanks():
    assert parse_number(None).missing == parse_number("   ").missing == parse_number(float("nan")).missing == "blank"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 2)))
def test_formatted_numbers_round_trip(x):
    assert parse_number(f"{x:,.2f}").value == pytest.approx(x)
    assert parse_number(f"{x:.2f}%").value == pytest.approx(x)


@pytest.mark.parametrize(
    "typed, value, unit",
    [("12 days", 12, "days"), ("118 kg", 118, "kg"), ("£1.2m", 1_200_000, "£"), ("3.5k", 3500, ""), ("1,234 tonnes", 1234, "tonnes"),
     ("79%", 79, "%"), ("4.5 hrs", 4.5, "hours"), ("1 day", 1, "days"), ("12 working days", 12, "days"), ("3 wks", 3, "weeks"),
     ("12mins", 12, "minutes"), ("118 KG", 118, "kg"), ("(3 days)", -3, "days"), ("79 per cent", 79, "%"), ("4.2 per 1,000", 4.2, "per 1,000"),
     ("2.5k tonnes", 2500, "tonnes"), ("45 pupils", 45, "pupils"), ("2 pp", 2, "percentage points"),
     # a regeneration programme's floorspace and land (a UKSPF return refused "1,000 sqm" as not a number)
     ("1,000 sqm", 1000, "sq m"), ("1,150 m²", 1150, "sq m"), ("3.5 hectares", 3.5, "hectares"), ("2,000 sq ft", 2000, "sq ft")],
)
def test_numbers_typed_with_their_unit(typed, value, unit):
    parsed = parse_number(typed)
    assert (parsed.value, parsed.unit, parsed.missing) == (pytest.approx(value), unit, "")


def test_a_unit_is_written_one_way():
    assert canonical_unit("Hrs") == canonical_unit("hour") == "hours"
    assert canonical_unit("tonne") == canonical_unit("Tonnes") == "tonnes"
    assert canonical_unit("widgets") is None and canonical_unit(None) is None


@pytest.mark.parametrize(
    "typed, reason",
    [("<5", "suppressed"), ("< 10", "suppressed"), ("≤3", "suppressed"), ("*", "suppressed"), ("c", "suppressed"), ("[c]", "suppressed"),
     ("[x]", "not available"), ("..", "not available"), (":", "not available"), ("[z]", "not applicable"),
     ("n/a", "not available or not applicable"), ("TBC", "to be confirmed"), ("", "blank"), (None, "blank"), (12, ""), ("about ninety", "")],
)
def test_suppressed_and_missing_values_say_why(typed, reason):
    assert missing_reason(typed) == reason
    if reason and reason != "blank":
        assert parse_number(typed) == (None, "", "placeholder")  # never a number: <5 is not 5


def test_below_a_threshold_is_never_the_threshold():
    assert parse_number("<5").value is None and parse_number("<5%").value is None


@pytest.mark.parametrize("typed, minutes", [("8m 18s", 8.3), ("8m18s", 8.3), ("8 mins 30 secs", 8.5), ("10 min 5 sec", 10.0833),
                                            ("1h 20m", 80.0), ("1 hr 5 mins", 65.0)])
def test_a_duration_typed_in_two_units_is_read_in_minutes(typed, minutes):
    assert parse_number(typed) == (minutes, "minutes", "")


@pytest.mark.parametrize("typed", ["2m 5", "8m 75s", "1h 90m"])
def test_a_duration_that_is_not_whole_is_not_read(typed):
    assert parse_number(typed).value is None


@pytest.mark.parametrize("value", ["<5*", "<5 *", "[c]*", "<5†"])
def test_a_suppressed_value_with_a_footnotes_mark_is_suppressed(value):
    """A corporate KPI return's '<5*' (suppressed, its footnote marked) refused the whole workbook as 'not a number'."""
    assert parse_number(value) == Parsed(None, missing="placeholder") and missing_reason(value) == "suppressed"

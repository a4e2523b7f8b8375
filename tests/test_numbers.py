import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfkit.core.numbers import parse_number


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


@pytest.mark.parametrize("typed", ["about ninety", "5 days", "1.2.3", True])
def test_text_is_flagged(typed):
    assert parse_number(typed).missing == "text"


def test_blanks():
    assert parse_number(None).missing == parse_number("   ").missing == parse_number(float("nan")).missing == "blank"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 2)))
def test_formatted_numbers_round_trip(x):
    assert parse_number(f"{x:,.2f}").value == pytest.approx(x)
    assert parse_number(f"{x:.2f}%").value == pytest.approx(x)

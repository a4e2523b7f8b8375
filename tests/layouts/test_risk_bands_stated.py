"""A register whose rating bands are stated in a title row ('1-6 Low, 8-12 Medium, 15-25 High'), not a key under the
table: the default 5x5 bands were used, its inherent ratings silently differed, and five warnings blocked the briefing
with no setting to give the bands. Bands now come from the title, or from [risks] bands in perfkit.toml."""

from __future__ import annotations

import pytest
from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.core.errors import ConfigError

HEADER = ["Risk Ref", "Risk", "Owner", "Inherent Likelihood", "Inherent Impact", "Residual Likelihood", "Residual Impact", "Residual Rating"]
RISKS = [["SR01", "Budget gap", "S151", 5, 5, 4, 5, "High"], ["SR02", "Cyber attack", "CDO", 4, 4, 3, 4, "Medium"],
         ["SR03", "Recruitment", "HR", 3, 3, 2, 3, "Low"]]


def _register(tmp_path, title=None, toml=None):
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [title or ""], HEADER, *RISKS]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)])
    if toml:
        (tmp_path / "perfkit.toml").write_text(toml)
    return path


def _bands(path):
    r = perfkit.read_risks(path)
    return dict(zip(r["risk_id"], zip(r["inherent_rating"].astype(str), r["residual_rating"].astype(str))))


def test_bands_stated_in_a_title_row_rate_the_register(tmp_path):
    path = _register(tmp_path, "Scores are Likelihood x Impact on a 5 x 5 matrix. 1-6 Low, 8-12 Medium, 15-25 High")
    assert not perfkit.validate(path).warnings
    assert _bands(path) == {"SR01": ("High", "High"), "SR02": ("High", "Medium"), "SR03": ("Medium", "Low")}


def test_bands_given_in_perfkit_toml_rate_the_register(tmp_path):
    path = _register(tmp_path, toml='[risks]\nbands = "1-6 Low, 8-12 Medium, 15-25 High"\n')
    assert not perfkit.validate(path).warnings
    assert _bands(path) == {"SR01": ("High", "High"), "SR02": ("High", "Medium"), "SR03": ("Medium", "Low")}


def test_ratings_that_disagree_with_the_default_bands_say_how_to_give_the_registers_own(tmp_path):
    path = _register(tmp_path)
    warned = [p.message for p in perfkit.validate(path).warnings]
    assert warned and all('[risks] bands = "1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high"' in m for m in warned), warned


def test_bands_in_perfkit_toml_that_say_nothing_are_refused(tmp_path):
    path = _register(tmp_path, toml='[risks]\nbands = "low, medium and high"\n')
    with pytest.raises(ConfigError, match=r"\[risks\] bands"):
        perfkit.read_risks(path)


def test_a_previous_quarters_band_is_that_quarters_rating_never_before_mitigation(tmp_path):
    """'Previous rating (Q1 2024/25)' beside 'Current rating (Q2 2024/25)', each over L | I | Rating: the Q1 band was
    read as the inherent rating, so the briefing said three risks were very high before mitigation."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"], [],
            [None, None, "Previous rating (Q1 2024/25)", None, None, "Current rating (Q2 2024/25)", None, None],
            ["Risk ID", "Risk", "L", "I", "Rating", "L", "I", "Rating"],
            ["FRA01", "Funding gap", 3, 4, 12, 4, 4, 16], ["FRA02", "On-call availability", 4, 3, 12, 3, 3, 9],
            ["FRA03", "Mobilising system", 2, 4, 8, 2, 4, 8]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Corporate Risks", rows, merges=["C3:E3", "F3:H3"])])
    r = perfkit.read_risks(path)
    assert r["inherent_score"].isna().all() if "inherent_score" in r else True
    got = {(i, str(p)): s for i, p, s in r[["risk_id", "period", "residual_score"]].itertuples(index=False)}
    assert got == {("FRA01", "2025Q1"): 12, ("FRA02", "2025Q1"): 12, ("FRA03", "2025Q1"): 8,
                   ("FRA01", "2025Q2"): 16, ("FRA02", "2025Q2"): 9, ("FRA03", "2025Q2"): 8}


def test_levels_before_and_after_controls_and_a_cause_event_consequence_column(tmp_path):
    """'Likelihood (before controls)' could be the controls column to perfkit, and 'Cause / Event / Consequence' (long
    text) was read as the inherent impact: the register was refused."""
    rows = [["Place Directorate Risk Register"], ["Reviewed at DMT: Quarter 2 2024/25"], [],
            ["Risk Ref", "Risk Title", "Cause / Event / Consequence", "Likelihood (before controls)", "Impact (before controls)",
             "Existing Controls", "Likelihood (after controls)", "Impact (after controls)", "Target Score"],
            ["PL-R01", "Highways contract failure", "Contractor financial distress leads to service failure", 4, 5, "Monthly meetings", 3, 4, 8],
            ["PL-R02", "Temporary accommodation costs", "Rising homelessness demand outstrips supply", 5, 4, "Prevention fund", 4, 4, 9]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Place Risk Register", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, report
    r = perfkit.read_risks(path).set_index("risk_id")
    assert r["inherent_score"].to_dict() == {"PL-R01": 20, "PL-R02": 20} and r["residual_score"].to_dict() == {"PL-R01": 12, "PL-R02": 16}


def _register_with_note(tmp_path, note, toml=None):
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [], HEADER, *RISKS, [], [note]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)])
    if toml:
        (tmp_path / "perfkit.toml").write_text(toml)
    return path


def test_a_note_of_the_levels_scales_is_no_scoring_key(tmp_path):
    path = _register_with_note(tmp_path, "Score = Likelihood x Impact (1-5) / Sgôr = Tebygolrwydd x Effaith (1-5)")
    assert not any("scoring key" in p.message for p in perfkit.validate(path))


def test_a_key_naming_its_bands_by_colour_over_a_register_rated_in_words_gives_each_colour_its_word(tmp_path):
    """'Ratings: 1-6 green, 8-12 amber, 15-25 red' under a register rated Low, Medium, High: the key was not read, and
    once colours were band names every rating was 'not a band'."""
    path = _register_with_note(tmp_path, "Ratings: 1-6 green, 8-12 amber, 15-25 red")
    assert not perfkit.validate(path).warnings
    assert _bands(path) == {"SR01": ("High", "High"), "SR02": ("High", "Medium"), "SR03": ("Medium", "Low")}
    risks = perfkit.read_risks(path)
    assert any("Green = Low, Amber = Medium, Red = High" in p.message for p in risks.attrs["problems"])


def test_a_key_perfkit_cannot_read_offers_the_bands_line_and_goes_quiet_once_given(tmp_path):
    note = "Ratings: 1-6 blue, 8-12 purple, 15-25 black"
    warned = [p.message for p in perfkit.validate(_register_with_note(tmp_path, note)).warnings if "scoring key" in p.message]
    assert warned and '[risks] bands = "1-4 Low' in warned[0], warned
    path = _register_with_note(tmp_path, note, toml='[risks]\nbands = "1-6 Low, 8-12 Medium, 15-25 High"\n')
    assert not [p for p in perfkit.validate(path).warnings if "scoring key" in p.message]


def test_bands_on_a_key_sheet_of_their_own_rate_the_register(tmp_path):
    """A 'Risk Matrix Key' sheet (Score | Rating, 15-25 | High...) was set aside as a key sheet, and the default bands
    rated the register with only a note."""
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [], HEADER, *RISKS]
    key = [["Score", "Rating"], ["15-25", "High"], ["8-12", "Medium"], ["1-6", "Low"]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows), SheetSpec("Risk Matrix Key", key)])
    assert _bands(path) == {"SR01": ("High", "High"), "SR02": ("High", "Medium"), "SR03": ("Medium", "Low")}
    said = [p.message for p in perfkit.validate(path)]
    assert any("bands from the key at Risk Matrix Key!A2:A4" in m for m in said), said


def _four_by_four(rows_below, sr7="16 (Very high)"):
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [],
            [None, None, None, "Inherent risk", None, None, "Residual risk", None, None],
            ["Risk ref", "Risk description", "Risk owner", "Likelihood", "Impact", "Score", "Likelihood", "Impact", "Score"],
            ["SR1", "Failure to set a balanced budget", "S151 Officer", 4, 4, "16 (Very high)", 3, 4, "12 (High)"],
            ["SR2", "Cyber attack disrupting services", "Head of Digital", 4, 3, "12 (High)", 2, 3, "6 (Medium)"],
            ["SR3", "Rising temporary accommodation demand", "Head of Housing", 4, 4, "16 (Very high)", 4, 3, "12 (High)"],
            ["SR4", "Failure of the waste contract", "Head of Waste", 2, 3, "6 (Medium)", 1, 3, "3 (Low)"],
            ["SR5", "Major capital project overspend", "Director of Place", 4, 4, "16 (Very high)", 4, 4, sr7], [], *rows_below]
    return rows


def test_a_four_by_four_registers_top_band_of_one_score_is_read_from_its_key(tmp_path):
    """'1-3 Low, 4-6 Medium, 8-12 High, 16 Very high' under a 4x4 register: the last band was dropped (scores of 16 counted
    High, the matrix drawn 5x5) and the brief said '3 remain high' with no very high risk, with no warning."""
    rows = _four_by_four([["Scoring: Likelihood x Impact on a 4x4 matrix. 1-3 Low, 4-6 Medium, 8-12 High, 16 Very high"]])
    frame = perfkit.read_risks(write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Strategic Risks", rows)]))
    q2 = frame.set_index("risk_id")
    assert q2["residual_rating"].astype(str).to_dict() == {"SR1": "High", "SR2": "Medium", "SR3": "High", "SR4": "Low", "SR5": "Very high"}
    assert list(q2["inherent_rating"].astype(str)) == ["Very high", "High", "Very high", "Medium", "Very high"]
    assert frame.attrs["risk_matrix"].size == 4
    assert not [p for p in frame.attrs["problems"] if p.severity != "info"]


def test_a_band_typed_beside_a_score_that_its_bands_disagree_with_is_a_warning(tmp_path):
    rows = _four_by_four([["Scoring: 1-3 Low, 4-6 Medium, 8-12 High, 16 Very high"]], sr7="16 (High)")
    frame = perfkit.read_risks(write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Strategic Risks", rows)]))
    warned = [p for p in frame.attrs["problems"] if p.severity == "warning"]
    assert [p.source for p in warned] == ["Strategic Risks!I9"] and "'16 (High)'" in warned[0].message

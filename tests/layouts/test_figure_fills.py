"""Scorecards whose status is the colour of the figure cells themselves: no status column, each quarter's actual filled
red, amber or green by the service. The colours were ignored without a word, so a measure the council coloured green
(its figure a little short of target, the service content) was counted Amber from the figures, silently unlike the
council's own report. One colour over a whole column (an input cell's yellow) is the sheet's styling, never a status."""

from __future__ import annotations

from layout_builders import SheetSpec, Truth, layout, write_workbook

import perfkit
from perfkit.cli import main

FAMILY = "keys and drop-downs"

#: ref, name, polarity, target, Q1 actual, Q1 colour, Q2 actual, Q2 colour (the council's own: E03 is green though short)
MEASURES = [
    ("E01", "Household waste recycled (%)", "Higher", 50, 48.1, "Amber", 51.2, "Green"),
    ("E02", "Fly-tipping incidents cleared in 2 days (%)", "Higher", 95, 96.0, "Green", 97.4, "Green"),
    ("E03", "Missed bins per 100,000 collections", "Lower", 60, 71, "Red", 62, "Green"),
    ("P01", "Major planning applications in 13 weeks (%)", "Higher", 60, 52.0, "Red", 58.0, "Amber"),
    ("P02", "Minor planning applications in 8 weeks (%)", "Higher", 70, 73.5, "Green", 61.0, "Red"),
    ("R01", "Council tax collected (%)", "Higher", 97, 28.9, "Green", 56.1, "Green"),
    ("R02", "Average days to process new benefit claims", "Lower", 20, 22, "Amber", 25, "Red"),
]


@layout(FAMILY, "a district scorecard rated by the fill colour of its figures, with no status column")
def build_coloured_figures(folder):
    rows = [["Wessex Vale District Council"], ["Corporate performance scorecard: Quarter 2 2024/25"], [],
            ["Ref", "Indicator", "Good is", "Target 2024/25", "Q1 2024/25", "Q2 2024/25"]]
    fills = {}
    for ref, name, pol, target, q1, c1, q2, c2 in MEASURES:
        rows.append([ref, name, pol, target, q1, q2])
        fills[f"E{len(rows)}"], fills[f"F{len(rows)}"] = c1, c2
    rows += [[], ["The colour of each quarter's figure is the service's assessment against target."]]
    path = write_workbook(folder / "scorecard_q2.xlsx", [SheetSpec("Scorecard", rows, fills=fills)])
    # the first quarter's colours as each measure's first row reads them (its statuses: assess_measures, below)
    return path, Truth({"measures": len(MEASURES)}, columns={"measures": {"reported_status": [m[5] for m in MEASURES]}})


def test_the_figures_colours_are_the_services_status_and_said(tmp_path):
    path, truth = build_coloured_figures(tmp_path)
    frame = perfkit.assess_measures(perfkit.read_measures(path))
    q2 = frame[frame["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["status"].astype(str).value_counts().to_dict() == {"Green": 4, "Amber": 1, "Red": 2}
    q1 = frame[frame["period"] == perfkit.parse_span("2024/25 Q1").end]
    assert dict(zip(q1["measure_id"], q1["status"].astype(str))) == {m[0]: m[5] for m in MEASURES}
    e03 = q2[q2["measure_id"] == "E03"].iloc[0]
    assert e03["status"] == "Green" and e03["computed_status"] == "Amber" and e03["status_differs"]
    notes = [p.message for p in frame.attrs["problems"] if p.column == "reported_status"]
    assert any("are filled red, amber and green (2 Red, 1 Amber, 4 Green)" in m and 'fills = "ignore"' in m for m in notes)


def test_fills_ignore_sets_the_colours_aside(tmp_path):
    path, _ = build_coloured_figures(tmp_path)
    frame = perfkit.assess_measures(perfkit.read_measures(path, config={"measures": {"fills": "ignore"}}))
    q2 = frame[frame["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert "status_from_service" not in q2 or not q2["status_from_service"].any()
    assert q2.set_index("measure_id").loc["E03", "status"] == "Amber"  # 62 against 60, lower is better: within 5%


def test_a_bad_fills_setting_is_refused_with_what_to_type(tmp_path, capsys):
    path, _ = build_coloured_figures(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[measures]\nfills = "colours"\n')
    assert main(["validate", str(path)]) != 0
    assert '[measures] fills = \'colours\': say "status"' in capsys.readouterr().err


def test_one_colour_over_every_figure_is_styling_not_a_status(tmp_path):
    """Input cells shaded pale yellow (Amber by hue) in every row: read from the figures, nothing said."""
    rows = [["Ref", "Indicator", "Good is", "Target", "Q2 2024/25"]]
    fills = {}
    for ref, name, pol, target, _, _, q2, _ in MEASURES:
        rows.append([ref, name, pol, target, q2])
        fills[f"E{len(rows)}"] = "FFFF99"
    path = write_workbook(tmp_path / "inputs.xlsx", [SheetSpec("KPIs", rows, fills=fills)])
    frame = perfkit.assess_measures(perfkit.read_measures(path))
    assert "status_from_service" not in frame or not frame["status_from_service"].any()
    assert frame.set_index("measure_id").loc["E01", "status"] == "Green"
    assert not [p for p in frame.attrs["problems"] if "filled" in p.message]


def test_a_few_coloured_figures_are_said_and_rated_from_their_figures(tmp_path):
    """Two figures highlighted red and amber, the rest plain: too few to be a status column; said, rated as the figures say."""
    rows = [["Ref", "Indicator", "Good is", "Target", "Q2 2024/25"]]
    for ref, name, pol, target, _, _, q2, _ in MEASURES:
        rows.append([ref, name, pol, target, q2])
    path = write_workbook(tmp_path / "highlights.xlsx", [SheetSpec("KPIs", rows, fills={"E2": "Red", "E6": "Amber"})])
    frame = perfkit.assess_measures(perfkit.read_measures(path))
    assert frame.set_index("measure_id").loc["E01", "status"] == "Green"  # 51.2 against 50, whatever its red fill
    assert any("2 of the 7 figures in column 'Q2 2024/25' are filled red or amber" in p.message for p in frame.attrs["problems"])

"""Risk registers as councils keep them: the Council Plan monitoring table, and registers scored quarter by quarter.

Each generator holds its risks as plain data (impact and likelihood as the officer typed them,
or each quarter's residual score), writes them the way a council lays its register out, and
works out the truth itself: the level each word stands for, impact x likelihood, and the band
the score falls in on the matrix the register uses. Risks have no RAG status, so the truth is
given per risk in ``Truth.columns`` (ratings and scores), and periods where the register has them.
"""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse.risks import risk_summary
from perfkit.present.risks import briefing_section

FAMILY = "risk registers"

# The generators' own scales: the words officers type and the level each stands for.
THREE = {"H": 3, "M": 2, "L": 1, "High": 3, "Medium": 2, "Low": 1}


def band3(score: int) -> str:
    """The 3x3 matrix's band (1-2 Low, 3-4 Medium, 5-9 High)."""
    return "Low" if score <= 2 else "Medium" if score <= 4 else "High"


def band5(score: float) -> str:
    """The 5x5 matrix's band (1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high)."""
    return "Low" if score <= 4 else "Medium" if score <= 9 else "High" if score <= 14 else "Very high"


# Council Plan monitoring risks: (risk, impact and likelihood before, the mitigating action, impact and likelihood after).
MONITORING = [
    ("Failure to deliver the housing programme because of contractor capacity", ("H", "H"), "Programme board meets monthly", ("M", "H")),
    ("Loss of key staff in children's services", ("M", "H"), "Succession plans and a market supplement", ("M", "M")),
    ("Income shortfall from car parking", ("High", "Medium"), "Review of charges", ("Low", "Medium")),
    ("Flooding of the depot", ("M", "L"), "Flood barriers installed", ("L", "L")),
    ("Cyber attack disrupts council services", ("H", "M"), "Patching, backups and staff training", ("H", "L")),
    ("Homelessness demand exceeds temporary accommodation", ("H", "H"), "New leasing scheme", ("H", "M")),
]


def _monitoring_truth(risks) -> dict:
    inh = [THREE[i] * THREE[l] for _, (i, l), _, _ in risks]
    res = [THREE[i] * THREE[l] for _, _, _, (i, l) in risks]
    return {"inherent_score": [float(s) for s in inh], "inherent_rating": [band3(s) for s in inh],
            "residual_score": [float(s) for s in res], "residual_rating": [band3(s) for s in res]}


@layout(FAMILY, "Council Plan monitoring table, one header row, H/M/L")
def build_monitoring_plain(folder):
    """Exactly as the monitoring report prints it: no reference, no band, the mitigating action between the pairs."""
    rows = [["Council Plan 2024/25: quarterly monitoring report"], ["Quarter 2 (July to September 2024)"], [],
            ["Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"]]
    for title, (i0, l0), action, (i1, l1) in MONITORING:
        rows.append([title, i0, l0, action, i1, l1])
    rows += [[], ["Key: H = High, M = Medium, L = Low"], ["Source: service risk registers, October 2024"]]
    path = write_workbook(folder / "council_plan_monitoring_q2_2024-25.xlsx", [SheetSpec("Risks", rows)])
    return path, Truth({"risks": len(MONITORING)}, "2024/25 Q2", columns={"risks": _monitoring_truth(MONITORING)},
                       periods={"risks": ["2024/25 Q2"]})


@layout(FAMILY, "Council Plan monitoring table, Current risk / Residual risk bands, merged")
def build_monitoring_bands(folder):
    """A two-row header: 'Current risk' over the first pair (before mitigation), 'Residual risk' over the second;
    Ref, the risk and the action merged down both rows; a priority as a section row."""
    rows = [["Council Plan monitoring: strategic risks"], ["2024/25 Quarter 2"], [],
            ["Ref", "Risk description", "Current risk", None, "Mitigating action", "Residual risk", None],
            [None, None, "Impact", "Likelihood", None, "Impact", "Likelihood"]]
    merges = ["A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:G4"]
    half = len(MONITORING) // 2
    for n, (title, (i0, l0), action, (i1, l1)) in enumerate(MONITORING, start=1):
        if n == 1:
            rows.append(["Priority 1: Homes for all"])
        if n == half + 1:
            rows.append(["Priority 2: A well-run council"])
        words = {"H": "High", "M": "Medium", "L": "Low"}
        rows.append([f"SR{n}", title, words.get(i0, i0), words.get(l0, l0), action, words.get(i1, i1), words.get(l1, l1)])
    path = write_workbook(folder / "strategic_risks.xlsx", [SheetSpec("Strategic risks", rows, merges=merges)])
    truth = _monitoring_truth(MONITORING)
    truth["category"] = ["Homes for all"] * half + ["A well-run council"] * (len(MONITORING) - half)
    return path, Truth({"risks": len(MONITORING)}, "2024/25 Q2", columns={"risks": truth})


# A service register scored 1-5: (risk, consequence and likelihood before, controls, after).
SERVICE = [
    ("Failure to meet the statutory timescale for planning decisions", (4, 4), "Agency staff; extension agreements", (3, 3)),
    ("Budget overspend on home to school transport", (5, 4), "Route review and independent travel training", (4, 4)),
    ("Waste contract disruption at renewal", (4, 2), "Contingency plan with the neighbouring council", (3, 2)),
    ("Data breach through lost devices", (3, 3), "Encryption on every laptop", (3, 1)),
]


@layout(FAMILY, "service register, Before / After mitigation bands, consequence x likelihood")
def build_consequence(folder):
    rows = [["Environment and Planning: service risk register Q3 2024/25"], [],
            [None, "Before mitigation", None, None, None, "After mitigation", None, None],
            ["Description of risk", "Consequence", "Likelihood", "Score", "Controls in place", "Consequence", "Likelihood", "Score"]]
    for title, (c0, l0), controls, (c1, l1) in SERVICE:
        rows.append([title, c0, l0, c0 * l0, controls, c1, l1, c1 * l1])
    rows += [[], ["Scores: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high"]]
    path = write_workbook(folder / "service_risks.xlsx", [SheetSpec("Register", rows)])
    inh = [c * l for _, (c, l), _, _ in SERVICE]
    res = [c * l for _, _, _, (c, l) in SERVICE]
    return path, Truth({"risks": len(SERVICE)}, "2024/25 Q3", periods={"risks": ["2024/25 Q3"]}, columns={"risks": {
        "inherent_score": [float(s) for s in inh], "residual_score": [float(s) for s in res],
        "residual_rating": [band5(s) for s in res], "inherent_impact": [float(c) for _, (c, _), _, _ in SERVICE]}})


# A corporate register tracked quarter on quarter: (ref, risk, owner, inherent score, residual score each quarter, direction).
CORPORATE = [
    ("CR01", "Cyber attack disrupts council services", "Head of IT", 20, (16, 12), "Improving"),
    ("CR02", "Budget gap in the medium-term financial plan", "Section 151 Officer", 25, (16, 20), "Worsening"),
    ("CR03", "Recruitment and retention of social workers", "Director of People", 16, (9, 9), "No change"),
    ("CR04", "Safeguarding failure", "Director of People", 15, (8, 8), "No change"),
    ("CR05", "Climate adaptation of council buildings", "Head of Estates", 12, (6, 4), "Improving"),
]


def _quarters_truth(register, q: int = 0) -> dict:
    return {"inherent_score": [float(x[3]) for x in register], "residual_score": [float(x[4][q]) for x in register],
            "residual_rating": [band5(x[4][q]) for x in register]}


@layout(FAMILY, "corporate register, Residual Q1 | Residual Q2")
def build_residual_quarters(folder, register=CORPORATE):
    rows = [["Corporate Risk Register 2024/25"], ["Reported to Audit Committee, November 2024"], [],
            ["Ref", "Risk", "Risk owner", "Inherent score", "Residual Q1", "Residual Q2", "Direction of travel"]]
    for ref, title, owner, inherent, (q1, q2), direction in register:
        rows.append([ref, title, owner, inherent, q1, q2, direction])
    rows += [[], ["Note: scores are impact x likelihood on a 5 x 5 matrix."]]
    path = write_workbook(folder / "corporate_risk_register.xlsx", [SheetSpec("Corporate risks", rows)])
    return path, Truth({"risks": len(register)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": _quarters_truth(register)})


@layout(FAMILY, "corporate register, Residual risk score Q1 2024/25 with the year in the header")
def build_residual_score_headers(folder):
    rows = [["Strategic risk register"], [],
            ["Risk ref", "Description of the risk", "Owner", "Residual risk score Q1 2024/25", "Residual risk score Q2 2024/25"]]
    for ref, title, owner, _, (q1, q2), _ in CORPORATE:
        rows.append([ref, title, owner, q1, q2])
    path = write_workbook(folder / "strategic_register.xlsx", [SheetSpec("Risks", rows)])
    truth = _quarters_truth(CORPORATE)
    del truth["inherent_score"]
    return path, Truth({"risks": len(CORPORATE)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]}, columns={"risks": truth})


@layout(FAMILY, "corporate register, a 'Residual risk score 2024/25' band over Q1 | Q2 | Q3 | Q4, Q3 and Q4 empty")
def build_year_band_over_quarters(folder):
    rows = [["Corporate Risk Register 2024/25"], ["Quarter 2 review, reported to Audit and Governance Committee"], [],
            ["Risk ref", "Risk title", "Risk owner", "Inherent risk", None, None, "Residual risk score 2024/25", None, None, None,
             "Direction of travel"],
            [None, None, None, "L", "I", "Score", "Q1", "Q2", "Q3", "Q4", None]]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:F4", "G4:J4", "K4:K5"]
    for ref, title, owner, inherent, (q1, q2), direction in CORPORATE:
        likelihood = next(n for n in (5, 4, 3, 2, 1) if inherent % n == 0 and inherent // n <= 5)
        rows.append([ref, title, owner, likelihood, inherent // likelihood, inherent, q1, q2, None, None, direction])
    path = write_workbook(folder / "corporate_risk_register_2024-25.xlsx", [SheetSpec("Register", rows, merges=merges)])
    return path, Truth({"risks": len(CORPORATE)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": _quarters_truth(CORPORATE)})


@layout(FAMILY, "one tab per quarter, each with its scoring key under the table")
def build_tab_per_quarter_with_keys(folder):
    """Each quarter's tab keeps its own copy of the key: the tabs were taken for registers on different matrices (the
    keys' cells differ), so the summary had no bands, and every risk was 'closed' between the quarters."""
    sheets = []
    for q, tab in ((0, "Q1 2024-25"), (1, "Q2 2024-25")):
        rows = [[f"Corporate risk register - {tab.replace('-', '/')}"], [],
                ["Ref", "Risk", "Owner", "Inherent score", "Residual score", "Direction of travel"]]
        for ref, title, owner, inherent, scores, direction in CORPORATE:
            rows.append([ref, title, owner, inherent, scores[q], direction if q else None])
        rows += [[], ["Key: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high"]]
        sheets.append(SheetSpec(tab, rows))
    path = write_workbook(folder / "corporate_risks_2024-25.xlsx", sheets)
    return path, Truth({"risks": len(CORPORATE)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": {"residual_score": [float(x[4][0]) for x in CORPORATE]}})


@layout(FAMILY, "directorate register, Q1 residual score with directorate sections")
def build_q_first(folder):
    rows = [["Directorate risk registers 2024/25"], [],
            ["Ref", "Risk and its causes", "Lead officer", "Q1 residual score", "Q2 residual score", "Q3 residual score"]]
    sections = {"CR01": "Resources", "CR03": "People"}
    for ref, title, owner, _, (q1, q2), _ in CORPORATE:
        if ref in sections:
            rows.append([f"Directorate: {sections[ref]}"])
        rows.append([ref, title, owner, q1, q2, None])  # Q3 not yet assessed
    path = write_workbook(folder / "directorate_risks.xlsx", [SheetSpec("Registers", rows)])
    truth = _quarters_truth(CORPORATE)
    del truth["inherent_score"]
    return path, Truth({"risks": len(CORPORATE)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]}, columns={"risks": truth})


@layout(FAMILY, "board assurance framework: BAF ref, Principal risk, Executive lead, scores under a 'Current risk rating' band")
def build_board_assurance_framework(folder):
    rows = [["Integrated Care Partnership - Board Assurance Framework 2024/25"], ["Position at the end of Quarter 2 (30 September 2024)"], [],
            [None, None, None, "Initial risk rating", None, None, "Current risk rating", None, None],
            ["BAF ref", "Principal risk", "Executive lead", "Consequence", "Likelihood", "Rating (C x L)", "Q1", "Q2", "Target risk rating"]]
    for ref, title, owner, inherent, (q1, q2), _ in CORPORATE:
        c = 5 if inherent % 5 == 0 else 4
        rows.append([ref, title, owner, c, inherent // c, inherent, q1, q2, 6])
    path = write_workbook(folder / "baf.xlsx", [SheetSpec("BAF", rows, merges=["D4:F4", "G4:H4"])])
    truth = _quarters_truth(CORPORATE)
    truth["owner"] = [x[2] for x in CORPORATE]
    return path, Truth({"risks": len(CORPORATE)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]}, columns={"risks": truth})


# Rated in words each quarter, with no scores: (ref, risk, Q1 rating, Q2 rating).
RATED = [("R1", "Loss of the leisure contract", "High", "Medium"), ("R2", "Delays to the local plan", "Medium", "High"),
         ("R3", "Poor air quality at schools", "Low", "Low"), ("R4", "Town centre footfall falls further", "High", "High")]


@layout(FAMILY, "Q1 | Q2 under a merged Residual band, rated High/Medium/Low")
def build_rated_band(folder):
    rows = [["Economy and regeneration: risk log 2024/25"], [],
            [None, None, "Residual", None, None], ["Ref", "Risk", "Q1", "Q2", "Comments"]]
    for ref, title, q1, q2 in RATED:
        rows.append([ref, title, q1, q2, "Reviewed at DMT"])
    path = write_workbook(folder / "risk_log.xlsx", [SheetSpec("Risk log", rows, merges=["C3:D3"])])
    return path, Truth({"risks": len(RATED)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": {"residual_rating": [q1 for _, _, q1, _ in RATED]}})


# ---------------------------------------------------------------------------------------------- movement and the summary


def _movement(register) -> dict:
    """The generator's own movement between the two quarters."""
    out = {"increased": [], "decreased": [], "unchanged": []}
    for ref, _, _, _, (q1, q2), _ in register:
        out["increased" if q2 > q1 else "decreased" if q2 < q1 else "unchanged"].append(ref)
    return out


@pytest.mark.parametrize("build", [build_residual_quarters, build_residual_score_headers, build_q_first, build_board_assurance_framework,
                                   build_year_band_over_quarters, build_tab_per_quarter_with_keys])
def test_movement_between_quarters_is_computed_from_the_residual_scores(build, tmp_path):
    path, _ = build(tmp_path)
    s = risk_summary(perfkit.read_risks(path))
    assert str(s.period) == "2025Q2" and str(s.previous) == "2025Q1"
    assert s.movement_basis == "previous assessment" and s.moved_by == "score"
    want = _movement(CORPORATE)
    assert {k: s.movement[k] for k in want} == want
    assert s.to_dict()["by_rating"]["Very high"]["residual"] == sum(band5(x[4][1]) == "Very high" for x in CORPORATE)


def test_direction_words_that_disagree_with_the_quarters_scores_are_listed(tmp_path):
    path, _ = build_residual_quarters(tmp_path)
    assert risk_summary(perfkit.read_risks(path)).disagreements == []  # every officer's word agrees with the scores
    said = [(*x[:5], "Improving" if x[0] == "CR03" else x[5]) for x in CORPORATE]  # CR03 held at 9 but is said to improve
    path, _ = build_residual_quarters(tmp_path, said)
    assert risk_summary(perfkit.read_risks(path)).disagreements == [
        {"risk_id": "CR03", "direction": "decreased", "scores": "unchanged", "from": 9.0, "to": 9.0}]


def test_rated_registers_move_by_their_band(tmp_path):
    path, _ = build_rated_band(tmp_path)
    risks = perfkit.read_risks(path)
    s = risk_summary(risks)
    order = ["Low", "Medium", "High"]
    want = {"increased": [r for r, _, a, b in RATED if order.index(b) > order.index(a)],
            "decreased": [r for r, _, a, b in RATED if order.index(b) < order.index(a)],
            "unchanged": [r for r, _, a, b in RATED if a == b]}
    assert {k: s.movement[k] for k in want} == want and s.moved_by == "rating"
    assert s.matrix.names == order  # the register's words set a three-band scale, said aloud
    assert any("High/Medium/Low words" in p.message for p in risks.attrs["problems"])
    assert "by their residual ratings" in briefing_section(risks)


def _summary_json(path, capsys) -> dict:
    from perfkit.cli import main

    assert main(["summary", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_summary_json_gives_the_monitoring_tables_risk_figures(tmp_path, capsys):
    path, truth = build_monitoring_plain(tmp_path)
    doc = _summary_json(path, capsys)
    risks = doc["risks"]
    assert doc["period"] == "2024/25 Q2" and risks["total"] == len(MONITORING)
    for band in ("Low", "Medium", "High"):
        assert risks["by_rating"][band] == {"inherent": truth.columns["risks"]["inherent_rating"].count(band),
                                            "residual": truth.columns["risks"]["residual_rating"].count(band)}
    assert risks["matrix"].startswith("3x3")


def test_summary_json_gives_movement_for_quarterly_residual_columns(tmp_path, capsys):
    path, _ = build_residual_quarters(tmp_path)
    risks = _summary_json(path, capsys)["risks"]
    assert risks["movement_basis"] == "previous assessment" and risks["movement_by"] == "score"
    assert {k: risks["movement"][k] for k in ("increased", "decreased", "unchanged")} == _movement(CORPORATE)


def test_both_layouts_read_with_no_warnings_so_brief_publishes(tmp_path):
    for build in (build_monitoring_plain, build_monitoring_bands, build_residual_quarters, build_consequence):
        folder = tmp_path / build.__name__
        folder.mkdir()
        path, _ = build(folder)
        risks = perfkit.read_risks(path)
        assert not [p for p in risks.attrs["problems"] if p.severity != "info"], build.__name__


def test_the_briefing_section_of_a_register_with_scores_only_draws_no_empty_matrix(tmp_path):
    path, _ = build_residual_quarters(tmp_path)
    html = briefing_section(perfkit.read_risks(path))
    assert "no matrix is drawn" in html and "<svg" not in html and "<img" not in html
    m = _movement(CORPORATE)
    said = (f"Since 2024/25 Q1, by their residual scores: {len(m['increased'])} increased ({', '.join(m['increased'])}), "
            f"{len(m['decreased'])} decreased ({', '.join(m['decreased'])}) and {len(m['unchanged'])} unchanged.")
    assert said in html.replace("\n", " ")


# ---------------------------------------------------------------------------------------------- how the pairs are told apart


def _problems(frame, severity=None):
    return [p for p in frame.attrs["problems"] if severity is None or p.severity == severity]


def test_the_mitigation_column_between_the_pairs_is_said_aloud(tmp_path):
    path, _ = build_monitoring_plain(tmp_path)
    notes = [p.message for p in _problems(perfkit.read_risks(path), "info")]
    assert any("before 'Mitigating action' (Risks!D4)" in m and "inherent: Risks!B4, Risks!C4" in m for m in notes), notes


def test_current_risk_beside_residual_risk_is_before_mitigation_and_said(tmp_path):
    path, truth = build_monitoring_bands(tmp_path)
    risks = perfkit.read_risks(path)
    assert list(risks["inherent_rating"].astype(str)) == truth.columns["risks"]["inherent_rating"]
    notes = [p for p in _problems(risks, "info") if "'Current risk'" in p.message]
    assert notes and notes[0].source == "Strategic risks!C4" and "before mitigation (inherent" in notes[0].message


def test_current_risk_beside_target_risk_is_the_residual_risk(tmp_path):
    """'Current risk' means after mitigation where the band beside it is the target."""
    rows = [["Corporate risk register Q2 2024/25"], [], [None, None, "Current risk", None, "Target risk", None],
            ["Ref", "Risk", "Impact", "Likelihood", "Impact", "Likelihood"], ["CR1", "Flooding", 4, 4, 2, 2], ["CR2", "Fraud", 3, 2, 2, 2]]
    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", rows, merges=["C3:D3", "E3:F3"])])
    risks = perfkit.read_risks(path)
    assert risks["residual_score"].tolist() == [16.0, 6.0] and risks["target_score"].tolist() == [4.0, 4.0]
    assert risks["inherent_score"].isna().all()


def test_a_title_that_says_current_is_not_a_band(tmp_path):
    rows = [["Current risks", None], ["Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Impact", "Likelihood"],
            ["R1", "Flooding", 4, 4, "Barriers", 2, 3]]
    path = write_workbook(tmp_path / "risks_2024-25_Q2.xlsx", [SheetSpec("Risks", rows)])
    risks = perfkit.read_risks(path)
    assert (risks["inherent_score"].tolist(), risks["residual_score"].tolist()) == ([16.0], [6.0])


PLAIN = [["Risk register 2024/25 Q2"], [], ["Ref", "Risk", "Impact", "Likelihood", "Impact", "Likelihood", "Owner"],
         ["R1", "Flooding of the depot", 3, 3, 2, 3, "Head of Operations"], ["R2", "Loss of key staff", 2, 3, 1, 2, "Head of HR"]]


def test_two_bare_pairs_are_read_in_order_with_a_warning_giving_the_lines_to_type(tmp_path):
    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", PLAIN)])
    risks = perfkit.read_risks(path)
    assert risks["inherent_score"].tolist() == [9.0, 6.0] and risks["residual_score"].tolist() == [6.0, 2.0]
    (warning,) = _problems(risks, "warning")
    assert warning.source == "Risks!C3:F3"
    for said in ("Risks!C3, Risks!D3; Risks!E3, Risks!F3", "no mitigation column between them and no band",
                 '"Impact" = "inherent_impact" and "Likelihood" = "inherent_likelihood"', '[sheets."Risks".columns]'):
        assert said in warning.message, said


def test_the_lines_the_warning_gives_silence_it_and_read_the_same(tmp_path):
    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", PLAIN)])
    (tmp_path / "perfkit.toml").write_text('[sheets."Risks".columns]\n"Impact" = "inherent_impact"\n"Likelihood" = "inherent_likelihood"\n',
                                           encoding="utf-8")
    risks = perfkit.read_risks(path)
    assert not _problems(risks, "warning")
    assert risks["inherent_score"].tolist() == [9.0, 6.0] and risks["residual_score"].tolist() == [6.0, 2.0]
    assert any("the second 'Impact' (E) read as residual_impact" in p.message for p in _problems(risks, "info"))


# ---------------------------------------------------------------------------------------------- headers renamed within their meaning

TITLES = ["Description of the risk", "Risk description", "Description of risk", "Risk and its causes", "Risk", "The risk",
          "Risk title", "Risk and consequences"]
IMPACTS = ["Impact", "Consequence", "Severity", "I"]
LIKELIHOODS = ["Likelihood", "Probability", "L"]
ACTIONS = ["Mitigating action", "Mitigating actions", "Controls in place", "Mitigation", "Actions to mitigate", "Existing controls"]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("impact, likelihood, action", list(zip(IMPACTS, LIKELIHOODS * 2, ACTIONS)))
def test_the_monitoring_table_reads_under_any_of_its_wordings(title, impact, likelihood, action, tmp_path):
    rows = [["Quarterly monitoring 2024/25 Q2"], [], [title, impact, likelihood, action, impact, likelihood]]
    rows += [[t, i0, l0, a, i1, l1] for t, (i0, l0), a, (i1, l1) in MONITORING]
    path = write_workbook(tmp_path / "monitoring.xlsx", [SheetSpec("Risks", rows)])
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"risks"}
    risks = frames["risks"]
    truth = _monitoring_truth(MONITORING)
    assert list(risks["inherent_rating"].astype(str)) == truth["inherent_rating"]
    assert list(risks["residual_rating"].astype(str)) == truth["residual_rating"]
    assert not _problems(risks, "warning")


def test_current_and_residual_columns_in_one_header_row_are_before_and_after(tmp_path):
    rows = [["Risk register Q2 2024/25"], [], ["Ref", "Risk", "Current impact", "Current likelihood", "Mitigating action",
                                               "Residual impact", "Residual likelihood"],
            ["CR1", "Flooding", 4, 4, "Barriers", 3, 2], ["CR2", "Fraud", 4, 3, "Audit", 2, 2]]
    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", rows)])
    risks = perfkit.read_risks(path)
    assert risks["inherent_score"].tolist() == [16.0, 12.0] and risks["residual_score"].tolist() == [6.0, 4.0]
    notes = [p for p in _problems(risks, "info") if p.message.startswith("'Current impact' sits before 'Residual impact'")]
    assert notes and notes[0].source == "Risks!C3"
    assert not _problems(risks, "warning")


def test_current_beside_both_inherent_and_residual_is_a_warning_with_the_lines_to_type(tmp_path):
    rows = [["Risk register Q2 2024/25"], [], ["Ref", "Risk", "Inherent risk score", "Current risk score", "Residual risk score"],
            ["CR1", "Flooding", 20, 16, 6], ["CR2", "Fraud", 16, 12, 4]]
    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", rows)])
    risks = perfkit.read_risks(path)
    assert risks["residual_score"].tolist() == [16.0, 12.0]
    (warning,) = _problems(risks, "warning")
    assert warning.source == "Risks!E3"
    assert '"Residual risk score" = "residual_score" and "Current risk score" = "ignore"' in warning.message
    (tmp_path / "perfkit.toml").write_text('[sheets."Risks".columns]\n"Residual risk score" = "residual_score"\n'
                                           '"Current risk score" = "ignore"\n', encoding="utf-8")
    risks = perfkit.read_risks(path)
    assert risks["residual_score"].tolist() == [6.0, 4.0] and not _problems(risks, "warning")


@pytest.mark.parametrize("build", [build_monitoring_plain, build_monitoring_bands, build_consequence, build_residual_quarters])
def test_perfkit_init_writes_a_file_that_reads_the_register_the_same(build, tmp_path, capsys):
    """Repeated headers (Impact before and after mitigation) are written once, the repeat as a comment: TOML keys are unique."""
    from perfkit.cli import main

    path, truth = build(tmp_path)
    assert main(["init", str(path)]) == 0
    written = (tmp_path / "perfkit.toml").read_text(encoding="utf-8")
    assert main(["validate", str(path)]) == 0, written
    risks = perfkit.read_risks(path)
    firsts = risks.drop_duplicates("risk_id")
    for column, values in truth.columns["risks"].items():
        assert list(firsts[column].astype(str) if column.endswith("rating") or column == "category" else firsts[column]) == values, column
    assert not _problems(risks, "warning")


def test_perfkit_init_on_two_bare_pairs_writes_the_lines_the_warning_asks_for(tmp_path, capsys):
    from perfkit.cli import main

    path = write_workbook(tmp_path / "r.xlsx", [SheetSpec("Risks", PLAIN)])
    assert main(["init", str(path)]) == 0
    written = (tmp_path / "perfkit.toml").read_text(encoding="utf-8")
    assert '"Impact" = "inherent_impact"' in written and "# \"Impact\" again: read as residual_impact" in written
    risks = perfkit.read_risks(path)
    assert risks["residual_score"].tolist() == [6.0, 2.0] and not _problems(risks, "warning")


# ---------------------------------------------------------------------------------------------- current columns beside quarters

# A service register rated H/M/L: (ref, risk, current residual impact and likelihood, the rating each quarter, direction).
SERVICE_HML = [
    ("SV1", "Swimming pool closure for repairs", ("H", "M"), ("Medium", "High"), "Increasing"),
    ("SV2", "Events income below budget", ("M", "L"), ("High", "Low"), "Decreasing"),
    ("SV3", "Theatre roof leaks", ("H", "H"), ("High", "High"), "Stable"),
    ("SV4", "Volunteer numbers fall", ("M", "M"), ("Low", "Medium"), "Increasing"),
    ("SV5", "Archive records lost in a flood", ("L", "L"), ("Low", "Low"), "Stable"),
]


def _rating_movement(register) -> dict:
    order = ["Low", "Medium", "High"]
    out = {"increased": [], "decreased": [], "unchanged": []}
    for ref, _, _, (q1, q2), _ in register:
        a, b = order.index(q1), order.index(q2)
        out["increased" if b > a else "decreased" if b < a else "unchanged"].append(ref)
    return out


@layout(FAMILY, "service register, current residual rating beside Residual Q1 | Residual Q2 ratings, H/M/L")
def build_current_rating_beside_quarters(folder, register=SERVICE_HML):
    """The current impact, likelihood and rating, then the rating each quarter: the current rating is Q2's, never Q1's."""
    rows = [["Culture and Leisure: service risk register 2024/25"], [],
            ["Ref", "Risk", "Residual impact", "Residual likelihood", "Residual rating", "Residual Q1", "Residual Q2",
             "Direction of travel"]]
    for ref, title, (i, l), (q1, q2), direction in register:
        rows.append([ref, title, i, l, band3(THREE[i] * THREE[l]), q1, q2, direction])
    rows += [[], ["Key: H = High, M = Medium, L = Low"]]
    path = write_workbook(folder / "service_register.xlsx", [SheetSpec("Service risks", rows)])
    return path, Truth({"risks": len(register)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": {"residual_rating": [x[3][0] for x in register]}})


def test_a_current_rating_never_overwrites_the_first_quarters_rating(tmp_path, capsys):
    path, _ = build_current_rating_beside_quarters(tmp_path)
    risks = perfkit.read_risks(path)
    q1 = risks[risks["period"].astype(str) == "2025Q1"]
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert list(q1["residual_rating"].astype(str)) == [x[3][0] for x in SERVICE_HML]
    assert list(q2["residual_rating"].astype(str)) == [x[3][1] for x in SERVICE_HML]
    assert q1["residual_impact"].isna().all()  # the current impact is Q2's alone
    assert list(q2["residual_impact"]) == [float(THREE[x[2][0]]) for x in SERVICE_HML]
    assert not _problems(risks, "warning")
    notes = [p for p in _problems(risks, "info") if "has no quarter of its own" in p.message]
    assert [p.source for p in notes] == ["Service risks!C3", "Service risks!D3", "Service risks!E3"]
    s = risk_summary(risks)
    want = _rating_movement(SERVICE_HML)
    assert {k: s.movement[k] for k in want} == want and s.disagreements == []
    doc = _summary_json(path, capsys)["risks"]
    assert {k: doc["movement"][k] for k in want} == want and doc["direction_disagrees"] == []


def test_a_current_rating_that_disagrees_with_the_quarters_own_is_a_warning_naming_both_cells(tmp_path):
    path, _ = build_current_rating_beside_quarters(tmp_path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Service risks"]["E5"] = "Medium"  # SV2's current rating; its Q2 column says Low
    wb.save(path)
    risks = perfkit.read_risks(path)
    (warning,) = _problems(risks, "warning")
    assert warning.source == "Service risks!G5"
    assert "'Residual rating' (Service risks!E5)" in warning.message and "the quarter's own column is used" in warning.message
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert q2.loc[q2["risk_id"] == "SV2", "residual_rating"].astype(str).item() == "Low"


# A corporate register scored 1-5: (ref, risk, current residual impact and likelihood, the residual score each quarter).
SCORED = [
    ("CR1", "Funding gap in the medium-term plan", (5, 3), (20, 15)),
    ("CR2", "Social care market fragility", (4, 4), (12, 16)),
    ("CR3", "Cyber attack", (3, 3), (9, 9)),
    ("CR4", "Failure of a key contractor", (2, 3), (10, 6)),
]


@layout(FAMILY, "corporate register, current residual impact x likelihood beside Residual score Q1 | Q2")
def build_current_pair_beside_scores(folder):
    rows = [["Corporate Risk Register 2024/25 - Quarter 2 review"], [],
            ["Risk ID", "Risk description", "Residual impact", "Residual likelihood", "Residual score",
             "Residual score Q1", "Residual score Q2", "Target score"]]
    for ref, title, (i, l), (q1, q2) in SCORED:
        rows.append([ref, title, i, l, i * l, q1, q2, 6])
    path = write_workbook(folder / "corporate_register_q2.xlsx", [SheetSpec("Corporate risks", rows)])
    return path, Truth({"risks": len(SCORED)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]},
                       columns={"risks": {"residual_score": [float(x[3][0]) for x in SCORED],
                                          "residual_rating": [band5(x[3][0]) for x in SCORED]}})


def test_the_current_impact_and_likelihood_belong_to_the_latest_quarter_only(tmp_path):
    path, _ = build_current_pair_beside_scores(tmp_path)
    risks = perfkit.read_risks(path)
    assert not _problems(risks, "warning")  # Q1's scores are not checked against today's impact x likelihood
    q1 = risks[risks["period"].astype(str) == "2025Q1"]
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert q1["residual_impact"].isna().all() and q1["residual_likelihood"].isna().all()
    assert list(q2["residual_impact"] * q2["residual_likelihood"]) == [float(x[3][1]) for x in SCORED]
    assert list(q1["residual_score"]) == [float(x[3][0]) for x in SCORED]
    s = risk_summary(risks)
    assert s.movement["decreased"] == [r for r, _, _, (a, b) in SCORED if b < a]
    assert s.movement["increased"] == [r for r, _, _, (a, b) in SCORED if b > a]


def test_the_quarters_score_that_disagrees_with_the_current_pair_is_still_a_warning(tmp_path):
    path, _ = build_current_pair_beside_scores(tmp_path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Corporate risks"]["G6"] = 12  # CR3's Q2 score, where its impact x likelihood is 9
    wb.save(path)
    warnings = _problems(perfkit.read_risks(path), "warning")
    assert [w.source for w in warnings if "disagrees with impact x likelihood" in w.message] == ["Corporate risks!G6"]


# ---------------------------------------------------------------------------------------------- two-row header, words with a key

# The register's own key: impact and likelihood words and the level each stands for (Moderate is 2 here, not 3).
IMPACT_KEY = {"Minor": 1, "Moderate": 2, "Significant": 3, "Major": 4, "Catastrophic": 5}
LIKELIHOOD_KEY = {"Rare": 1, "Unlikely": 2, "Possible": 3, "Likely": 4, "Almost certain": 5}
# (ref, risk, inherent impact and likelihood, residual impact and likelihood now, the residual rating in Q1)
WORDED = [
    ("SR1", "Financial sustainability", ("Catastrophic", "Likely"), ("Major", "Possible"), "Very high"),
    ("SR2", "Safeguarding failure", ("Catastrophic", "Possible"), ("Major", "Unlikely"), "Medium"),
    ("SR3", "Cyber security", ("Major", "Likely"), ("Major", "Possible"), "Medium"),
    ("SR4", "Climate change adaptation", ("Moderate", "Likely"), ("Moderate", "Possible"), "Medium"),
    ("SR5", "Elections delivered late", ("Significant", "Unlikely"), ("Minor", "Unlikely"), "Low"),
]


def _worded_score(pair) -> int:
    return IMPACT_KEY[pair[0]] * LIKELIHOOD_KEY[pair[1]]


@layout(FAMILY, "strategic register, two-row header with Q1 rating | Q2 rating merged down, impact words and their key")
def build_two_row_ratings(folder):
    """Inherent and residual bands over Impact | Likelihood | Rating; the quarters' ratings merged down both rows;
    the key under the table gives each word's level and the rating bands."""
    rows = [["Strategic Risk Register 2024/25 - Quarter 2"], [],
            ["Risk no.", "Risk title", "Inherent risk", None, None, "Key controls", "Residual risk", None, None, "Q1 rating", "Q2 rating"],
            [None, None, "Impact", "Likelihood", "Rating", None, "Impact", "Likelihood", "Rating", None, None]]
    for ref, title, inh, res, q1 in WORDED:
        now = band5(_worded_score(res))
        rows.append([ref, title, *inh, band5(_worded_score(inh)), "Controls reviewed", *res, now, q1, now])
    rows += [[], ["Impact: " + ", ".join(f"{w} {n}" for w, n in IMPACT_KEY.items()) + ". Likelihood: "
                  + ", ".join(f"{w} {n}" for w, n in LIKELIHOOD_KEY.items()) + "."],
             ["Rating: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high"]]
    merges = ["C3:E3", "G3:I3"] + [f"{c}3:{c}4" for c in "ABFJK"]
    path = write_workbook(folder / "strategic_risks.xlsx", [SheetSpec("Strategic risks", rows, merges=merges)])
    return path, Truth({"risks": len(WORDED)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]}, columns={"risks": {
        "inherent_score": [float(_worded_score(x[2])) for x in WORDED], "inherent_rating": [band5(_worded_score(x[2])) for x in WORDED],
        "residual_rating": [x[4] for x in WORDED]}})


def test_ratings_merged_down_a_two_row_header_are_each_quarters_own(tmp_path):
    path, _ = build_two_row_ratings(tmp_path)
    risks = perfkit.read_risks(path)
    assert not [p for p in _problems(risks, "warning") if "no header" in p.message or "not read" in p.message]
    q1 = risks[risks["period"].astype(str) == "2025Q1"]
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert list(q1["residual_rating"].astype(str)) == [x[4] for x in WORDED]
    assert list(q2["residual_score"]) == [float(_worded_score(x[3])) for x in WORDED]
    order = ["Low", "Medium", "High", "Very high"]
    s = risk_summary(risks)
    moved = [(r, order.index(band5(_worded_score(res))) - order.index(q1)) for r, _, _, res, q1 in WORDED]
    assert s.movement["increased"] == [r for r, d in moved if d > 0] and s.movement["decreased"] == [r for r, d in moved if d < 0]
    assert s.movement["unchanged"] == [r for r, d in moved if d == 0]


def test_the_key_under_the_table_gives_the_levels_of_its_words(tmp_path):
    path, truth = build_two_row_ratings(tmp_path)
    risks = perfkit.read_risks(path).drop_duplicates("risk_id")
    assert list(risks["inherent_score"]) == truth.columns["risks"]["inherent_score"]  # Moderate x Likely = 2 x 4, not 3 x 4
    notes = [p for p in _problems(perfkit.read_risks(path), "info") if "impact words read from the key" in p.message]
    assert notes and notes[0].source == "Strategic risks!A11" and "Moderate = 2" in notes[0].message


def test_an_officers_rating_that_disagrees_with_the_keys_levels_is_a_warning(tmp_path):
    path, _ = build_two_row_ratings(tmp_path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Strategic risks"]["E8"] = "High"  # SR4: Moderate x Likely is 2 x 4 = 8, Medium on the key's bands
    wb.save(path)
    warnings = _problems(perfkit.read_risks(path), "warning")
    assert [w.source for w in warnings] == ["Strategic risks!E8"] and "its score 8, which is Medium" in warnings[0].message


def test_key_levels_reads_either_order_and_ignores_short_lists():
    from perfkit.read.kinds.risks import key_levels

    assert key_levels(["Impact: 1 = Minor, 2 = Moderate, 3 = Serious"]) == {"impact": {"minor": 1, "moderate": 2, "serious": 3}}
    assert key_levels(["Likelihood: Rare 1, Unlikely 2"]) == {}
    assert key_levels(["Consequence - Low 1, Medium 2, High 3"]) == {"impact": {"low": 1, "medium": 2, "high": 3}}


def test_bare_arrows_for_direction_are_read_and_said_aloud(tmp_path):
    """'↑' / '↓' / '↔' in a register's direction column were read as increased, decreased and unchanged with no word: an
    arrow says which way, not whether that is better, so how it was read is a note naming the cells."""
    rows = [["Corporate Risk Register, Quarter 2 2024/25"], [],
            ["Risk ref", "Risk", "Risk owner", "Impact", "Likelihood", "Direction of travel"],
            ["CR1", "Budget gap", "S151 Officer", 4, 4, "↑"], ["CR2", "Cyber attack", "Head of IT", 5, 3, "↔"],
            ["CR3", "Workforce", "Head of HR", 3, 3, "↓"]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)])
    risks = perfkit.read_risks(path)
    assert risks["direction"].astype(str).tolist() == ["increased", "unchanged", "decreased"]
    note = next(p for p in risks.attrs["problems"] if "given as arrows" in p.message)
    assert note.source == "Register!F4:F6" and note.severity == "info"


# A 4x4 register kept with all three assessments: (ref, inherent L, I; current L, I; target L, I).
THREE_BANDS = [("CR01", (4, 4), (3, 4), (2, 3)), ("CR02", (4, 3), (3, 3), (2, 2)), ("CR03", (3, 4), (2, 2), (2, 2)),
               ("CR04", (4, 4), (2, 3), (1, 3)), ("CR05", (3, 3), (1, 3), (1, 2))]


def band4(score: int) -> str:
    """The 4x4 register's bands (1-3 Low, 4-6 Medium, 8-9 High, 12-16 Very high)."""
    return "Low" if score <= 3 else "Medium" if score <= 6 else "High" if score <= 9 else "Very high"


@layout(FAMILY, "district register, Inherent | Current | Target risk bands, each worded in brackets, over Likelihood | Impact | Score")
def build_inherent_current_target(folder):
    """'Target risk (after further actions)' is the target however it words its 'after': 'Current risk (with existing
    controls)' beside it is where the risk stands now, and the target's own likelihood and impact are not the current ones."""
    rows = [["Corporate Risk Register: Quarter 2 2024/25 review"], [],
            ["Risk ref", "Risk title", "Inherent risk (before controls)", None, None, "Existing controls",
             "Current risk (with existing controls)", None, None, "Further actions planned", "Target risk (after further actions)", None, None],
            [None, None, "Likelihood", "Impact", "Inherent score", None, "Likelihood", "Impact", "Current risk score", None,
             "Likelihood", "Impact", "Target risk score"]]
    for ref, inh, cur, tgt in THREE_BANDS:
        rows.append([ref, f"Risk {ref}", *inh, inh[0] * inh[1], "See risk record", *cur, cur[0] * cur[1], "See risk record",
                     *tgt, tgt[0] * tgt[1]])
    rows += [[], ["Bands: 1-3 Low, 4-6 Medium, 8-9 High, 12-16 Very high"]]
    merges = ["C3:E3", "G3:I3", "K3:M3"]
    path = write_workbook(folder / "corporate_risk_register.xlsx", [SheetSpec("Corporate Risk Register", rows, merges=merges)])
    score = lambda pair: pair[0] * pair[1]  # noqa: E731
    return path, Truth({"risks": len(THREE_BANDS)}, "2024/25 Q2", columns={"risks": {
        "inherent_score": [float(score(x[1])) for x in THREE_BANDS], "inherent_rating": [band4(score(x[1])) for x in THREE_BANDS],
        "residual_score": [float(score(x[2])) for x in THREE_BANDS], "residual_rating": [band4(score(x[2])) for x in THREE_BANDS],
        "target_score": [float(score(x[3])) for x in THREE_BANDS]}})


def test_current_between_inherent_and_a_worded_target_band_is_where_the_risk_stands(tmp_path):
    path, truth = build_inherent_current_target(tmp_path)
    risks = perfkit.read_risks(path)
    assert not _problems(risks, "warning")
    for col in ("inherent_score", "residual_score", "target_score"):
        assert risks[col].tolist() == truth.columns["risks"][col], col
    assert risks["residual_likelihood"].tolist() == [float(x[2][0]) for x in THREE_BANDS]


def test_a_key_sheet_for_two_registers_gives_each_its_own_bands_and_neither_loses_a_band(tmp_path):
    """One 'Risk Key' sheet with a line of bands for the H/M/L Council Plan risks and one for the 5x5 service register:
    the lines were run together (1-2 Low ... 6-9 High, 15-25 Very high) and the H/M/L table scored on the 5x5 scale; and
    read together, a 3x3 register's Low, Medium, High cast the 5x5 one's 'Very high' away."""
    key = [["Risk scoring key"], ["Council Plan key risks: H = 3, M = 2, L = 1."], ["Bands: 1-2 Low, 3-4 Medium, 6-9 High."],
           ["Service risk registers (5 x 5)"], ["Bands: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high."]]
    plan = [["Council Plan monitoring - key risks, Quarter 2 2024/25"],
            ["Ref", "Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"]]
    plan += [[f"CP{n}", title, i0, l0, action, i1, l1] for n, (title, (i0, l0), action, (i1, l1)) in enumerate(MONITORING, start=1)]
    service = [["Service risk register - Quarter 2 2024/25"], ["Risk ID", "Risk", "Likelihood", "Impact", "Residual score"],
               ["SR1", "Fleet breakdowns", 4, 3, 12], ["SR2", "Damp and mould claims", 5, 4, 16], ["SR3", "Tree inspections", 2, 2, 4]]
    path = write_workbook(tmp_path / "risks_q2_2024-25.xlsx", [SheetSpec("Risk Key", key), SheetSpec("Council Plan risks", plan),
                                                               SheetSpec("Service register", service)])
    risks = perfkit.read_risks(path)
    matrices = risks.attrs["risk_matrices"]
    assert matrices["Council Plan risks"].describe() == "3x3, 1-2 Low, 3-4 Medium, 6-9 High"
    assert matrices["Service register"].names[-1] == "Very high"
    truth = _monitoring_truth(MONITORING)
    cp = risks[risks["risk_id"].str.startswith("CP")]
    assert cp["residual_rating"].astype(str).tolist() == truth["residual_rating"]
    assert risks.loc[risks["risk_id"] == "SR2", "residual_rating"].astype(str).tolist() == ["Very high"]


def test_one_assessment_beside_last_quarters_score_is_this_quarters(tmp_path):
    """'Impact | Likelihood | Score | Previous score (Q1)' on a Quarter 2 register: the one assessment was read as before
    mitigation and the register's quarter as Q1, from the previous score alone, so this quarter's scores were lost."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"], ["Ref", "Risk", "Impact", "Likelihood", "Score", "Previous score (Q1)"],
            ["CR01", "Funding gap", 4, 3, 12, 16], ["CR02", "Cyber attack", 4, 2, 8, 8], ["CR03", "Flooding", 3, 3, 9, 6]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)]))
    s = risk_summary(risks)
    assert perfkit.period_label(s.period) == "2024/25 Q2"
    now = risks[risks["period"] == s.period]
    assert now["residual_score"].tolist() == [i * l for _, _, i, l, _, _ in rows[2:]]
    assert s.movement["decreased"] == ["CR01"] and s.movement["unchanged"] == ["CR02"] and s.movement["increased"] == ["CR03"]


def test_a_list_of_emerging_risks_under_the_register_is_not_its_risks(tmp_path):
    """'Emerging risks' under a register, headed 'Ref | Emerging risk | Description | Lead': its rows (and its header row,
    as a risk called 'Emerging risk') were counted among the register's risks."""
    rows = [["Corporate Risk Register - Quarter 3 2024/25"], ["Risk ref", "Risk", "Risk owner", "Likelihood", "Impact"],
            ["CR1", "Funding gap", "S151", 4, 4], ["CR2", "Cyber attack", "CDO", 3, 4], [],
            ["Emerging risks (horizon scanning - not yet scored)"], ["Ref", "Emerging risk", "Description", "Lead"],
            ["E1", "Reorganisation", "Devolution may reorganise councils", "Chief Executive"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("CRR", rows)]))
    assert risks["risk_id"].tolist() == ["CR1", "CR2"]
    assert any("header of another list" in p.message for p in risks.attrs["problems"])


def test_a_block_repeating_the_registers_header_is_more_of_it_and_a_list_between_blocks_is_a_warning(tmp_path):
    """A register in blocks, each under the header again, with another table between two of them: the header row was
    read as a risk called 'Risk' (or refused), and the table between as risks."""
    rows = [["Risk register"], ["Ref", "Risk", "Likelihood", "Impact"], ["R1", "Funding gap", 4, 4], [],
            ["Ref", "Indicator", "Good is", "Target"], ["PI1", "Homes built", "High", 100], [],
            ["Ref", "Risk", "Likelihood", "Impact"], ["R9", "Flooding", 2, 3]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "register_q2_2024-25.xlsx", [SheetSpec("Risks", rows)]))
    assert risks["risk_id"].tolist() == ["R1", "R9"]
    assert any(p.severity == "warning" and "are another table" in p.message for p in risks.attrs["problems"])


def test_a_measures_tolerance_in_percent_on_the_cover_is_no_risk_appetite(tmp_path):
    """A scorecard's cover key 'Within tolerance | Up to 5% short of target' beside a Council Plan risk table: the 5 was
    taken as the register's appetite, and three risks were said to be above it."""
    cover = [["Corporate scorecard - Quarter 2 2024/25"], ["Key"], ["On target", "At or better than target"],
             ["Within tolerance", "Up to 5% short of target"], ["Off target", "More than 5% short of target"]]
    rows = [["Council Plan risks - Quarter 2 2024/25"],
            ["Ref", "Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"],
            ["CR1", "Funding gap", "H", "H", "Savings plan", "H", "M"], ["CR2", "Cyber attack", "H", "M", "Training", "M", "M"]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Cover", cover), SheetSpec("Corporate risks", rows)])
    s = risk_summary(perfkit.read_risks(path))
    assert s.above_appetite is None and s.matrix.appetite is None


def test_closed_in_this_quarters_score_closes_the_risk(tmp_path, capsys):
    """An IJB register writes 'Closed' in the Q2 residual score of the risk it closed: refused as 'neither a number nor a
    band', so nothing was read. It is closed in Q2: out of the live count, and closed in the movement."""
    rows = [["Strategic risk register"], ["September 2024 (Quarter 2 2024/25)"], [],
            ["Ref", "Risk", "Owner", "Residual Q1", "Residual Q2"],
            ["SR01", "Workforce capacity", "Chief Officer", 16, 20], ["SR02", "Financial balance", "CFO", 16, 16],
            ["SR03", "Winter pressures", "Head of Ops", 6, "Closed"]]
    path = write_workbook(tmp_path / "ijb_register.xlsx", [SheetSpec("Risks", rows)])
    risks = _summary_json(path, capsys)["risks"]
    assert risks["total"] == 2
    assert risks["movement"]["closed"] == ["SR03"] and risks["movement"]["increased"] == ["SR01"]
    frame = perfkit.read_risks(path)
    said = [p for p in frame.attrs["problems"] if p.source == "Risks!E7"]
    assert len(said) == 1 and said[0].severity == "info" and "closed then" in said[0].message


@pytest.mark.parametrize("size", [3, 5])
def test_an_appetite_stated_as_a_bands_floor_is_read_only_where_the_matrix_has_that_band(size, tmp_path):
    """'Risks rated High (6 or more) after mitigation are outside the Council's appetite': not read at all, so none was
    above appetite; read, it must not be laid on a 5x5 register whose High begins at 10."""
    scores = {3: [("R1", "H", "H"), ("R2", "M", "H"), ("R3", "L", "M")], 5: [("R1", 4, 4), ("R2", 2, 4), ("R3", 1, 2)]}[size]
    rows = [["Corporate risk register, Quarter 2 2024/25"], [],
            ["Ref", "Risk", "Owner", "Residual likelihood", "Residual impact"]]
    rows += [[ref, f"Risk {ref}", "Director", lik, imp] for ref, lik, imp in scores]
    key = [["Risk scoring"], ["Low (1-2)"], ["Medium (3-4)"], ["High (6-9)"] if size == 3 else ["High (10-14)"], [],
           ["Risk appetite: risks rated High (6 or more) after mitigation are outside the Council's appetite and are reported to Cabinet."]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Risks", rows), SheetSpec("Risk Key", key)])
    frame = perfkit.read_risks(path)
    matrix = frame.attrs["risk_matrix"]
    if size == 3:
        assert matrix.appetite == 5.5
        assert sorted(risk_summary(frame).above_appetite) == ["R1", "R2"]
    else:
        assert matrix.appetite is None


def _register_with_closed_tab(tmp_path, closed_rows, struck=False):
    from openpyxl.styles import Font

    rows = [["Corporate risk register"], ["Quarter 2 2024/25"], [],
            ["Risk ref", "Risk title", "Risk owner", "Residual Q1", "Residual Q2", "Status"],
            ["CRR01", "Funding gap", "Treasurer", 16, 20, "Open"], ["CRR02", "Cyber attack", "Head of ICT", 12, 12, "Open"],
            ["CRR03", "Transferred to the service register", "Head of Ops", 9, 9, "Open"]]
    path = write_workbook(tmp_path / "corporate_register_q2.xlsx",
                          [SheetSpec("Corporate", rows), SheetSpec("Closed risks", closed_rows)])
    if struck:
        import openpyxl

        wb = openpyxl.load_workbook(path)
        wb["Corporate"]["B7"].font = Font(strike=True)
        wb.save(path)
    return path


@pytest.mark.parametrize("closed_rows", [
    # the last score given, under 'Final residual score'
    [["Risks closed in Quarter 2 2024/25"], [], ["Risk ref", "Risk title", "Risk owner", "Date closed", "Final residual score"],
     ["CRR13", "Covid-19 recovery", "Director", "15/07/2024", 6]],
    # Q1's score with Q2's column empty under a title naming Q2
    [["Risks closed in Quarter 2 2024/25"], [], ["Risk ref", "Risk title", "Risk owner", "Residual Q1", "Residual Q2"],
     ["CRR13", "Covid-19 recovery", "Director", 6, None]],
])
def test_a_closed_risks_tab_counts_its_risks_closed_and_is_no_directorate(closed_rows, tmp_path, capsys):
    """A fire authority's 'Closed risks' tab ('Final residual score'), and a county's (Q1 scored, Q2 empty): its header was
    not found, or its one risk was dropped with its only assessment, so movement said nothing closed; and the tab's
    name made 'Corporate' and 'Closed' two directorates."""
    path = _register_with_closed_tab(tmp_path, closed_rows)
    risks = _summary_json(path, capsys)["risks"]
    assert risks["total"] == 3 and "CRR13" in risks["movement"]["closed"]
    frame = perfkit.read_risks(path)
    assert "directorate" not in frame or frame["directorate"].isna().all()


def test_a_risk_struck_through_but_not_closed_is_a_warning(tmp_path):
    path = _register_with_closed_tab(tmp_path, [["Notes"], ["No risks closed this quarter."]], struck=True)
    frame = perfkit.read_risks(path)
    warned = [p for p in frame.attrs["problems"] if p.severity == "warning" and "struck through" in p.message]
    assert len(warned) == 1 and warned[0].source == "Corporate!B7" and "(CRR03)" in warned[0].message
    plain = perfkit.read_risks(_register_with_closed_tab(tmp_path / "x" if (tmp_path / "x").mkdir() is None else tmp_path,
                                                         [["Notes"], ["None."]]))
    assert not [p for p in plain.attrs["problems"] if "struck through" in p.message]


def test_a_risk_closed_in_an_earlier_quarter_on_the_closed_tab_is_not_closed_since_the_last(tmp_path, capsys):
    """'Strategic risks closed during 2024/25' with a 'Date closed' column: SR17, closed in May (Q1), was counted closed
    in Q2's movement beside the two closed in Q2. And the register's 'Risk profile' tab of counts by band was 'a tracker
    perfkit could not find the header of', a warning that stopped the brief."""
    closed = [["Strategic risks closed during 2024/25"], [],
              ["Risk ref", "Risk title", "Risk owner", "Final current score", "Date closed"],
              ["CRR13", "Pay award", "S151", 9, day(2024, 8, 15)], ["CRR14", "General election", "Monitoring Officer", 6, day(2024, 7, 31)],
              ["CRR17", "Leisure transfer", "Director of Place", 8, day(2024, 5, 20)]]
    path = _register_with_closed_tab(tmp_path, closed)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Risk profile")
    for row in [["Risk profile - current scores, Quarter 2 2024/25"], [], ["Rating", "Number of risks", "Change since Q1"],
                ["High", 2, "+1"], ["Medium", 4, "-1"], ["Low", 1, "0"], ["Total", 7, None]]:
        ws.append(row)
    wb.save(path)
    risks = _summary_json(path, capsys)["risks"]
    assert sorted(risks["movement"]["closed"]) == ["CRR13", "CRR14"]
    frame = perfkit.read_risks(path)
    assert any("closed before 2024/25 Q2 began (CRR17 (20/05/2024))" in p.message for p in frame.attrs["problems"])
    assert not [p for p in perfkit.validate(path).warnings if p.source.startswith("Risk profile")]


def test_a_welsh_key_sheets_bands_named_in_both_languages_rate_the_register(tmp_path):
    """'1-4 | Isel / Low', '5-10 | Canolig / Medium', '12-16 | Uchel / High', '20-25 | Uchel iawn / Very high' on a Welsh
    council's key sheet: not read, so perfkit's default bands rated 10 High and 16 Very high with nothing said."""
    key = [["Allwedd sgorio risg / Risk scoring key"], ["Sgôr / Score", "Band"], ["1-4", "Isel / Low"], ["5-10", "Canolig / Medium"],
           ["12-16", "Uchel / High"], ["20-25", "Uchel iawn / Very high"]]
    reg = [["Cofrestr Risg Corfforaethol – Chwarter 2 2024/25 / Corporate Risk Register – Quarter 2 2024/25"],
           ["Cyf. / Ref", "Risg / Risk", "Effaith / Impact", "Tebygolrwydd / Likelihood", "Sgôr / Score"],
           ["CRR01", "Funding gap", 4, 4, 16], ["CRR03", "Cyber attack", 5, 2, 10], ["CRR04", "Welsh Language Standards", 2, 2, 4],
           ["CRR07", "Homelessness", 4, 5, 20]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "cofrestr.xlsx", [SheetSpec("Allwedd - Key", key), SheetSpec("Cofrestr - Register", reg)]))
    assert risks.attrs["risk_matrix"].describe().startswith("5x5, 1-4 Low, 5-10 Medium, 12-16 High, 20-25 Very high")
    rating = [c for c in ("residual_rating", "rating") if c in risks][0]
    assert risks.set_index("risk_id")[rating].astype(str).to_dict() == {"CRR01": "High", "CRR03": "Medium", "CRR04": "Low",
                                                                         "CRR07": "Very high"}


def test_a_residual_product_beside_its_score_gives_the_matrix_after_mitigation(tmp_path):
    """'Current (residual) risk' merged over 'I x L | Score' ('4x4' | '16 (High)'), a closed risk's product 'Closed': the
    score column was read and the product beside it dropped with nothing said, so the brief wrote 'The register gives no
    impact and likelihood after mitigation' and drew no matrix after mitigation."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"], [],
            ["Ref", "Risk", "Inherent risk", "Current (residual) risk", None, "Target risk"],
            [None, None, "I x L", "I x L", "Score", "Score"],
            ["CR01", "Funding gap", "5x5", "4x4", "16 (High)", "8 (Medium)"], ["CR02", "Cyber attack", "5x4", "5x3", "15 (High)", "10 (High)"],
            ["CR03", "Temporary accommodation", "4x5", "4x4", "16 (High)", "9 (Medium)"], ["CR04", "Flooding", "4x4", "3x3", "9 (Medium)", "6 (Medium)"],
            ["CR09", "Leisure contract", "3x3", "Closed", "Closed", "4 (Low)"]]
    merges = ["A3:A4", "B3:B4", "D3:E3"]
    risks = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows, merges=merges)]))
    live = risks[risks["risk_id"] != "CR09"].set_index("risk_id")
    assert live["residual_impact"].tolist() == [4, 5, 4, 3] and live["residual_likelihood"].tolist() == [4, 3, 4, 3]
    assert any(p.source == "Register!D4" and "residual likelihood and impact as their product" in p.message for p in risks.attrs["problems"])


def test_a_closed_risks_tab_perfkit_cannot_read_is_a_warning_never_text_only(tmp_path):
    """'Risgiau caeedig - Closed', titled 'Risks closed during Quarter 2 2024/25', a header and one risk: noted as 'text
    only, not a table: not data', so the closed risk was missing from the movement with nothing said."""
    reg = [["Corporate Risk Register – Quarter 2 2024/25"], ["Ref", "Risk", "Impact", "Likelihood", "Score"],
           ["CRR01", "Funding gap", 4, 4, 16], ["CRR03", "Cyber attack", 5, 2, 10]]
    closed = [["Risgiau a gaewyd yn ystod Chwarter 2 2024/25 / Risks closed during Quarter 2 2024/25"],
              ["Cyf. / Ref", "Risg / Risk", "Perchennog / Owner", "Sgôr olaf / Last score", "Dyddiad cau / Date closed"],
              ["CRR13", "Shared Prosperity Fund programme", "Head of Regeneration", 6, day(2024, 8, 15)]]
    report = perfkit.validate(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Cofrestr - Register", reg),
                                                                           SheetSpec("Risgiau caeedig - Closed", closed)]))
    entry = next(e for e in report.inventory if e.sheet == "Risgiau caeedig - Closed")
    assert entry.severity == "warning" and entry.note.startswith("a tab of closed items")


def test_a_risk_laid_out_over_two_rows_with_its_reference_merged_is_one_risk(tmp_path):
    """A county's corporate risk register, each risk over two rows: reference, owner and scores merged over both, the
    second row the risk's description, its assurance and its action owner. The merged values were copied down and each
    description row read as a risk of its own: 20 risks, each above its target twice."""
    from layout_builders import SheetSpec, write_workbook

    risks = [("CR01", "Financial sustainability", 5, 5, 4, 4, 16, 8), ("CR02", "Children's placements", 5, 5, 5, 4, 16, 12),
             ("CR03", "Cyber security", 5, 4, 4, 3, 12, 12)]
    rows = [["Corporate Risk Register – Quarter 2 2024/25"], [],
            ["Risk ref", "Risk title and description", "Risk owner", "Inherent risk", None, None, "Controls", "Current risk", None, None,
             "Previous quarter score", "Target score", "Further actions"],
            [None, None, None, "Impact", "Likelihood", "Score", None, "Impact", "Likelihood", "Score", None, None, None]]
    merges = ["D3:F3", "H3:J3"]
    for ref, title, ii, il, ci, cl, prev, target in risks:
        first = len(rows) + 1
        rows.append([ref, title, "Director", ii, il, ii * il, "Controls in place.", ci, cl, ci * cl, prev, target, "Action."])
        rows.append([None, f"Risk that {title.lower()} fails. Consequences: service disruption.", None, None, None, None,
                     "Assurance: audit 2024.", None, None, None, None, None, "Owner: Director – March 2025"])
        merges += [f"{c}{first}:{c}{first + 1}" for c in "ACDEFHIJKL"]
    path = write_workbook(tmp_path / "corporate_risk_register_q2.xlsx", [SheetSpec("Corporate Risk Register", rows, merges=merges)])
    rk = perfkit.read_risks(path)
    now = rk[rk["period"] == perfkit.parse_period("2024/25 Q2")]
    assert sorted(now["risk_id"]) == ["CR01", "CR02", "CR03"]
    assert not [p.message for p in rk.attrs["problems"] if p.severity == "warning"]
    assert any("'CR01' is laid out over rows 5 to 6" in p.message for p in rk.attrs["problems"])


def test_a_risk_scoring_sheet_beside_the_register_is_a_key_never_a_tracker_warned_of(tmp_path):
    """A fire authority's 'Risk scoring' sheet (likelihood and impact levels, rating bands, appetite): its bands were read
    by the register, and the sheet was warned of as a tracker whose header perfkit could not find, holding the brief."""
    from layout_builders import SheetSpec, write_workbook

    scoring = [["Risk scoring guidance"], [], ["Likelihood", None, None, "Impact", None],
               [1, "Rare", None, 1, "Insignificant"], [2, "Unlikely", None, 2, "Minor"], [3, "Possible", None, 3, "Moderate"],
               [4, "Likely", None, 4, "Major"], [5, "Almost certain", None, 5, "Catastrophic"], [],
               ["Risk rating (likelihood x impact)"], ["1 - 4", "Low"], ["5 - 10", "Medium"], ["12 - 16", "High"], ["20 - 25", "Very high"]]
    register = [["Corporate Risk Register – Quarter 2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact", "Score"],
                ["CR01", "Funding gap", 4, 4, 16], ["CR02", "Cyber attack", 3, 4, 12]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Risk scoring", scoring), SheetSpec("Corporate Risk Register", register)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    (entry,) = [e for e in report.inventory if e.sheet == "Risk scoring"]
    assert entry.note.startswith("a key or scoring guide")


def test_a_dash_for_a_new_risks_previous_rating_is_no_rating_never_a_warning(tmp_path):
    """`Previous residual rating (Q1 2024/25)` holding '–' for a risk new this quarter: warned of as 'not a band', holding
    the brief; no perfkit.toml line could say a dash means no rating."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Corporate Risk Register – Quarter 2 2024/25"],
            ["Ref", "Risk", "Likelihood", "Impact", "Residual rating", "Previous residual rating (Q1 2024/25)", "Direction of travel"],
            ["CR01", "Funding gap", "High", "High", "High", "High", "↔ No change"],
            ["CR03", "Cyber attack", "High", "Medium", "High", "Medium", "↑ Increased"],
            ["CR10", "Fleet replacement", "Medium", "Medium", "Medium", "–", "New"]]
    rk = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Corporate Risk Register", rows)]))
    assert not [p.message for p in rk.attrs["problems"] if p.severity == "warning"]
    s = perfkit.risk_summary(rk)
    assert s.movement["increased"] == ["CR03"] and s.movement["new"] == ["CR10"]


def test_closed_across_a_closed_risks_current_scores_is_closed_never_an_error(tmp_path):
    """'Closed' merged across a closed risk's current impact, likelihood and score stopped the whole register: 'residual
    impact 'Closed' is not a level on the 5-point scale', with no line that could help."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Strategic Risk Register – Quarter 3 2024/25"],
            ["Ref", "Risk", "Previous score", "Current impact", "Current likelihood", "Current score"],
            ["SR01", "Funding gap", 16, 4, 4, 16], ["SR02", "Cyber attack", 9, 4, 3, 12],
            ["SR11", "Election arrangements", 6, "Closed", None, None]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Strategic Risk Register", rows, merges=["D5:F5"])])
    rk = perfkit.read_risks(path)
    assert not [p.message for p in rk.attrs["problems"] if p.severity in ("error", "warning")]
    s = perfkit.risk_summary(rk)
    assert s.movement["closed"] == ["SR11"] and s.movement["increased"] == ["SR02"]


def test_a_council_plan_hml_table_beside_a_5x5_register_with_a_key_keeps_its_own_scale(tmp_path):
    """A corporate register scored 5x5 with its key on 'Risk matrix', and the Council Plan risk table as printed (H / M /
    L): the key's 5x5 bands were put on the H/M/L table, its risks summed into the register's, six of them 'new' and two
    'above appetite', and the corporate register's closed risk closed twice."""
    corporate = [["Corporate Risk Register – Quarter 2 2024/25"],
                 ["Risk ref", "Risk", "Risk owner", "Inherent impact", "Inherent likelihood", "Residual impact",
                  "Residual likelihood", "Residual Q1", "Residual Q2", "Target score"],
                 ["CR01", "Financial sustainability", "S151 officer", 5, 5, 5, 4, 20, 20, 12],
                 ["CR02", "Care market fragility", "DASS", 5, 4, 4, 4, 16, 16, 9],
                 ["CR05", "Recruitment and retention", "Director of People", 4, 4, 3, 4, 16, 12, 8],
                 ["CR11", "Information governance", "Monitoring Officer", 4, 3, 3, 2, 6, 6, 6], [],
                 ["Risks removed this quarter:"], ["CR09 Cost of living – de-escalated to the Resources directorate risk register."]]
    key = [["Risk scoring matrix and appetite"], [], ["Likelihood"], ["5 Almost certain", 5, 10, 15, 20, 25], ["4 Likely", 4, 8, 12, 16, 20],
           ["3 Possible", 3, 6, 9, 12, 15], ["2 Unlikely", 2, 4, 6, 8, 10], ["1 Rare", 1, 2, 3, 4, 5],
           ["Impact", "1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Critical"], [],
           ["Risk rating bands: 1-4 Low; 5-10 Medium; 12-16 High; 20-25 Very high."],
           ["Risk appetite: a residual risk scoring 12 or more is outside the Council's appetite."]]
    plan = [["Council Plan 2024-28 – key risks to delivery"], ["Quarter 2 2024/25 monitoring report. H = High, M = Medium, L = Low."], [],
            ["Council Plan priority", "Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"],
            ["A thriving economy", "Businesses do not take up the skills programme", "H", "M", "Growth Hub engagement", "M", "L"],
            ["A thriving economy", "Town centre vacancies rise", "H", "H", "High street grants", "H", "M"],
            ["Healthy communities", "Too few affordable homes", "H", "H", "Housing company", "H", "H"]]
    path = write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Corporate Risk Register", corporate), SheetSpec("Council Plan risks", plan),
                                                    SheetSpec("Risk matrix", key)])
    from perfkit.analyse.risks import registers, risk_summary
    rk = perfkit.read_risks(path)
    assert not [p.message for p in rk.attrs["problems"] if p.severity == "warning"]  # the key's 1 to 5 is the other register's
    parts = {p.attrs["register"]: p for p in registers(rk)}
    assert parts["Council Plan risks"].attrs["risk_matrix"].size == 3
    plan_summary = risk_summary(parts["Council Plan risks"], "2024/25 Q2")
    assert plan_summary.movement["new"] == [] and plan_summary.movement["closed"] == []
    corporate_summary = risk_summary(parts["Corporate Risk Register"], "2024/25 Q2")
    assert corporate_summary.movement["closed"] == ["CR09"] and corporate_summary.above_appetite == ["CR01", "CR02", "CR05"]


def test_a_register_rated_in_words_alone_states_no_bands_of_scores_and_says_target_rating(tmp_path):
    """'Inherent rating | Residual Q1 | Residual Q2 | Target rating' in High / Medium / Low, no score anywhere: the briefing
    printed 'Bands: 3x3, 1-2 Low, 3-4 Medium, 5-9 High', a banding the register does not have, and 'target score'."""
    from perfkit.present.narrative import risk_paragraph

    rows = [["Strategic Risk Register 2024/25, Quarter 2"],
            ["Ref", "Description of the risk", "Risk owner", "Inherent rating", "Residual Q1", "Residual Q2", "Target rating"],
            ["SR1", "Funding gap", "Chief Finance Officer", "High", "High", "High", "Medium"],
            ["SR2", "Supplier failure", "Head of Procurement", "High", "Medium", "Medium", "Low"],
            ["SR4", "Data breach", "SIRO", "Medium", "Medium", "Low", "Low"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Strategic risks", rows)]))
    summary = risk_summary(risks)
    assert summary.to_dict()["matrix"] is None and summary.above_target == ["SR1", "SR2"]
    assert "above their target rating (SR1, SR2)" in risk_paragraph(summary, "risk")
    html = briefing_section(risks, "2024/25 Q2")
    assert "Bands:" not in html and "1-2 Low" not in html and "rates each risk Low, Medium, High" in html


def test_a_bare_pair_beside_a_current_and_a_previous_score_is_the_current_assessment(tmp_path):
    """'Likelihood | Impact | Current score | Previous score (Q1) | Target score': the one pair was read as before
    mitigation, so the briefing said '4 were high before it' and drew a matrix the register does not hold."""
    rows = [["Corporate Risk Register"], ["Quarter 2 2024/25 review"],
            ["Risk ref", "Risk title", "Risk owner", "Likelihood", "Impact", "Current score", "Previous score (Q1)", "Target score"],
            ["CR01", "Housing revenue account pressures", "Dir. Housing", 3, 4, 12, 12, 6],
            ["CR02", "Data protection breach", "SIRO", 2, 3, 6, 9, 4],
            ["CR03", "Temporary accommodation demand", "Dir. Housing", 4, 4, 16, 12, 8]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risk Register", rows)]))
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert risks["inherent_impact"].isna().all() and risks["inherent_rating"].isna().all()
    assert list(q2["residual_impact"]) == [4, 3, 4] and list(q2["residual_likelihood"]) == [3, 2, 4]
    said = [p.message for p in _problems(risks, "info") if "read as the current (residual) assessment" in p.message]
    assert len(said) == 1 and "beside 'Current score'" in said[0]


def test_a_register_with_nothing_before_mitigation_never_says_it_gives_a_score_or_rating_for_it(tmp_path):
    """A 'Current risk' band and a 'Target risk' band, each over Impact | Likelihood | Score: the brief said the register
    gives 'no impact and likelihood before mitigation, only a score or rating', when it gives none at all."""
    rows = [["Corporate Risk Register, Quarter 2 2024/25"],
            ["Ref", "Risk", "Current risk", None, None, "Target risk", None, None],
            [None, None, "Impact", "Likelihood", "Score", "Impact", "Likelihood", "Score"],
            ["CR01", "Funding gap", 4, 4, 16, 3, 2, 6], ["CR02", "Cyber attack", 5, 3, 15, 4, 2, 8]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risks", rows, merges=["C2:E2", "F2:H2"])]))
    html = briefing_section(risks, "2024/25 Q2")
    assert "only a score or rating" not in html and "The register gives no assessment before mitigation" in html


def test_minor_moderate_major_on_a_3x3_register_are_its_three_levels(tmp_path):
    """Impact 'Minor / Moderate / Major' and likelihood 'Unlikely / Possible / Likely' under a note giving 3x3 bands: each
    cell was refused as 'not a level on the 3-point scale', and no setting could say otherwise."""
    rows = [["Strategic Risk Register - Q2 2024/25"],
            ["Risk ref", "Risk", "Impact", "Likelihood", "Residual impact", "Residual likelihood"],
            ["SR1", "Budget gap", "Major", "Likely", "Major", "Possible"],
            ["SR5", "Data breach", "Moderate", "Possible", "Minor", "Possible"],
            ["SR8", "Supplier failure", "Minor", "Possible", "Minor", "Unlikely"], [],
            ["Scoring: impact x likelihood on a 3x3 matrix. 1-2 Low, 3-4 Medium, 6-9 High."]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "srr.xlsx", [SheetSpec("Risks", rows)]))
    assert risks["inherent_score"].tolist() == [9, 4, 2] and risks["residual_score"].tolist() == [6, 2, 1]
    assert risks["residual_rating"].astype(str).tolist() == ["High", "Low", "Low"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("error", "warning")]


def test_an_operational_register_with_a_service_column_and_an_overall_rating_beside_a_strategic_one(tmp_path):
    """A strategic 5x5 register beside an operational H/M/L one with a 'Service' column and an 'Overall rating' after the
    'after controls' pair: every command stopped with KeyError: 'directorate', and the rating was read as before controls."""
    strategic = [["Corporate Risk Register - Quarter 2 2024/25"],
                 ["Risk ref", "Risk title", "Risk owner", "Inherent likelihood", "Inherent impact", "Residual likelihood", "Residual impact"],
                 ["SR1", "Financial sustainability", "S151 Officer", 5, 5, 4, 5], ["SR2", "Workforce capacity", "HR Director", 4, 4, 3, 4]]
    operational = [["Operational Risk Register - Quarter 2 2024/25"],
                   ["Ref", "Risk description", "Service", "Owner", "Impact (before controls)", "Likelihood (before controls)", "Mitigation",
                    "Impact (after controls)", "Likelihood (after controls)", "Overall rating"],
                   ["OR1", "Ageing waste fleet", "Waste", "Waste Manager", "H", "H", "Replacement programme", "M", "M", "Medium"],
                   ["OR3", "Library IT outage", "Libraries", "Libraries Manager", "M", "M", "Backups", "L", "L", "Low"]]
    path = write_workbook(tmp_path / "registers.xlsx", [SheetSpec("Strategic risks", strategic), SheetSpec("Operational risks", operational)])
    risks = perfkit.read_workbook(path)["risks"]
    ops = risks[risks["risk_id"].astype(str).str.startswith("OR")]
    assert ops["residual_rating"].astype(str).tolist() == ["Medium", "Low"] and ops["inherent_rating"].astype(str).tolist() == ["High", "Medium"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("warning", "error")]


def test_minor_to_critical_on_a_4x4_register_are_its_four_levels_never_scores_of_25(tmp_path):
    """'Minor ... Critical' and 'Unlikely ... Very likely' under 4x4 bands on a Scoring tab: read on the five-point scale,
    'Critical' x 'Very likely' scored 25 on a 4x4 matrix, every risk High, and the briefing stopped with an IndexError."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"],
            ["Ref", "Risk", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood"],
            ["CR1", "Balanced budget", "Critical", "Very likely", "Critical", "Likely"],
            ["CR4", "Safeguarding", "Major", "Possible", "Moderate", "Unlikely"],
            ["CR7", "Data breach", "Moderate", "Likely", "Minor", "Likely"]]
    scoring = [["Risk scoring matrix"], ["Rating", "Score range"], ["Low", "1-4"], ["Medium", "6-8"], ["High", "9-16"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risk Register", rows), SheetSpec("Scoring", scoring)]))
    assert risks["inherent_score"].tolist() == [16, 6, 6] and risks["residual_score"].tolist() == [12, 2, 3]
    assert risks["residual_rating"].astype(str).tolist() == ["High", "Low", "Low"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("warning", "error")]
    html = briefing_section(risks, "2024/25 Q2")  # the heat map of a 4x4 register, drawn
    assert "4x4" in html


def test_a_band_key_written_low_score_1_to_3_along_a_row_gives_every_band(tmp_path):
    """'Risk level key: | Low (score 1-3) | Medium (4-6) | High (8-9) | Very high (12-16)' under a 4x4 register: 'Low (score
    1-3)' was not read, the bands had no Low, and every 'Low' target was dropped ('is not a number')."""
    rows = [["Corporate Risk Register - Quarter 3 2024/25"],
            ["Risk ID", "Risk description", "Likelihood", "Impact", "Current risk level", "Target risk level"],
            ["FR01", "Crewing levels", 3, 3, "High", "Medium"], ["FR03", "Network loss", 2, 3, "Medium", "Low"],
            ["FR08", "Contaminants", 1, 4, "Medium", "Low"], [],
            ["Risk level key:", "Low (score 1-3)", "Medium (4-6)", "High (8-9)", "Very high (12-16)"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Corporate Risk Register", rows)]))
    assert risk_summary(risks).above_target == ["FR01", "FR03", "FR08"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("warning", "error")]


def test_a_band_with_its_score_in_brackets_is_the_score(tmp_path):
    """'Current risk' and 'Target risk' typed 'Very high (20)' and 'High (12)': neither read ('is not a number'), so no risk
    was known to be above its target."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"], ["Bands: 1-4 Low, 5-9 Medium, 10-15 High, 16-25 Very high."],
            ["Risk ID", "Risk title", "Current likelihood", "Current impact", "Current risk", "Target risk"],
            ["CR01", "Financial sustainability", 4, 5, "Very high (20)", "High (12)"],
            ["CR04", "Safeguarding failure", 2, 5, "High (10)", "High (10)"], ["CR07", "Major contract", 2, 2, "Low (4)", "Low (2)"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risk register", rows)]))
    assert risks["residual_score"].tolist() == [20, 10, 4] and risks["target_score"].tolist() == [12, 10, 2]
    assert risk_summary(risks).above_target == ["CR01", "CR07"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("warning", "error")]


def test_a_score_now_beside_a_score_at_the_last_review_gives_the_movement(tmp_path):
    """'Residual risk score (now) | Score last review': both 'not used by perfkit', so the register's movement was lost
    ('movement_basis': 'none') with no warning."""
    rows = [["Corporate Risk Register"], ["Quarter 3 2024/25 review"],
            ["Ref", "Risk description", "L", "I", "Residual risk score (now)", "Score last review", "Target"],
            ["CR01", "Balanced budget", 4, 5, 20, 16, 12], ["CR03", "Recruitment", 3, 3, 9, 12, 6], ["CR04", "Safeguarding", 2, 5, 10, 10, 10]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risk Register", rows)]))
    moved = risk_summary(risks).movement
    assert moved["increased"] == ["CR01"] and moved["decreased"] == ["CR03"] and moved["unchanged"] == ["CR04"]


def test_bands_glossed_in_brackets_and_a_matrix_sheet_labelled_word_then_level(tmp_path):
    """A fire authority's register: bands 'Current (inherent) risk' and 'Target (residual) risk after controls' (read as
    residual and target: the inherent figures lost), severity words Minor ... Major whose own matrix sheet numbers them
    'Minor (1)' ... 'Major (4)' (Significant read as 4, Major's level): seven correct ratings warned of as wrong."""
    rows = [["Severnvale Fire and Rescue Authority - Corporate Risk Register"], ["Quarter 2 2024/25 review"],
            ["", "", "", "Current (inherent) risk", "", "", "", "Target (residual) risk after controls", "", ""],
            ["Risk ref", "Risk", "Risk owner", "Likelihood", "Severity", "Risk rating", "Key controls", "Likelihood", "Severity", "Risk rating"],
            ["CR01", "On-call availability", "Director", "Almost certain", "Major", 16, "Plan", "Likely", "Major", 12],
            ["CR02", "Cyber attack", "Head of ICT", "Likely", "Major", 12, "Plan", "Possible", "Major", 8],
            ["CR03", "Funding gap", "Treasurer", "Almost certain", "Significant", 12, "Plan", "Likely", "Significant", 9],
            ["CR04", "Fleet delays", "Head of Fleet", "Likely", "Moderate", 6, "Plan", "Possible", "Moderate", 4],
            ["CR05", "Pension data", "Head of HR", "Possible", "Minor", 2, "Plan", "Unlikely", "Minor", 1]]
    matrix = [["Risk scoring matrix (likelihood x severity)"], ["Likelihood", "Minor (1)", "Moderate (2)", "Significant (3)", "Major (4)"],
              ["Almost certain (4)", 4, 8, 12, 16], ["Likely (3)", 3, 6, 9, 12], ["Possible (2)", 2, 4, 6, 8], ["Unlikely (1)", 1, 2, 3, 4],
              [], ["1-3 Low, 4-6 Medium, 8-9 High, 12-16 Very high"]]
    path = write_workbook(tmp_path / "frs_risks_q2_2024-25.xlsx",
                          [SheetSpec("Corporate risks", rows, merges=["D3:F3", "H3:J3"]), SheetSpec("Risk matrix", matrix)])
    r = perfkit.read_risks(path).set_index("risk_id")
    assert r["inherent_score"].tolist() == [16, 12, 12, 6, 2] and r["residual_score"].tolist() == [12, 8, 9, 4, 1]
    assert r.loc["CR03", "residual_impact"] == 3 and r.loc["CR02", "inherent_impact"] == 4
    assert not [p.message for p in r.attrs["problems"] if p.severity == "warning"]


def test_opportunities_on_a_register_are_not_counted_as_risks(tmp_path):
    """A corporate risk and opportunity register, `Type` Risk / Opportunity: 'Of 8 risks ... 3 increased', an opportunity's
    rising score (good news) counted as a risk that increased, with no word of the opportunities."""
    rows = [["Corporate risk and opportunity register - Q2 2024/25"],
            ["Ref", "Type", "Risk / opportunity description", "Current likelihood", "Current impact", "Current score", "Direction"],
            ["CRR01", "Risk", "Budget gap", 4, 5, 20, "↔"], ["CRR02", "Risk", "Cyber attack", 3, 5, 15, "↑"],
            ["CRR03", "Risk", "Workforce shortages", 3, 4, 12, "↓"], ["CRR05", "Opportunity", "Devolution deal funding", 3, 4, 12, "↑"]]
    path = write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)])
    r = perfkit.read_risks(path)
    assert r["risk_id"].tolist() == ["CRR01", "CRR02", "CRR03"] and r.attrs["opportunities"] == ["CRR05"]
    html = briefing_section(r, "2024/25 Q2")
    assert "Of 3 risks" in html and "The register also holds 1 opportunity (CRR05), not counted among the risks." in html


def test_a_4x4_registers_own_level_words_label_its_matrix_and_a_bands_colour_in_brackets_is_no_band(tmp_path):
    """Likelihood 'Rare / Unlikely / Possible / Likely' and impact 'Minor ... Critical' on a 4x4 register, its bands on a
    scoring sheet as 'Low 1-3 (green) · Medium 4-6 (amber) · High 8-16 (red)': the counts were right, but the matrix was
    labelled in perfkit's words ('4 Very likely', '4 Severe'), putting the risks the register rates Possible in a row
    headed 'Likely', and the bands were read twice over ('1-3 Green, 1-3 Low, ...')."""
    from perfkit.present.charts import axis_words

    rows = [["Corporate Risk Register - Quarter 2 2024/25"],
            ["Risk ref", "Risk title", "Inherent likelihood", "Inherent impact", "Residual likelihood", "Residual impact"],
            *([ref, title, *levels.split()] for ref, title, levels in [
                ("CR01", "Financial sustainability", "Likely Critical Likely Major"),
                ("CR02", "Cyber attack", "Likely Critical Possible Critical"),
                ("CR06", "Climate adaptation", "Possible Major Unlikely Major"),
                ("CR08", "Health and safety", "Unlikely Critical Rare Critical"),
                ("CR09", "Major project delivery", "Likely Moderate Possible Minor")])]
    matrix = [["Likelihood \\ Impact", "Minor (1)", "Moderate (2)", "Major (3)", "Critical (4)"],
              ["Likely (4)", 4, 8, 12, 16], ["Possible (3)", 3, 6, 9, 12], ["Unlikely (2)", 2, 4, 6, 8], ["Rare (1)", 1, 2, 3, 4], [],
              ["Low 1-3 (green) · Medium 4-6 (amber) · High 8-16 (red)"]]
    risks = perfkit.read_risks(write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Scoring matrix", matrix), SheetSpec("Risk Register", rows)]))
    m = risks.attrs["risk_matrix"]
    assert [b.name for b in m.bands] == ["Low", "Medium", "High"]
    assert axis_words(4, "likelihood", m) == ["1 Rare", "2 Unlikely", "3 Possible", "4 Likely"]
    assert axis_words(4, "impact", m) == ["1 Minor", "2 Moderate", "3 Major", "4 Critical"]
    assert risks["residual_rating"].astype(str).tolist() == ["High", "High", "Medium", "Medium", "Low"]


def test_a_risk_appetite_column_gives_each_risk_its_own_and_the_brief_counts_those_above_it(tmp_path):
    """A directorate register with `Risk appetite` per risk ('Cautious (up to 8)', 'Averse (up to 4)', 'Open (up to 12)'):
    the column was 'not used' (a note seen only with -v), above_appetite was None, and the brief never said that four
    of the six risks sit above their stated appetite, the point of the register."""
    rows = [["Adults, Health and Housing - Directorate Risk Register"], ["Review: Quarter 3 2024/25 (as at 31 December 2024)"], [],
            ["Ref", "Risk", "Residual likelihood", "Residual impact", "Residual score", "Risk appetite"],
            *([ref, title, lik, imp, lik * imp, appetite] for ref, title, (lik, imp), appetite in [
                ("ASC01", "Home care market failure", (3, 4), "Cautious (up to 8)"),
                ("ASC02", "Safeguarding response", (2, 5), "Averse (up to 4)"),
                ("ASC03", "Care budget pressure", (4, 4), "Open (up to 12)"),
                ("ASC05", "DoLS backlog", (2, 3), "Cautious (up to 8)")])]
    risks = perfkit.read_risks(write_workbook(tmp_path / "asc.xlsx", [SheetSpec("ASC Risk Register", rows)]))
    assert risks["appetite"].tolist() == [8, 4, 12, 8]
    assert risk_summary(risks).above_appetite == ["ASC01", "ASC02", "ASC03"]
    said = [p.message for p in risks.attrs["problems"]]
    assert any("'Risk appetite' read as each risk's own appetite" in m for m in said) and not any("is not used" in m for m in said), said


def test_a_scoring_note_over_the_header_naming_residual_scores_is_no_band_of_a_period(tmp_path):
    """'Scores = Likelihood x Impact (1-5). Residual score shaded: red 15-25, amber 8-14, green 1-7.' in the row over the
    header: read as a band for the residual risk of the years '15-25', it took the title and residual columns as that
    period's and every command stopped with KeyError: 'title'."""
    rows = [["Strategic Risk Register - reviewed September 2025 (Q2 2025/26)"],
            ["Scores = Likelihood x Impact (1-5). Residual score shaded: red 15-25, amber 8-14, green 1-7."],
            ["Risk ref", "Risk", "Risk owner", "Inherent likelihood", "Inherent impact", "Inherent score", "Residual likelihood",
             "Residual impact", "Residual score", "Direction of travel"],
            *([ref, title, "Chief Officer", *levels, levels[0] * levels[1], *after, after[0] * after[1], way]
              for ref, title, levels, after, way in [("SR1", "Failure to set a balanced budget", (5, 5), (4, 4), "Increasing"),
                                                   ("SR2", "Cyber attack disrupts services", (4, 5), (3, 4), "Stable"),
                                                   ("SR6", "Climate adaptation and flooding", (3, 4), (2, 3), "Stable")])]
    risks = perfkit.read_risks(write_workbook(tmp_path / "srr.xlsx", [SheetSpec("Corporate Risk Register", rows)]))
    assert risks["title"].tolist()[0] == "Failure to set a balanced budget"
    assert risks["residual_rating"].astype(str).tolist() == ["Red", "Amber", "Green"]
    assert not [p.message for p in risks.attrs["problems"] if p.severity in ("error", "warning")]


def test_a_5x5_registers_own_impact_words_label_its_matrix_where_it_uses_them(tmp_path):
    """Impact 'Minor ... Catastrophic' on a 5x5 register (no risk at the lowest level): the matrix said '5 Severe' over the
    risks the register rates Catastrophic. Its words label the levels it uses, perfkit's the one it does not."""
    from perfkit.present.charts import axis_words

    rows = [["Strategic Risk Register - Q2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact"],
            *([ref, title, lik, imp] for ref, title, lik, imp in [
                ("SR1", "Budget gap", "Likely", "Catastrophic"), ("SR2", "Cyber attack", "Possible", "Major"),
                ("SR3", "Workforce", "Almost certain", "Moderate"), ("SR4", "Flooding", "Rare", "Minor")])]
    risks = perfkit.read_risks(write_workbook(tmp_path / "srr.xlsx", [SheetSpec("Risks", rows)]))
    assert axis_words(5, "impact", risks.attrs["risk_matrix"]) == ["1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Catastrophic"]


def test_opportunities_named_in_their_titles_are_not_counted_as_risks(tmp_path):
    """A 'Corporate Risk and Opportunity Register' with no Type column: 'Risk / opportunity' holds 'Risk: ...' and
    'Opportunity: ...'. The opportunities were counted as risks ('2 high' counted one; 'decreased' another, bad news)."""
    entries = {"CR01": ("Risk: Medium-term budget gap cannot be closed", 4, 5, "Stable"),
               "CR02": ("Risk: Cyber attack disrupts services", 3, 5, "Increasing"),
               "OP01": ("Opportunity: Devolution deal brings new funding", 3, 4, "Stable"),
               "OP02": ("Opportunity: Shared service with a neighbouring district", 2, 3, "Decreasing")}
    rows = [["Corporate Risk and Opportunity Register - Q2 2025/26"],
            ["Ref", "Risk / opportunity", "Residual likelihood", "Residual impact", "Residual score", "Direction of travel"],
            *([ref, title, lik, imp, lik * imp, way] for ref, (title, lik, imp, way) in entries.items())]
    r = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Corporate Risk Register", rows)]))
    assert r["risk_id"].tolist() == ["CR01", "CR02"] and r.attrs["opportunities"] == ["OP01", "OP02"]


def test_a_key_tables_open_ended_top_band_is_a_band_and_never_a_risk(tmp_path):
    """'Score bands' under the register: '1-4 | Green | Low' ... '16+ | Red | Very high'. The last row became a ninth risk
    titled 'Red', and the bands stopped at 15, so a score of 20 had no band."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"],
            ["Ref", "Risk", "Owner", "Likelihood (1-5)", "Impact (1-5)", "Score"],
            ["CRR01", "Budget gap", "S151 Officer", 4, 5, 20], ["CRR02", "Cyber attack", "Head of ICT", 3, 4, 12],
            ["CRR03", "Data breach", "Monitoring Officer", 2, 2, 4], [],
            ["Score bands"], ["1-4", "Green", "Low"], ["5-9", "Amber", "Medium"], ["10-15", "Red", "High"], ["16+", "Red", "Very high"]]
    r = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Corporate Risk Register", rows)]))
    assert r["risk_id"].tolist() == ["CRR01", "CRR02", "CRR03"]
    assert r["residual_rating"].astype(str).tolist() == ["Very high", "High", "Low"]


@pytest.mark.parametrize("header", ["Movement since last report", "Change since last meeting", "Trend since last report"])
def test_a_boards_movement_since_its_last_report_is_the_risks_direction(header):
    # an IJB's register: 'Movement since last report' was kept as a grouping, the movement empty with no word
    from perfkit.read.columns import read_header

    assert read_header(header, "risks").field == "direction"


@pytest.mark.parametrize("formula", ["(C x L)", "(CxL)", "(P x I)", "(consequence × likelihood)"])
def test_a_scores_formula_in_brackets_leaves_its_header_read(tmp_path, formula):
    """An NHS trust's Board Assurance Framework headed 'Inherent score (C x L)': the column was 'not used by perfkit', and
    the committee's page said the register gives no assessment before mitigation."""
    rows = [["Board Assurance Framework - Quarter 3 2024/25"], [],
            ["Ref", "Principal risk", "Executive lead", f"Inherent score {formula}", "Current consequence", "Current likelihood",
             f"Current score {formula}", "Target score"],
            ["BAF1", "Failure to meet the four-hour standard", "Chief Operating Officer", 20, 4, 4, 16, 8],
            ["BAF2", "Workforce shortages in nursing", "Chief Nurse", 16, 4, 3, 12, 6],
            ["BAF3", "Failure of the digital records system", "Chief Digital Officer", 15, 3, 3, 9, 6]]
    frame = perfkit.read_risks(write_workbook(tmp_path / "baf.xlsx", [SheetSpec("BAF", rows)]))
    assert list(frame["inherent_score"]) == [20, 16, 15] and list(frame["residual_score"]) == [16, 12, 9]


import pytest

import perfkit
from perfkit.present import narrative
from perfkit.present.narrative import number_words, sentence_start
from perfkit.present.text import plural
from perfkit.present.text import escape


@pytest.mark.parametrize("n, words", [(0, "zero"), (9, "nine"), (13, "thirteen"), (20, "twenty"), (38, "thirty-eight"),
                                      (100, "one hundred"), (105, "one hundred and five"), (1001, "one thousand and one"),
                                      (2340, "two thousand, three hundred and forty")])
def test_number_words(n, words):
    assert number_words(n) == words


def test_plurals_and_sentence_starts():
    assert plural(1, "milestone") == "1 milestone" and plural(0, "milestone") == "0 milestones"
    assert sentence_start(9, "milestone") == "Nine milestones" and sentence_start(1, "measure") == "One measure"
    assert plural(2, "officer") == "2 officers"


@pytest.fixture(scope="module")
def fig(sample_path):
    frames = perfkit.read_workbook(sample_path)
    return perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")


def test_paragraphs_quote_the_summary_frame(fig):
    text = narrative.overall_paragraph(fig)
    assert text.startswith("Of the 38 milestones reported for 2023/24 Q2, 30 (79%) are progressing well: 25 green and 5 complete.")
    # the numbers in the sentence are the summary's, not recomputed
    s = fig.milestone_summary
    amber = s[(s.priority == "All") & (s.status == "Amber")].iloc[0]
    assert f"{number_words(amber['count']).capitalize()} ({amber['percent_text']}) are amber." in text


def test_priority_and_changes_paragraphs(fig):
    paras = dict(narrative.priority_paragraphs(fig))
    assert set(paras) == {"A thriving local economy", "Healthy, safe communities", "A greener Northbrook"}
    assert paras["A greener Northbrook"].startswith("Of the 12 milestones under this priority, 9 (75%) are progressing well, while 3 are amber.")
    assert narrative.changes_paragraph(fig) == "Since 2023/24 Q1, 4 milestones have improved and 2 have declined."
    assert narrative.attention_paragraph(fig).startswith("Ten milestones need attention")


def test_british_spelling_and_no_americanisms(fig):
    text = " ".join([narrative.overall_paragraph(fig), narrative.measures_paragraph(fig), narrative.attention_paragraph(fig)])
    for us in ("color", "analyze", "prioritize", "organization", "center "):
        assert us not in text.lower()


def test_priority_paragraphs_say_what_moved_why_and_what_needs_attention(fig, sample_path):
    paras = dict(narrative.priority_paragraphs(fig))
    greener = paras["A greener Northbrook"]
    # what declined, and why, in the service's words
    assert "Switch street lighting to LED in the remaining wards slipped from green to amber: \u2018Awaiting partner sign-off; revised date to be agreed\u2019." in greener
    assert "Extend the social prescribing pilot to two more surgeries moved up from red to amber since 2023/24 Q1 (\u2018Awaiting" in paras["Healthy, safe communities"]
    assert "Fly-tipping incidents cleared within 5 working days is furthest off, at 84.7% against a target of 92%." in greener
    frames = perfkit.read_workbook(sample_path)
    q1 = dict(narrative.priority_paragraphs(perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q1")))
    assert "(lead: Health and Wellbeing Lead) needs the committee's attention" in q1["Healthy, safe communities"]


def _sentences(text):
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\u2018])", text) if s]


@pytest.mark.parametrize("period", ["2023/24 Q1", "2023/24 Q2", "2023/24 Q3", "2023/24 Q4"])
def test_no_sentence_is_said_twice_and_no_mechanical_lists(sample_path, period):
    frames = perfkit.read_workbook(sample_path)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], period)
    texts = [narrative.overall_paragraph(fig), narrative.measures_paragraph(fig), narrative.changes_paragraph(fig),
             narrative.attention_paragraph(fig)] + [t for _, t in narrative.priority_paragraphs(fig)]
    sentences = [s for t in texts for s in _sentences(t)]
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]
    joined = " ".join(texts)
    assert "By status:" not in joined and "Needing attention:" not in joined
    assert "Q1 20" not in joined and not __import__("re").search(r"\b20\d\dQ[1-4]\b", joined)


def test_repeated_facts_are_tied_to_their_priority():
    out = narrative._dedupe([("A", ["Two milestones are past their due date."]), ("B", ["Two milestones are past their due date."])])
    assert out == [("A", "Two milestones are past their due date."), ("B", "Under B, two milestones are past their due date.")]


def test_measures_paragraph_matches_the_table_figures(fig):
    text = narrative.measures_paragraph(fig)
    h = fig.headline("measures")
    assert text.startswith(f"Of the {h['rated']} measures with a target for 2023/24 Q2, {h['good']} ({h['percent_text']}) are meeting their target")
    # the furthest off is said once: in its priority's paragraph, so not again here
    said = " ".join(t for _, t in narrative.priority_paragraphs(fig))
    assert "Fly-tipping incidents cleared within 5 working days is furthest off, at 84.7% against a target of 92%" in said
    assert "Furthest from target is Fly-tipping" not in text


def test_bidi_controls_are_removed_from_page_text():
    assert escape("a\u202eb\u2066c\u2069d\u200fe<") == "abcde&lt;"


def test_measures_paragraph_names_the_top_and_bottom(fig):
    text = narrative.measures_paragraph(fig)
    assert text.endswith("Furthest ahead of target is Missed bin collections per 100,000, at 51 against a target of 55.")


def test_a_priority_with_unrated_milestones_says_what_its_percentage_is_of(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Ref", "Priority", "Milestone", "Lead", "Due date", "Q1 2024/25 status", "Q2 2024/25 status"])
    for ref, status in (("M1", "Green"), ("M2", "Green"), ("M3", "Amber"), ("M4", "On hold")):
        ws.append([ref, "Economy", f"Milestone {ref}", "Ann", "2025-03-31", "Green", status])
    ms = wb.create_sheet("Measures")
    ms.append(["Ref", "Priority", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"])
    ms.append(["K1", "Economy", "Jobs created", "Higher", 100, 90, 80])
    wb.save(tmp_path / "plan.xlsx")
    frames = perfkit.read_workbook(tmp_path / "plan.xlsx")
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2024/25 Q2")
    text = dict(narrative.priority_paragraphs(fig))["Economy"]
    assert text.startswith("Of the 4 milestones under this priority, 3 are rated this quarter and 2 of them (67%) are progressing well, "
                           "while 1 is amber. Not rated: 1 on hold.")
    assert "Its one measure with a target is not on target" in text


def test_direction_of_travel_is_worded_apart_from_status_changes(fig):
    text = narrative.measures_paragraph(fig)
    assert "Compared with 2023/24 Q1 (year-to-date measures with the same quarter last year), the figures of " in text and "moved in the right direction" in text
    assert " improved and " not in text and "worsened" not in text  # those words belong to status changes


def test_the_earliest_quarter_has_nothing_to_compare_with_in_json_too(sample_path):
    frames = perfkit.read_workbook(sample_path)
    first = min(frames["milestones"]["period"])
    doc = perfkit.quarter_figures(frames["milestones"], frames["measures"], first).to_dict()
    assert doc["changes"]["milestones"]["from"] is None and doc["changes"]["milestones"]["new"] == 0


def test_a_sentence_said_again_names_its_group_in_place_of_this_priority():
    out = narrative._dedupe([("A", ["Of the 1 milestone under this lead, 1 is progressing well."]),
                             ("B", ["Of the 1 milestone under this lead, 1 is progressing well."])])
    assert out[1] == ("B", "Of the 1 milestone under B, 1 is progressing well.")


def test_a_group_only_measures_are_in_has_its_paragraph(tmp_path):
    from conftest import write_rows

    rows = [["Quarterly report 2024/25 Q2"], [], ["Ref", "Type", "Description", "Lead", "Target", "Actual", "Polarity", "Status"],
            ["1", "Milestone", "Open the hub", "Head of Housing", None, None, None, "Green"],
            ["2", "KPI", "Streets meeting cleanliness standard (%)", "Head of Street Scene", 92, 80, "Higher", None]]
    frames = perfkit.read_workbook(write_rows(tmp_path / "q2.xlsx", rows, sheet="Report"))
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2024/25 Q2", by="lead")
    said = dict(narrative.priority_paragraphs(fig))
    assert said["Head of Street Scene"].startswith("Its one measure with a target is not on target; Streets meeting")


def test_mean_progress_rounds_halves_up_as_every_percentage_does():
    from perfkit.present.tables import progress_text

    assert progress_text(64.5) == "65%" and progress_text(0.5) == "1%" and progress_text(64.49) == "64%"


def test_measures_the_service_rated_with_no_target_are_said_so_never_a_target_of_a_dash(tmp_path):
    """A return whose target column perfkit does not read: the services' own ratings stand, and the briefing said 'Of the
    3 measures with a target', named the furthest from target 'against a target of –', and 'the figures of 0 moved in
    the right direction' where no measure says which way is better."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Return"
    ws.append(["Tenant satisfaction return 2024/25"])
    ws.append(["Code", "Measure", "Q1 (Apr-Jun)", "Q1 position", "Q2 (Jul-Sep)", "Q2 position"])
    for row in (["TP01", "Satisfied with the service (%)", 72.0, "Within tolerance", 76.1, "Achieving target"],
                ["RP01", "Repairs on time (%)", 87.3, "Within tolerance", 84.0, "Not achieving"],
                ["RP02", "Emergency repairs on time (%)", 99.1, "Achieving target", 98.4, "Achieving target"]):
        ws.append(row)
    wb.save(tmp_path / "return.xlsx")
    measures = perfkit.read_measures(tmp_path / "return.xlsx")
    assert measures["target"].isna().all()
    fig = perfkit.quarter_figures(None, measures, "2024/25 Q2")
    text = narrative.measures_paragraph(fig)
    # with no target, none is said to be "meeting its target": a police scorecard's Green is against last year (19bx wb09)
    assert text.startswith("Of the 3 measures rated by the service's own status for 2024/25 Q2, 2 (67%) are rated Green by it, 1 (33%) is red.")
    assert "tolerance" not in text
    assert "against a target of" not in text and "Furthest" not in text
    assert "Compared with 2024/25 Q1, 1 rose and 2 fell (whether higher or lower is better is not given)." in text
    assert "moved in the right direction" not in text


def test_a_measure_the_service_rated_with_its_figure_suppressed_is_not_said_to_have_a_figure(tmp_path):
    """'<5' rated Green by the service beside a measure with no figure at all: the briefing said 'Of the 2 measures with a
    target and a figure', one of which had none."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Community safety KPIs 2024/25"])
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q2 Actual", "Q2 RAG"])
    for row in (["CS01", "Anti-social behaviour incidents", "Lower", 1100, 1120, "Amber"],
                ["CS04", "Hate crimes against staff", "Lower", 5, "<5", "Green"],
                ["CS05", "Fly-tipping incidents", "Lower", 900, None, None]):
        ws.append(row)
    wb.save(tmp_path / "kpis.xlsx")
    fig = perfkit.quarter_figures(None, perfkit.read_measures(tmp_path / "kpis.xlsx"), "2024/25 Q2")
    text = narrative.measures_paragraph(fig)
    assert text.startswith("Of the 2 measures with a target for 2024/25 Q2 (1 of them rated by the service with no figure given), "), text
    # the one it rated Green with its figure withheld is counted, never said to meet a target no figure shows
    assert "1 (50%) is meeting its target or, with no figure, rated Green by the service" in text, text


def test_a_priority_with_one_rated_milestone_says_whether_it_is_progressing_well(tmp_path):
    """'1 of it (100%) is progressing well' and '0 of it (0%) are progressing well'."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Ref", "Priority", "Milestone", "Lead", "Due date", "Q2 2024/25 status"])
    for ref, priority, status in (("M1", "Clean and green", "Green"), ("M2", "Clean and green", "Not due"),
                                  ("M3", "Efficient council", "Red"), ("M4", "Efficient council", "On hold")):
        ws.append([ref, priority, f"Milestone {ref}", "Ann", "2025-03-31", status])
    wb.save(tmp_path / "plan.xlsx")
    fig = perfkit.quarter_figures(perfkit.read_milestones(tmp_path / "plan.xlsx"), None, "2024/25 Q2")
    said = dict(narrative.priority_paragraphs(fig))
    assert said["Clean and green"].startswith("Of the 2 milestones under this priority, 1 is rated this quarter and it is progressing well, and none")
    assert said["Efficient council"].startswith("Of the 2 milestones under this priority, 1 is rated this quarter and it is not progressing well, while 1 is red.")


def test_a_measure_with_no_name_is_warned_of_and_named_by_its_reference(tmp_path):
    """A planning return's measures read with blank names: the brief said 'Furthest from target is , at 84.6%', unwarned."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q2 2024/25"])
    ws.append(["PS2-MIN", None, "Higher", 85, 84.6])
    ws.append(["PS2-MAJ", "Major applications in time (%)", "Higher", 60, 90])
    wb.save(tmp_path / "ps2.xlsx")
    kp = perfkit.read_measures(tmp_path / "ps2.xlsx")
    assert [p.source for p in kp.attrs["problems"] if p.severity == "warning"] == ["KPIs!B2"]
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25 Q2"))
    assert "Furthest from target is PS2-MIN, at 84.6" in text


def test_furthest_from_target_counts_a_target_range_from_its_nearer_end(tmp_path):
    """A tenant satisfaction return's range targets were left out: the brief named gas checks at 99.9% against 100% the
    furthest from target, while repairs satisfaction stood at 62% against 68% to 72%."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "TSM"
    ws.append(["TSM ref", "Measure", "Target range 2024/25", "Q2 2024/25"])  # no polarity: a range is two-sided
    ws.append(["BS01", "Homes with gas safety checks (%)", "100%", "99.9%"])
    ws.append(["TP03", "Satisfied with repair time (%)", "68% - 72%", "62%"])
    ws.append(["TP01", "Satisfied overall (%)", "72% - 76%", "73.1%"])
    wb.save(tmp_path / "tsm.xlsx")
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, perfkit.read_measures(tmp_path / "tsm.xlsx"), "2024/25 Q2"))
    assert "Furthest from target is Satisfied with repair time (%), at 62% against a target of 68% to 72%" in text, text


def test_a_measure_compared_with_last_year_for_want_of_last_quarter_is_not_called_year_to_date(tmp_path):
    """First-time entrants `<5` in Q1: compared with the same quarter last year, and the sentence called every such measure
    'year-to-date'."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "layouts"))
    from layout_builders import SheetSpec, write_workbook
    rows = [["Ref", "Measure", "Polarity", "Target", "Q2 2023/24", "Q1 2024/25", "Q2 2024/25"],
            ["S1", "First-time entrants to the youth justice system", "Lower", 20, 14, "<5", 9],
            ["S2", "Anti-social behaviour incidents", "Lower", 900, 950, 880, 860]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Scorecard", rows)]))
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25 Q2"))
    assert "Compared with 2024/25 Q1 (those with no figure for the quarter before with the same quarter last year)" in text
    assert "year-to-date" not in text


def test_a_year_to_date_figure_with_no_profile_is_not_said_to_have_no_earlier_figure(tmp_path):
    """Council tax collected, cumulative with no profile and no year before, has a Q1 figure: 'One has no earlier figure
    to compare with' was untrue."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "layouts"))
    from layout_builders import SheetSpec, write_workbook
    rows = [["Ref", "Measure", "Polarity", "Annual target 2024/25", "Q1 2024/25", "Q2 2024/25", "Q2 RAG"],
            ["TE02", "Council tax collected (cumulative %)", "Higher", 97, 29.1, 56.4, "Green"],
            ["TE03", "Calls answered in 60 seconds (%)", "Higher", 80, 78, 82, "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25 Q2"))
    assert "no earlier figure" not in text
    assert "One is a year-to-date figure with no figure for the same quarter last year to compare with." in text


def test_the_services_direction_is_counted_where_no_polarity_judges_a_rise(tmp_path):
    """A police scorecard with no targets or polarity and an `Assessment` of Improving / Stable / Deteriorating: the
    brief said only '2 rose and 1 fell (whether higher or lower is better is not given)', never the count the panel quotes."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "layouts"))
    from layout_builders import SheetSpec, write_workbook
    rows = [["Police and Crime Plan scorecard, Quarter 2 2024/25"], ["Ref", "Measure", "Q1 2024/25", "Q2 2024/25", "Assessment"],
            ["1a", "Recorded crime", 15200, 14800, "Improving"], ["1b", "Victim satisfaction (%)", 71, 74, "Improving"],
            ["1c", "Calls answered in 10 seconds (%)", 88, 88.4, "Stable"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)]))
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25 Q2"))
    assert "no polarity says which way is better, 2 are improving and 1 is stable." in text


def test_an_amber_the_service_gave_beyond_the_tolerance_is_not_said_to_be_within_it(tmp_path):
    """A service's Amber 8.4% short of target: the page said '(short by no more than the tolerance)' of it as fact."""
    import openpyxl

    import perfkit
    from perfkit.present import narrative

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["KPIs Quarter 2 2024/25"])
    ws.append(["Ref", "Measure", "Good is", "Target", "Q2 2024/25", "Status"])
    ws.append(["G1", "Calls answered (%)", "High", 90, 92, "Green"])
    ws.append(["G4", "Recycling (%)", "High", 45, 41.2, "Amber"])  # 8.4% short: Red by the figures
    wb.save(tmp_path / "kpis.xlsx")

    def first(path):
        return narrative.measures_paragraph(perfkit.quarter_figures(None, perfkit.read_measures(path), "2024/25 Q2")).split(". ")[0]

    assert first(tmp_path / "kpis.xlsx").endswith("1 (50%) is amber")
    ws["E4"] = 44  # 2.2% short: within the tolerance
    wb.save(tmp_path / "near.xlsx")
    assert first(tmp_path / "near.xlsx").endswith("1 (50%) is amber (short by no more than the tolerance)")


def test_status_changes_from_a_quarter_the_service_did_not_rate_say_whose_ratings_they_set_side_by_side(tmp_path):
    """Q1's figures with no status column beside Q2's own RAG: the JSON's 'improved' set perfkit's Q1 reading beside the
    service's Q2 rating with no word of it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Adults - Quarter 2 2024/25 KPI scorecard"])
    ws.append(["Code", "Measure", "Good performance is", "Target", "Q1", "Q2", "Q2 RAG"])
    for row in (["A1", "Reviews completed on time (%)", "High", 85, 81, 86, "G"], ["A2", "Days to assessment", "Low", 14, 12, 16, "R"]):
        ws.append(row)
    wb.save(tmp_path / "kpis.xlsx")
    doc = perfkit.quarter_figures(None, perfkit.read_measures(tmp_path / "kpis.xlsx"), "2024/25 Q2").to_dict()
    changes = doc["changes"]["measures"]
    assert changes["improved"] == 1 and changes["declined"] == 1
    assert changes["rated_by_perfkit_before"] == ["A1", "A2"]
    assert "perfkit's reading of the 2024/25 Q1 figure" in changes["rated_by_perfkit_before_note"]

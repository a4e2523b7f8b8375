import pytest

import perfkit
from perfkit import narrative
from perfkit.narrative import number_words, plural, sentence_start


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
    assert text.startswith("Thirty-eight milestones are tracked in 2023/24 Q2.")
    assert "30 (79%) are progressing well" in text and "8 amber (21%)" in text
    # the numbers in the sentence are the summary's, not recomputed
    s = fig.milestone_summary
    amber = s[(s.priority == "All") & (s.status == "Amber")].iloc[0]
    assert f"{amber['count']} amber ({amber['percent_text']})" in text


def test_priority_and_changes_paragraphs(fig):
    paras = dict(narrative.priority_paragraphs(fig))
    assert set(paras) == {"A thriving local economy", "Healthy, safe communities", "A greener Northbrook"}
    assert paras["A greener Northbrook"].startswith("Twelve milestones are tracked under this priority")
    assert narrative.changes_paragraph(fig) == "Since 2023/24 Q1, 4 milestones have improved and 2 have declined."
    assert narrative.attention_paragraph(fig).startswith("Eight milestones need attention")


def test_british_spelling_and_no_americanisms(fig):
    text = " ".join([narrative.overall_paragraph(fig), narrative.measures_paragraph(fig), narrative.attention_paragraph(fig)])
    for us in ("color", "analyze", "prioritize", "organization", "center "):
        assert us not in text.lower()

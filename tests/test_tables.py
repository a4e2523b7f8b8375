import pandas as pd

import perfkit
from perfkit import tables


def test_workbook_text_is_escaped():
    att = pd.DataFrame({
        "lead": ["<b>Ann</b>"], "milestone_id": ["M1"], "title": ["<script>alert(1)</script>"], "priority": ["P & Q"],
        "status": ["Amber"], "quarters_in_status": [2], "since": [None], "due_date": [pd.Timestamp("2024-03-31")],
        "overdue": [True], "commentary": ['"quoted" <i>note</i>'], "source": ["S!A1"],
    })
    html = tables.attention_table(att, "Attention <list>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "P &amp; Q" in html and "&lt;i&gt;note&lt;/i&gt;" in html
    assert "<caption>Attention &lt;list&gt;</caption>" in html


def test_status_written_beside_colour_and_headers_marked_up(sample_path):
    frames = perfkit.read_workbook(sample_path)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")
    html = tables.summary_table(fig.milestone_summary, "Summary")
    assert '<th scope="col">Amber</th>' in html and '<th scope="row">All</th>' in html
    assert 'style="background:#d17200;color:#0b0c0c">Amber</span> 8 (21%)' in html
    m = tables.measures_table(fig, "Measures")
    assert m.count('<th scope="row">') == 17
    assert "Service reported" in tables.measures_table(perfkit.quarter_figures(None, frames["measures"], "2023/24 Q4"), "x")

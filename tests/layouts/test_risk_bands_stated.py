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

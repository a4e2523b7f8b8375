"""The tidy frames every perfkit function takes and returns, defined in one place.

Milestones: one row per milestone per period.

==================  =====================  ==============================================
column              dtype                  meaning
==================  =====================  ==============================================
milestone_id        str                    the workbook's reference (generated ``M001``... if it has none)
title               str                    the milestone or action
priority            str                    Council Plan priority (carried down from section rows)
objective           str, optional          golden-thread level above strategy
strategy            str, optional          golden-thread level above tactic
tactic              str, optional          golden-thread level above the milestone
directorate         str, optional          directorate or service
lead                str                    lead officer
due_date            datetime64             when it is due (NaT if none given): the revised or forecast date where given
original_due_date   datetime64, optional   the date first set, where a revised or forecast date stands beside it
period              Period[Q-MAR]          the quarter the status is for
status              ordered categorical    on the scale in use (default Red < Amber < Green < Complete, then unrated)
commentary          str                    the update for that quarter
source              str                    the cell the status came from, ``Sheet!F6``
==================  =====================  ==============================================

Measures: one row per measure per period.

================  =====================  ==============================================
measure_id        str                    the workbook's reference (generated ``K001``... if none)
name              str                    the measure
priority          str                    Council Plan priority
unit              str                    ``%``, ``£``, ``number``, ``days``... as given or as typed
polarity          category               ``higher``, ``lower``, ``range`` or ``none``
frequency         category               ``quarterly``, ``half-yearly``, ``annual`` or ``monthly``
target            float                  the target for that period (NaN if none)
target_low        float                  lower end of a range target (range polarity), else NaN
target_high       float                  upper end of a range target, else NaN
actual            float                  the value for that period (NaN if not reported)
reported_status   ordered categorical    the status the service typed, if any
tolerance         float                  how far short of target still counts as Amber (NaN: default)
tolerance_type    category               ``percent`` (of target) or ``absolute``
period            Period[Q-MAR]          the quarter (annual figures sit at Q4, half-years at Q2 and Q4)
commentary        str
source            str                    the cell the actual came from
================  =====================  ==============================================

Optional columns (``lead``, ``directorate``, hierarchy levels, and ``area`` for a
table broken down by area, ward, service or provider) are present only when the
workbook has them. Measures frames read by perfkit also carry the
columns of :data:`MEASURE_ANNUAL` (see :mod:`perfkit.analyse.annual`):

================  =====================  ==============================================
span              category               what the figure covers: ``quarter``, ``half``, ``year`` (or ``month``)
cumulative        bool                   a year-to-date figure (from a column, perfkit.toml or a profile)
annual_target     float                  the year's target, beside a quarter's profiled ``target``
next_target       float                  the following year's target, where the workbook gives one
reported_level    str, optional          the officer's "level achieved" word for that period
reported_trend    str, optional          the officer's trend word (Improving, Worse...)
================  =====================  ==============================================

A measures frame whose actual cells hold marks rather than figures also has
``missing_reason`` (str): ``""`` for a figure, else why there is none:
``suppressed`` (``<5``, ``*``, ``[c]``), ``not available`` (``..``, ``:``, ``[x]``),
``not applicable`` (``[z]``), ``not available or not applicable`` (``n/a``),
``to be confirmed`` (``TBC``) or ``blank``.

``frame.attrs["problems"]`` holds the
warnings and notes found while reading (a list of :class:`~perfkit.core.errors.Problem`).
"""

from __future__ import annotations

MILESTONE_COLUMNS = ["milestone_id", "title", "priority", "lead", "due_date", "period", "status", "commentary", "source"]
MILESTONE_OPTIONAL = ["objective", "strategy", "tactic", "directorate", "area"]
HIERARCHY = ["objective", "strategy", "tactic"]

MEASURE_COLUMNS = [
    "measure_id", "name", "priority", "unit", "polarity", "frequency", "target", "target_low", "target_high",
    "actual", "reported_status", "tolerance", "tolerance_type", "period", "commentary", "source",
]
MEASURE_OPTIONAL = ["lead", "directorate"] + HIERARCHY + ["area"]
# Columns perfkit.analyse.annual adds after reading (span, cumulative, annual_target, next_target always; the words where given).
MEASURE_ANNUAL = ["span", "cumulative", "annual_target", "next_target", "reported_level", "reported_trend"]
SPANS = ["quarter", "half", "year", "month"]

POLARITIES = ["higher", "lower", "range", "none"]
FREQUENCIES = ["quarterly", "half-yearly", "annual", "monthly"]

POLARITY_WORDS = {
    "higher": ["higher", "high", "higher is better", "bigger is better", "increase", "increasing", "maximise", "maximize",
               "up", "↑", "desc", "descending", "more is better", "greater", "y", "yes", "true", "higher better", "aim high",
               "high is good", "bigger", "larger is better", "aim to maximise", "aim to maximize", "aim to increase",
               "high is better", "up is good", "up is better", "higher is good", "more is good", "maximum", "max"],
    "lower": ["lower", "low", "lower is better", "smaller is better", "decrease", "decreasing", "minimise", "minimize",
              "down", "↓", "asc", "ascending", "less is better", "n", "no", "false", "lower better", "aim low",
              "low is good", "smaller", "aim to minimise", "aim to minimize", "aim to reduce", "low is better", "reduce",
              "reduction", "down is good", "down is better", "lower is good", "less is good", "minimum", "min"],
    "range": ["range", "within range", "goldilocks", "target range", "in range", "between", "within tolerance", "on target range"],
    "none": ["none", "n/a", "na", "data only", "contextual", "context", "no polarity", "neutral", "not applicable", "-", "",
             "monitor only", "monitoring only", "monitor", "for information", "information only", "for information only",
             "tracking only", "track only", "neither", "neither higher nor lower", "no preference", "no direction"],
}

FREQUENCY_WORDS = {
    "quarterly": ["quarterly", "quarter", "q", "qtr", "3 monthly", "three monthly"],
    "half-yearly": ["half-yearly", "half yearly", "six monthly", "6 monthly", "biannual", "bi-annual", "biannually", "half year", "twice yearly"],
    "annual": ["annual", "annually", "yearly", "year", "a", "year end", "once a year"],
    "monthly": ["monthly", "month", "m"],
}

# An officer's direction-of-travel words: judgements (which way is better) and plain directions of the number.
TREND_WORDS = {
    "Improving": ["improving", "improved", "better", "improvement", "getting better", "positive",
                  # a police and crime plan's judgement against its baseline, by a test of significance
                  "significantly better", "significant improvement", "statistically significant improvement",
                  "statistically better"],
    "Worsening": ["worsening", "worsened", "worse", "declining", "declined", "deteriorating", "deteriorated",
                  "getting worse", "negative", "decline", "significantly worse", "significant deterioration",
                  "statistically significant deterioration", "statistically worse"],
    "No change": ["no change", "same", "static", "stable", "maintained", "unchanged", "steady", "level", "flat",
                  "consistent", "=", "↔", "→", "sustained", "maintaining", "no significant change",
                  "no statistically significant change", "not significantly different", "no significant difference",
                  "similar", "statistically similar"],
    "Increasing": ["increasing", "increased", "up", "↑", "rising", "rose", "higher", "increase"],
    "Decreasing": ["decreasing", "decreased", "down", "↓", "falling", "fell", "lower", "decrease", "reduced", "reducing"],
}

# The most characters an Excel cell holds: longer commentary is cut, with a note, in the appendix workbook.
EXCEL_CELL_LIMIT = 32_767

# Where publishing puts a report's contents list: every report's header ends with it.
CONTENTS_MARK = "<!-- perfkit:contents -->"

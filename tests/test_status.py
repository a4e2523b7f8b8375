import pytest

from perfkit import ConfigError
from perfkit.core.status import DEFAULT_SCALE, FIVE_POINT_SCALE, Status, StatusScale, status_from_colour


@pytest.mark.parametrize(
    "typed, name",
    [("G", "Green"), ("green ", "Green"), ("On track", "Green"), (" ON  TRACK", "Green"), ("a", "Amber"), ("At risk", "Amber"),
     ("R", "Red"), ("Off track", "Red"), ("Blue", "Complete"), ("Completed", "Complete"), ("Not due", "Not due"),
     ("n/a", "Not applicable"), ("N/A", "Not applicable"), ("NA", "Not applicable"), ("Not applicable", "Not applicable"),
     ("Data only", "Data only"), ("No data", "No data"), ("Not started", "Not started")],
)
def test_default_synonyms(typed, name):
    assert DEFAULT_SCALE.normalise(typed) == name


def test_unknown_and_empty_are_none():
    assert DEFAULT_SCALE.normalise("Purple") is None
    assert DEFAULT_SCALE.normalise("") is None
    assert DEFAULT_SCALE.normalise(None) is None


def test_order_and_unrated():
    assert DEFAULT_SCALE.rated == ["Red", "Amber", "Green", "Complete"]
    assert DEFAULT_SCALE.unrated == ["Not started", "Not due", "Data only", "No data", "On hold", "Deferred", "Cancelled", "Superseded",
                                     "Not applicable"]
    assert DEFAULT_SCALE.closed == ["On hold", "Deferred", "Cancelled", "Superseded", "Not applicable"]  # never overdue
    assert DEFAULT_SCALE.rank("Amber") < DEFAULT_SCALE.rank("Green")
    assert DEFAULT_SCALE.rank("Not due") is None and DEFAULT_SCALE.rank("Not applicable") is None
    assert "Not applicable" not in DEFAULT_SCALE.good + DEFAULT_SCALE.complete
    assert DEFAULT_SCALE.dtype.ordered


def test_five_point_scale():
    assert FIVE_POINT_SCALE.rated[:5] == ["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]
    assert FIVE_POINT_SCALE.normalise("amber / green") == "Amber/Green"
    assert FIVE_POINT_SCALE.normalise("A/R") == "Amber/Red"


def test_custom_scale_and_clashing_synonyms():
    scale = StatusScale((Status("Off", 0, "#d4351c"), Status("On", 1, "#00703c", good=True)), name="binary")
    assert scale.normalise("on") == "On" and scale.good == ["On"]
    with pytest.raises(ConfigError, match="both"):
        StatusScale((Status("X", 0, "#000000", synonyms=("y",)), Status("Y", 1, "#000000")))
    with pytest.raises(ConfigError, match="not a status"):
        DEFAULT_SCALE.with_synonyms({"Sorted": "Done-ish"})


@pytest.mark.parametrize(
    "rgb, name",
    [("FFFF0000", "Red"), ("C00000", "Red"), ("FFC7CE", "Red"), ("FFC000", "Amber"), ("FFFF00", "Amber"), ("FFEB9C", "Amber"),
     ("00B050", "Green"), ("92D050", "Green"), ("C6EFCE", "Green"), ("0070C0", "Complete"), ("00B0F0", "Complete"),
     ("FFFFFF", None), ("000000", None), ("D9D9D9", None), ("00000000", None), ("not a colour", None)],
)
def test_colours(rgb, name):
    assert status_from_colour(rgb) == name


@pytest.mark.parametrize(
    "typed, name",
    [("Slightly below target", "Amber"), ("Significantly below target", "Red"), ("Below target", "Red"), ("On target", "Green"),
     ("Above target", "Green"), ("Exceeded", "Green"), ("Achieved", "Complete"), ("Not achieved", "Red"), ("Met", "Green"),
     ("Missed", "Red"), ("slightly  below TARGET", "Amber"), ("On or above target", "Green"), ("Met or exceeded", "Green")],
)
def test_target_wording_maps_to_rag_and_is_said_aloud(typed, name):
    for scale in (DEFAULT_SCALE, FIVE_POINT_SCALE):
        assert scale.normalise(typed) == name
        assert scale.folded(typed)  # read onto the scale, and the reader says which status (a note)
    assert not DEFAULT_SCALE.folded("Green") and not DEFAULT_SCALE.folded("On track")


def test_a_councils_own_word_for_target_wording_is_not_noted():
    scale = DEFAULT_SCALE.with_synonyms({"Below target": "Amber"})
    assert scale.normalise("Below target") == "Amber" and not scale.folded("Below target")


def test_a_status_after_words_that_say_only_work_is_under_way():
    assert DEFAULT_SCALE.leading("In Progress - Behind Schedule") == ("Amber", "In Progress")
    assert DEFAULT_SCALE.leading("Ongoing: on track") == ("Green", "Ongoing")
    assert DEFAULT_SCALE.normalise("Overdue") == "Red"


@pytest.mark.parametrize("typed, read", [("G (complete)", "Complete"), ("Green (Completed)", "Complete"), ("G (on track)", "Green"),
                                         ("R (complete)", None), ("A (complete)", None), ("G - complete", None)])
def test_a_green_letter_with_complete_in_brackets_is_complete_and_a_contradiction_is_not(typed, read):
    """'G (complete)' in a Council Plan tracker was refused as an unknown status: a green whose bracket says it is finished
    is Complete; a red or amber called complete is two statuses, left for the officer."""
    assert (DEFAULT_SCALE.leading(typed) or (None,))[0] == read


def test_a_status_after_in_progress_wins_where_in_progress_is_a_status_of_the_scale_too():
    """On an action plan's scale 'In progress' is On track: 'In progress - behind schedule' is still Behind schedule, not
    two statuses left for the officer to choose between."""
    from perfkit.read.kinds.actions import ACTION_SCALE

    assert ACTION_SCALE.normalise("In progress") == "On track"
    assert ACTION_SCALE.leading("In progress - behind schedule") == ("Behind schedule", "In progress")
    assert ACTION_SCALE.leading("In progress - on schedule") == ("On track", "In progress")


def test_no_longer_applicable_is_superseded_closed_never_overdue():
    import perfkit
    from perfkit.read.kinds.actions import ACTION_SCALE

    for scale in (perfkit.DEFAULT_SCALE, ACTION_SCALE):
        assert scale.normalise("No longer applicable") == "Superseded" and scale.normalise("no longer relevant") == "Superseded"


def test_a_recommendation_closed_with_the_risk_accepted_is_cancelled_not_complete():
    """'Closed - risk accepted' on an audit tracker was read as Complete by its first word, so one not carried out was
    counted implemented (36% where the truth is 33%)."""
    from perfkit.read.kinds.actions import ACTION_SCALE

    for scale in (DEFAULT_SCALE, ACTION_SCALE):
        assert [scale.normalise(w) for w in ("Closed - risk accepted", "Closed (risk accepted)", "Risk accepted")] == ["Cancelled"] * 3
        assert scale.normalise("Closed") in scale.complete


def test_a_project_lists_live_is_an_action_under_way_said_aloud():
    from perfkit.read.kinds.actions import ACTION_SCALE

    assert ACTION_SCALE.normalise("Live") == "On track" and ACTION_SCALE.folded("Live")
    assert ACTION_SCALE.normalise("Active") == "On track"


@pytest.mark.parametrize("typed, name", [("✔ Completed", "Complete"), ("▲ At risk", "Amber"), ("● On track", "Green"),
                                         ("Completed ✔", "Complete"), ("🟢 On track", "Green")])
def test_a_trackers_icon_before_its_status_word_leaves_the_word_read(typed, name):
    # the icons had made every word unknown, and a data row holding '▲ At risk' was taken for a risk register's header
    assert DEFAULT_SCALE.normalise(typed) == name


def test_a_lone_icon_is_still_a_word_of_its_own():
    assert DEFAULT_SCALE.normalise("✓") is None and DEFAULT_SCALE.normalise("▲") is None

from gapradar.domain import Level, MaturityModel, Practice

MODEL = MaturityModel(
    "M",
    (Practice("a", "A"), Practice("b", "B"), Practice("c", "C")),
    (Level(2, "Two"), Level(0, "Zero"), Level(1, "One")),
)


def test_levels_are_sorted_by_score_whatever_the_file_order():
    assert MODEL.scores == (0, 1, 2)
    assert MODEL.min_score == 0 and MODEL.max_score == 2


def test_level_lookup_and_label():
    assert MODEL.level(1).name == "One"
    assert MODEL.level(None) is None
    assert MODEL.level(7) is None
    assert MODEL.level_label(2) == "2 – Two"
    assert MODEL.level_label(None) == "not assessed"


def test_step_walks_the_ladder_and_not_assessed_sits_below_it():
    assert MODEL.step(None, +1) == 0
    assert MODEL.step(None, -1) is None
    assert MODEL.step(0, -1) is None
    assert MODEL.step(0, +1) == 1
    assert MODEL.step(2, +1) == 2


def test_practice_lookup():
    assert MODEL.practice("b").name == "B"
    assert MODEL.practice_index("c") == 2

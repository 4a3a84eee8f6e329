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


def _rules(model: MaturityModel) -> list[tuple[str, str]]:
    return [(r.field, r.message) for r in model.problems()]


def test_a_good_model_breaks_no_rule():
    assert MODEL.problems() == []


def test_the_model_rules_live_in_the_model():
    a, b = Practice("a", "A"), Practice("a", "a ")
    lv0, lv0b = Level(0, "Zero"), Level(0, "ZERO")
    model = MaturityModel("M", (a, b), (lv0, lv0b))
    found = model.problems()
    messages = [r.message for r in found]
    assert any("at least 3 practices" in m for m in messages)
    assert any("two practices have the id 'a'" in m for m in messages)
    assert any("two practices are named" in m for m in messages)
    assert any("two levels have the score 0" in m for m in messages)
    assert any("two levels are named" in m for m in messages)
    clash = next(r for r in found if r.field == "id")
    assert clash.subject is b and clash.first is a


def test_too_few_levels_and_scores_out_of_range():
    model = MaturityModel("M", MODEL.practices, (Level(10**309, "Huge"),))
    assert ("levels", "the model needs at least 2 levels, not 1") in _rules(model)
    assert any(f == "score" and "out of range" in m for f, m in _rules(model))


def test_practice_ids_and_names_follow_the_rules():
    model = MaturityModel(
        "M", (Practice("has space", "A"), Practice("b", "B\x0b"), Practice("c", "\u200b")), MODEL.levels
    )
    rules = _rules(model)
    assert any(f == "id" and "may use only letters" in m for f, m in rules)
    assert any(f == "name" and "U+000B" in m for f, m in rules)
    assert any(f == "name" and "shows nothing" in m for f, m in rules)

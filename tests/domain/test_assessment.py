"""Systems have stable ids: a rename changes the name, never the id."""

from gapradar.domain import Assessment, Level, MaturityModel, Practice, System

MODEL = MaturityModel(
    "M", (Practice("a", "A"), Practice("b", "B"), Practice("c", "C")), (Level(0, "Zero"), Level(1, "One"))
)


def test_an_id_is_made_from_the_name_when_none_is_given():
    assert System("Core Banking (iOS)").id == "core-banking-ios"
    assert System("Core", id="legacy-7").id == "legacy-7"


def test_ids_are_unique_in_an_assessment():
    a = Assessment(MODEL, systems=[System("A b"), System("A-b"), System("a.b", id="a-b")])
    assert [s.id for s in a.systems] == ["a-b", "a-b-2", "a-b-3"]


def test_system_by_id_survives_a_rename():
    a = Assessment(MODEL, systems=[System("Core")])
    a.system("Core").name = "Core (renamed)"
    assert a.system_by_id("core").name == "Core (renamed)"
    assert a.system("Core (renamed)").id == "core"


def test_a_copy_under_a_new_name_is_a_new_system():
    s = System("Core", id="core")
    assert s.copy().id == "core"
    assert s.copy("Core (2)").id == "core-2"


def test_unique_id():
    a = Assessment(MODEL, systems=[System("Core")])
    assert a.unique_id("Core") == "core-2"

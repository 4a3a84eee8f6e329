"""Rounds in the domain: the shown round, copies forward, systems across rounds, deltas and progress."""

import datetime

from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.domain.assessment import Round
from gapradar.domain.rounds import Change, delta_mark, progress, system_progress


def small_model() -> MaturityModel:
    practices = (Practice("a", "A"), Practice("b", "B"), Practice("c", "C"))
    return MaturityModel("M", practices, tuple(Level(i, f"L{i}") for i in range(4)))


def two_rounds() -> Assessment:
    model = small_model()
    a_id, b_id, c_id = model.practice_ids[:3]
    systems = [System("One"), System("Two")]
    before = Round(
        "Before", datetime.date(2026, 3, 1), {"one": {a_id: Rating(0, 2), b_id: Rating(1, 3, "slow")}}
    )
    after = Round("After", datetime.date(2026, 9, 1), {"one": {a_id: Rating(1, 2), c_id: Rating(2, 2)}})
    return Assessment(model, systems=systems, rounds=[before, after])


def test_system_ratings_are_the_shown_rounds_and_follow_show_round():
    a = two_rounds()
    pa, pb = a.model.practice_ids[:2]
    assert a.shown is a.latest and a.system("One").rating(pa).current == 1
    a.system("One").set_rating(pa, Rating(2, 2))  # an edit of the shown round lands in it
    before = a.show_round(a.rounds[0].id)
    assert a.system("One").rating(pa).current == 0 and a.system("One").rating(pb).note == "slow"
    assert a.rating_in(a.latest, "one", pa).current == 2
    a.show_round(None)
    assert a.system("One").rating(pa).current == 2 and a.rating_in(before, "one", pa).current == 0


def test_only_the_latest_or_an_unlocked_round_is_editable():
    a = two_rounds()
    assert a.is_editable() and not a.is_editable(a.rounds[0])
    a.rounds[0].unlocked = True
    assert a.is_editable(a.rounds[0])


def test_a_snapshot_copies_every_round_and_later_edits_do_not_reach_it():
    a = two_rounds()
    pa = a.model.practice_ids[0]
    a.show_round(a.rounds[0].id)
    copy = a.snapshot()
    assert copy == a and copy.shown.id == a.rounds[0].id
    a.system("One").set_rating(pa, Rating(None, None, "changed"))
    a.show_round(None)
    a.system("One").set_rating(pa, Rating(0, 0))
    assert copy.rating_in(copy.rounds[0], "one", pa) == Rating(0, 2)
    assert copy.rating_in(copy.latest, "one", pa) == Rating(1, 2)


def test_a_new_round_carries_levels_targets_and_notes_forward_but_not_votes():
    from gapradar.domain import Votes

    a = two_rounds()
    pa = a.model.practice_ids[0]
    a.system("One").set_rating(pa, Rating(1, 2, "note", Votes.of({1: 3})))
    new = a.carried_forward("Next", datetime.date(2027, 3, 1))
    a.add_round(new)
    assert a.latest is new and new.ratings["one"][pa] == Rating(1, 2, "note")
    a.show_round(new.id)
    a.system("One").set_rating(pa, Rating(2, 2))
    assert a.rating_in(a.rounds[1], "one", pa) == Rating(1, 2, "note", Votes.of({1: 3}))


def test_removing_a_system_takes_it_out_of_every_round_and_attach_puts_it_back():
    a = two_rounds()
    pa = a.model.practice_ids[0]
    one = a.systems.pop(0)
    by_round = a.detach_system(one)
    assert set(by_round) == {r.id for r in a.rounds}
    a.show_round(a.rounds[0].id)  # the user looks at another round, then undoes the removal
    a.systems.insert(0, one)
    a.attach_system(one, by_round)
    assert a.system("One").rating(pa).current == 0
    assert a.rating_in(a.latest, "one", pa).current == 1


def test_a_new_system_is_in_the_shown_round_only():
    a = two_rounds()
    three = System("Three", {a.model.practice_ids[0]: Rating(1)})
    a.systems.append(three)
    a.attach_system(three)
    assert a.rating_in(a.latest, "three", a.model.practice_ids[0]).current == 1
    assert a.rating_in(a.rounds[0], "three", a.model.practice_ids[0]).is_empty


def test_removing_a_round_keeps_at_least_one_and_moves_the_shown_round():
    a = two_rounds()
    a.show_round(a.latest.id)
    index, gone = a.remove_round(a.latest.id)
    assert index == 1 and gone.label == "After" and a.shown is a.rounds[0]
    assert a.system("One").rating(a.model.practice_ids[0]).current == 0
    try:
        a.remove_round(a.rounds[0].id)
    except ValueError:
        pass
    else:
        raise AssertionError("the last round was removed")


def test_progress_is_the_share_of_the_way_to_target_and_undefined_otherwise():
    assert progress(0, 1, 2) == 0.5
    assert progress(-1, 2, 2) == 1.0
    assert progress(1, 0, 3) == -0.5
    assert progress(2, 2, 2) is None  # the target was already reached: no way to cover
    assert progress(None, 1, 2) is None and progress(0, None, 2) is None and progress(0, 1, None) is None
    assert Change(Rating(0, 2), Rating(1)).progress == 0.5  # the baseline's target when now has none
    assert Change(Rating(None, 2), Rating(1, 2)).delta is None  # not assessed is never zero
    assert [delta_mark(d) for d in (2, -1, 0, None)] == ["▲2", "▼1", "=", ""]


def test_system_progress_adds_up_steps_over_the_practices_where_it_is_defined():
    a = two_rounds()
    pb = a.model.practice_ids[1]
    a.system("One").set_rating(pb, Rating(2, 3))  # b: 1 -> 2 of 3; a: 0 -> 1 of 2; c new: no delta
    p = system_progress(a, a.rounds[0], a.latest, "one")
    assert p.progress == (1 + 1) / (2 + 2)
    assert p.mean_delta == 1 and (p.moved_up, p.moved_down) == (2, 0)
    assert system_progress(a, a.rounds[0], a.latest, "two").progress is None


def test_paired_keeps_what_both_rounds_assessed_and_counts_the_rest():
    from gapradar.domain.rounds import counted, paired

    a = two_rounds()
    pa, pb, pc = a.model.practice_ids[:3]
    found = paired(a, a.rounds[0], a.rounds[1])
    assert [(sid, t.current, n.current) for sid, t, n in found.both[pa]] == [("one", 0, 1)]
    assert found.both[pb] == [] and found.both[pc] == []
    assert found.only_then == [("one", pb)] and found.only_now == [("one", pc)]
    assert found.ratings_left_out() == 2
    assert found.systems_left_out() == []  # One is compared on practice a; Two has no levels at all
    a.rounds[0].ratings["two"] = {pa: Rating(1, 2)}  # Two is rated in the earlier round only
    assert paired(a, a.rounds[0], a.rounds[1]).systems_left_out() == ["two"]
    assert (counted(1, "rating"), counted(6, "rating"), counted(2, "software", "software")) == (
        "1 rating",
        "6 ratings",
        "2 software",
    )

from mentoring.planning.matching import MatchMentor, MatchTrainee, match_mentors

EAST, WEST, NORTH = 1, 2, 3


def trainee(pk, community, **kwargs):
    return MatchTrainee(pk, f"t{pk}", community, f"c{community}", **kwargs)


def mentor(pk, community, capacity, load=0):
    return MatchMentor(pk, f"m{pk}", community, capacity, load)


def loads(result):
    counts = {}
    for mentor_id in [*result.primary.values(), *result.cross.values()]:
        counts[mentor_id] = counts.get(mentor_id, 0) + 1
    return counts


def test_every_trainee_gets_two_different_mentors_and_the_cross_one_from_elsewhere():
    trainees = [trainee(i, [EAST, WEST, NORTH][i % 3]) for i in range(1, 7)]
    mentors = [mentor(100, EAST, 4), mentor(101, WEST, 4), mentor(102, NORTH, 4)]

    result = match_mentors(trainees, mentors)

    assert result.ok
    community = {m.id: m.community_id for m in mentors}
    for t in trainees:
        assert result.primary[t.id] != result.cross[t.id]
        assert community[result.cross[t.id]] != t.community_id
    assert all(load <= 4 for load in loads(result).values())


def test_the_load_is_spread_by_ratio_of_capacity():
    trainees = [trainee(i, EAST, needs_cross=False) for i in range(1, 7)]
    mentors = [mentor(100, WEST, 2), mentor(101, WEST, 4)]

    result = match_mentors(trainees, mentors)

    assert loads(result) == {100: 2, 101: 4}


def test_existing_load_counts():
    trainees = [trainee(i, EAST, needs_cross=False) for i in range(1, 3)]
    mentors = [mentor(100, EAST, 2, load=2), mentor(101, EAST, 2)]

    result = match_mentors(trainees, mentors)

    assert set(result.primary.values()) == {101}


def test_a_greedy_trap_is_avoided():
    # t2 (north) could take either cross mentor; t1 (east) only the west one. Greedy in id
    # order gives t1 nothing if t2 took the west mentor first; the flow finds the matching.
    trainees = [trainee(2, NORTH, needs_primary=False), trainee(1, EAST, needs_primary=False)]
    mentors = [mentor(100, EAST, 1), mentor(101, WEST, 1)]

    result = match_mentors(trainees, mentors)

    assert result.ok and result.cross == {1: 101, 2: 100}


def test_when_no_cross_mentor_exists_the_rule_is_named():
    result = match_mentors([trainee(1, EAST)], [mentor(100, EAST, 3), mentor(101, EAST, 3)])

    assert [p.code for p in result.problems] == ["cross_rule"]
    assert "t1" in result.problems[0].message and "cEAST" not in result.problems[0].message


def test_when_capacity_runs_out_the_trainee_and_mentors_are_named():
    trainees = [trainee(1, EAST, needs_primary=False), trainee(2, EAST, needs_primary=False)]
    result = match_mentors(trainees, [mentor(100, WEST, 1)])

    assert [(p.code, p.trainee_id) for p in result.problems] == [("capacity", 2)]
    assert "m100" in result.problems[0].message
    assert "t1" in result.problems[0].message or "t2" in result.problems[0].message


def test_a_trainee_without_community_cannot_have_a_cross_mentor():
    result = match_mentors([trainee(1, None, needs_primary=False)], [mentor(100, WEST, 1)])

    assert [p.code for p in result.problems] == ["no_community"]


def test_the_same_input_gives_the_same_matching():
    trainees = [trainee(i, [EAST, WEST][i % 2]) for i in range(1, 9)]
    mentors = [mentor(100 + i, [EAST, WEST, NORTH][i % 3], 3) for i in range(6)]

    first = match_mentors(trainees, mentors)
    second = match_mentors(list(reversed(trainees)), list(reversed(mentors)))

    assert (first.primary, first.cross) == (second.primary, second.cross)

"""Choosing a team with one organisation per sector sought: the best sum of
scores, with a bonus for members who worked together before."""

from itertools import product

from projects.matching.consortium import (
    COLLABORATION_BONUS,
    Candidate,
    best_team,
)


def _candidates(*rows):
    return [
        Candidate(key=key, sector=sector, score=score) for key, sector, score in rows
    ]


def test_the_best_of_each_sector_without_collaborations():
    candidates = _candidates(
        ("city", "government", 0.8),
        ("province", "government", 0.6),
        ("university", "knowledge", 0.7),
        ("start-up", "business", 0.9),
    )
    team = best_team(candidates, ["government", "knowledge"])
    assert [member.key for member in team.members] == ["city", "university"]
    assert team.missing == ()
    assert team.worked_together == ()
    assert team.total == 0.8 + 0.7


def test_members_who_worked_together_can_beat_stronger_strangers():
    candidates = _candidates(
        ("city", "government", 0.80),
        ("province", "government", 0.75),
        ("university", "knowledge", 0.70),
        ("institute", "knowledge", 0.65),
        ("company", "business", 0.60),
    )
    together = {
        frozenset({"province", "institute"}),
        frozenset({"institute", "company"}),
    }
    team = best_team(candidates, ["government", "knowledge", "business"], together)
    # 0.75 + 0.65 + 0.60 + two bonuses beats 0.80 + 0.70 + 0.60.
    assert [member.key for member in team.members] == [
        "province",
        "institute",
        "company",
    ]
    assert set(team.worked_together) == {
        ("province", "institute"),
        ("institute", "company"),
    }
    assert team.total == 0.75 + 0.65 + 0.60 + 2 * COLLABORATION_BONUS


def test_a_small_bonus_does_not_outweigh_a_much_better_candidate():
    candidates = _candidates(
        ("city", "government", 0.9),
        ("village", "government", 0.3),
        ("university", "knowledge", 0.7),
    )
    together = {frozenset({"village", "university"})}
    team = best_team(candidates, ["government", "knowledge"], together)
    assert [member.key for member in team.members] == ["city", "university"]


def test_the_result_is_the_best_of_every_combination():
    """Checked against brute force over every candidate, not only the best
    five of each sector, on a case where the best five suffice."""
    candidates = _candidates(
        *[(f"g{n}", "government", 0.1 * n) for n in range(1, 6)],
        *[(f"k{n}", "knowledge", 0.05 * n) for n in range(1, 6)],
        *[(f"b{n}", "business", 0.08 * n) for n in range(1, 6)],
    )
    together = {
        frozenset({"g1", "k1"}),
        frozenset({"k1", "b1"}),
        frozenset({"g4", "b2"}),
    }
    sectors = ["government", "knowledge", "business"]

    def total(members):
        pairs = sum(
            frozenset({a.key, b.key}) in together
            for i, a in enumerate(members)
            for b in members[i + 1 :]
        )
        return sum(member.score for member in members) + COLLABORATION_BONUS * pairs

    pools = [[c for c in candidates if c.sector == sector] for sector in sectors]
    best = max(product(*pools), key=total)
    team = best_team(candidates, sectors, together)
    assert team.total == total(best)


def test_only_the_best_few_per_sector_are_considered():
    candidates = _candidates(
        *[(f"g{n}", "government", 1.0 - 0.01 * n) for n in range(8)],
        ("k", "knowledge", 0.5),
    )
    # g7 is not among the best five, so its collaboration does not count.
    team = best_team(
        candidates, ["government", "knowledge"], {frozenset({"g7", "k"})}, per_sector=5
    )
    assert [member.key for member in team.members] == ["g0", "k"]


def test_a_sector_without_candidates_is_reported_missing():
    candidates = _candidates(("city", "government", 0.8))
    team = best_team(candidates, ["government", "civil_society", "knowledge"])
    assert [member.key for member in team.members] == ["city"]
    assert team.missing == ("civil_society", "knowledge")


def test_no_team_without_any_candidate_in_the_sectors():
    candidates = _candidates(("company", "business", 0.8))
    assert best_team(candidates, ["government", "knowledge"]) is None
    assert best_team([], ["government", "knowledge"]) is None


def test_ties_go_to_the_better_ranked_candidates():
    candidates = _candidates(
        ("first", "government", 0.5),
        ("second", "government", 0.5),
        ("university", "knowledge", 0.5),
    )
    team = best_team(candidates, ["government", "knowledge"])
    assert [member.key for member in team.members] == ["first", "university"]

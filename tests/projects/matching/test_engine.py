"""The scoring core on small hand-made arrays: what it suggests, what it never
suggests, and that each suggestion's parts add up to its score."""

import numpy as np
import pytest
from scipy import sparse

from projects.matching import engine
from projects.matching.weights import PARTS, WEIGHTS

UTRECHT = (52.09, 5.12)
EINDHOVEN = (51.44, 5.48)
LISBON = (38.72, -9.14)


def _unit(lat_lon):
    if lat_lon is None:
        return [0.0, 0.0, 0.0]
    lat, lon = np.radians(lat_lon)
    return [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]


def _rows(vectors):
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return sparse.csr_array(matrix / np.where(norms == 0, 1, norms))


def _organisations(*, eligible=(True, True, True, True), collaborators=None):
    # 0: energy university in Eindhoven, 1: mobility company in Utrecht,
    # 2: energy company in Lisbon, 3: nothing known.
    return engine.Organisations(
        text=_rows([[1, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 0]]),
        themes=sparse.csr_array(np.array([[1, 0], [0, 1], [1, 0], [0, 0]])),
        sdgs=sparse.csr_array(np.array([[1, 0], [0, 1], [1, 0], [0, 0]])),
        tags=sparse.csr_array(np.array([[1, 1], [0, 0], [1, 0], [0, 0]])),
        sectors=np.array([[0, 1], [1, 0], [1, 0], [0, 0]], dtype=np.float32),
        places=np.array(
            [_unit(EINDHOVEN), _unit(UTRECHT), _unit(LISBON), _unit(None)],
            dtype=np.float32,
        ),
        activity=np.array([1.0, 0.5, 0.0, 0.0], dtype=np.float32),
        collaborators=sparse.csr_array(
            collaborators if collaborators is not None else np.zeros((4, 4))
        ),
        eligible=np.array(eligible),
    )


def _initiatives(*, members=((),)):
    # One energy initiative in Utrecht seeking a knowledge institution.
    rows = len(members)
    member_matrix = np.zeros((rows, 4))
    for row, organisation_indices in enumerate(members):
        member_matrix[row, list(organisation_indices)] = 1
    return engine.Initiatives(
        text=_rows([[1, 0, 1]] * rows),
        themes=sparse.csr_array(np.array([[1, 0]] * rows)),
        sdgs=sparse.csr_array(np.array([[1, 0]] * rows)),
        tags=sparse.csr_array(np.array([[1, 1]] * rows)),
        sought=np.array([[0, 1]] * rows, dtype=np.float32),
        places=np.array([_unit(UTRECHT)] * rows, dtype=np.float32),
        members=sparse.csr_array(member_matrix),
    )


def test_the_organisation_that_fits_in_every_way_comes_first():
    ranking = engine.suggest_organisations(_initiatives(), _organisations(), k=3)
    assert ranking.indices[0].tolist()[0] == 0
    assert ranking.parts["sector"][0, 0] == 1.0
    assert ranking.parts["themes"][0, 0] == 1.0
    assert ranking.parts["text"][0, 0] == pytest.approx(1.0)


def test_each_part_is_between_zero_and_one_and_they_add_up_to_the_score():
    ranking = engine.suggest_organisations(_initiatives(), _organisations(), k=4)
    for name in PARTS:
        assert ((ranking.parts[name] >= 0) & (ranking.parts[name] <= 1)).all(), name
    batch = engine.batch_scores(_initiatives(), _organisations())
    chosen = ranking.indices[0]
    assert ranking.scores[0] == pytest.approx(batch[0, chosen], abs=1e-5)
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_distance_halves_every_150_km_and_is_zero_where_unknown():
    ranking = engine.suggest_organisations(_initiatives(), _organisations(), k=4)
    by_organisation = dict(
        zip(ranking.indices[0], ranking.parts["distance"][0], strict=True)
    )
    # Utrecht to Eindhoven is about 78 km.
    assert by_organisation[0] == pytest.approx(0.5 ** (78 / 150), abs=0.02)
    assert by_organisation[1] == pytest.approx(1.0)
    assert by_organisation[2] < 0.001
    assert by_organisation[3] == pytest.approx(0.0, abs=1e-9)


def test_members_and_organisations_that_are_not_public_are_never_suggested():
    ranking = engine.suggest_organisations(
        _initiatives(members=[(0,)]),
        _organisations(eligible=(True, True, False, True)),
        k=4,
    )
    suggested = [index for index in ranking.indices[0] if index >= 0]
    assert sorted(suggested) == [1, 3]


def test_partners_of_partners_count():
    collaborators = np.zeros((4, 4))
    collaborators[1, 2] = collaborators[2, 1] = 1
    ranking = engine.suggest_organisations(
        _initiatives(members=[(1,)]), _organisations(collaborators=collaborators), k=3
    )
    by_organisation = dict(
        zip(ranking.indices[0], ranking.parts["collaboration"][0], strict=True)
    )
    assert by_organisation[2] == pytest.approx(1 / 2)
    assert by_organisation[0] == 0.0


def test_batches_give_the_same_ranking_as_one_pass():
    initiatives = _initiatives(members=[(), (0,), (1,), (), (2, 3)])
    whole = engine.suggest_organisations(initiatives, _organisations(), k=3)
    batched = engine.suggest_organisations(
        initiatives, _organisations(), k=3, batch_size=2
    )
    assert (whole.indices == batched.indices).all()


def test_the_reverse_ranking_matches_a_brute_force_one():
    initiatives = _initiatives(members=[(), (0,), (1,), (), (2, 3)])
    organisations = _organisations()
    _forward, reverse = engine.suggest_both_ways(
        initiatives, organisations, k=2, batch_size=2
    )
    scores = engine.batch_scores(initiatives, organisations)
    for organisation in range(len(organisations)):
        column = scores[:, organisation]
        expected = np.sort(column[np.isfinite(column)])[::-1][:2]
        got = reverse.scores[organisation]
        assert got[np.isfinite(got)] == pytest.approx(expected, abs=1e-5)


def _random_registry(organisations=5000, initiatives=60, seed=7):
    """Random arrays of every kind the engine reads: text, themes, goals,
    tags (a few common, most rare), sectors, places around Europe (some
    unknown), collaborations, members, similar past work and organisations
    not public."""
    random = np.random.default_rng(seed)

    def unit(rows, columns):
        return _rows(random.normal(size=(rows, columns)))

    def zero_one(rows, columns, share):
        return sparse.csr_array((random.random((rows, columns)) < share) * 1.0)

    def tags(rows):
        # Column c is held with a share falling like 1 / c: common to rare.
        shares = 0.3 / np.arange(1, 201)
        return sparse.csr_array((random.random((rows, 200)) < shares) * 1.0)

    def places(rows):
        latitudes = random.uniform(36, 60, rows)
        longitudes = random.uniform(-10, 25, rows)
        points = np.array([_unit(p) for p in zip(latitudes, longitudes, strict=True)])
        points[random.random(rows) < 0.1] = 0.0
        return points.astype(np.float32)

    def one_hot(rows, share):
        matrix = np.zeros((rows, 4), dtype=np.float32)
        matrix[np.arange(rows), random.integers(4, size=rows)] = 1.0
        matrix[random.random(rows) > share] = 0.0
        return matrix

    collaborators = zero_one(organisations, organisations, 0.001)
    collaborators = sparse.csr_array(((collaborators + collaborators.T) > 0) * 1.0)
    return (
        engine.Organisations(
            text=unit(organisations, 16),
            themes=zero_one(organisations, 12, 0.15),
            sdgs=zero_one(organisations, 17, 0.1),
            tags=tags(organisations),
            sectors=one_hot(organisations, 0.9),
            places=places(organisations),
            activity=random.random(organisations).astype(np.float32),
            collaborators=collaborators,
            eligible=random.random(organisations) > 0.05,
        ),
        engine.Initiatives(
            text=unit(initiatives, 16),
            themes=zero_one(initiatives, 12, 0.15),
            sdgs=zero_one(initiatives, 17, 0.15),
            tags=tags(initiatives),
            sought=np.maximum(one_hot(initiatives, 1.0), one_hot(initiatives, 0.3)),
            places=places(initiatives),
            members=zero_one(initiatives, organisations, 0.002),
            similar_work=sparse.csr_array(
                zero_one(initiatives, organisations, 0.003)
                * random.random((initiatives, organisations))
            ),
        ),
    )


def _top_scores(scores, k):
    """Each row's k best finite scores, best first, -inf where fewer."""
    best = -np.sort(-scores, axis=1)[:, :k]
    return np.where(np.isfinite(best), best, -np.inf)


def test_the_fast_path_finds_the_best_pairs_that_the_plain_scores_give():
    # suggest_* score in tiles, on threads, with chunk maxima and running
    # bars; batch_scores states the score plainly. Same pairs, same scores.
    initiatives, organisations = _random_registry()[::-1]
    reference = engine.batch_scores(initiatives, organisations)
    forward, reverse = engine.suggest_both_ways(
        initiatives, organisations, k=7, batch_size=9
    )
    chosen = np.take_along_axis(reference, np.maximum(forward.indices, 0), axis=1)
    chosen[forward.indices < 0] = -np.inf
    assert chosen == pytest.approx(_top_scores(reference, 7), abs=1e-5)
    # The parts shown are computed pair by pair; the batch's distance comes
    # from a float32 cosine, a little less exact for places close together.
    assert forward.scores == pytest.approx(chosen, abs=5e-4)
    columns = np.take_along_axis(reference.T, np.maximum(reverse.indices, 0), axis=1)
    columns[reverse.indices < 0] = -np.inf
    # The same best pairs; two whose scores are closer than the batch's
    # distance is exact (organisation 1163's second and third, 2e-5 apart)
    # may come in either order.
    assert -np.sort(-columns, axis=1) == pytest.approx(
        _top_scores(reference.T, 7), abs=1e-5
    )
    assert reverse.scores == pytest.approx(columns, abs=5e-4)


def test_the_fast_path_agrees_for_some_organisations_and_one_initiative():
    initiatives, organisations = _random_registry()[::-1]
    reference = engine.batch_scores(initiatives, organisations)
    some = np.array([3, 400, 2500, 4999])
    reverse = engine.suggest_initiatives(
        initiatives, engine.organisation_rows(organisations, some), k=5
    )
    assert reverse.scores == pytest.approx(_top_scores(reference.T[some], 5), abs=5e-4)
    one = engine.suggest_organisations(initiatives.rows(slice(4, 5)), organisations)
    assert one.scores == pytest.approx(_top_scores(reference[4:5], 20), abs=5e-4)

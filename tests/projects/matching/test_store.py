"""Storing one subject's suggestions: replaced whole, the same however often,
and never overwritten by an older computation."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.factories import OrganisationFactory
from projects.factories import InitiativeFactory
from projects.matching import store
from projects.matching.compute import Suggested
from projects.matching.weights import ALGORITHM_VERSION, PARTS
from projects.models import MatchSuggestion, SuggestionDirection

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE


def _suggested(initiative, organisations):
    return [
        Suggested(
            initiative_id=initiative.pk,
            organisation_id=organisation.pk,
            rank=rank,
            score=1 / rank,
            parts=dict.fromkeys(PARTS, 0.5),
        )
        for rank, organisation in enumerate(organisations, start=1)
    ]


def _rows(initiative):
    return list(
        MatchSuggestion.objects.filter(
            initiative=initiative, direction=FOR_INITIATIVE
        ).values_list("organisation_id", "rank", "score")
    )


def _replace(initiative, suggested, computed_at=None):
    return store.suggestions_replace(
        direction=FOR_INITIATIVE,
        subject_id=initiative.pk,
        suggested=suggested,
        computed_at=computed_at,
    )


def test_storing_twice_leaves_the_same_rows_and_no_duplicates(db):
    initiative = InitiativeFactory()
    suggested = _suggested(initiative, OrganisationFactory.create_batch(3))
    _replace(initiative, suggested)
    first = _rows(initiative)
    _replace(initiative, suggested)
    assert _rows(initiative) == first
    assert len(first) == 3


def test_a_new_list_replaces_the_old_one_whole(db):
    initiative = InitiativeFactory()
    old, new = OrganisationFactory.create_batch(2), OrganisationFactory.create_batch(2)
    _replace(initiative, _suggested(initiative, old))
    _replace(initiative, _suggested(initiative, new))
    assert [row[0] for row in _rows(initiative)] == [org.pk for org in new]


def test_the_state_says_when_and_with_which_version_it_was_computed(db):
    initiative = InitiativeFactory()
    when = timezone.now() - timedelta(seconds=5)
    _replace(initiative, [], computed_at=when)
    initiative.matching_state.refresh_from_db()
    assert initiative.matching_state.computed_at == when
    assert initiative.matching_state.algorithm_version == ALGORITHM_VERSION


def test_an_older_computation_does_not_overwrite_a_newer_one(db):
    initiative = InitiativeFactory()
    newer, older = OrganisationFactory(), OrganisationFactory()
    now = timezone.now()
    assert _replace(initiative, _suggested(initiative, [newer]), computed_at=now)
    stored = _replace(
        initiative,
        _suggested(initiative, [older]),
        computed_at=now - timedelta(minutes=1),
    )
    assert not stored
    assert [row[0] for row in _rows(initiative)] == [newer.pk]


def test_suggestions_of_what_is_no_longer_public_are_removed(db):
    shown, paused = InitiativeFactory(), InitiativeFactory(paused_at=timezone.now())
    organisations = OrganisationFactory.create_batch(2)
    _replace(shown, _suggested(shown, organisations))
    _replace(paused, _suggested(paused, organisations))
    store.suggestions_remove_hidden()
    assert len(_rows(shown)) == 2
    assert _rows(paused) == []


def _lists(initiatives, organisations):
    return {
        initiative.pk: _suggested(initiative, organisations)
        for initiative in initiatives
    }


def test_a_chunks_lists_are_stored_at_once_but_a_newer_one_is_kept(db):
    initiatives = InitiativeFactory.create_batch(3)
    newer, older = OrganisationFactory(), OrganisationFactory()
    now = timezone.now()
    _replace(initiatives[1], _suggested(initiatives[1], [newer]), computed_at=now)
    stored = store.lists_replace(
        direction=FOR_INITIATIVE,
        lists=_lists(initiatives, [older]),
        computed_at=now - timedelta(minutes=1),
    )
    assert stored == 2
    assert [row[0] for row in _rows(initiatives[0])] == [older.pk]
    assert [row[0] for row in _rows(initiatives[1])] == [newer.pk]
    assert [row[0] for row in _rows(initiatives[2])] == [older.pk]


def test_storing_a_chunk_takes_as_many_queries_for_thirty_lists_as_for_two(
    db, django_assert_num_queries
):
    organisations = OrganisationFactory.create_batch(3)
    few, many = InitiativeFactory.create_batch(2), InitiativeFactory.create_batch(30)
    store.lists_replace(direction=FOR_INITIATIVE, lists=_lists(few, organisations))
    with CaptureQueriesContext(connection) as for_few:
        store.lists_replace(direction=FOR_INITIATIVE, lists=_lists(few, organisations))
    with django_assert_num_queries(len(for_few)):
        store.lists_replace(direction=FOR_INITIATIVE, lists=_lists(many, organisations))
    assert len(_rows(many[-1])) == 3


def test_a_stored_pair_keeps_its_score_parts_and_time(db):
    initiative, organisation = InitiativeFactory(), OrganisationFactory()
    parts = {name: 0.1 * number for number, name in enumerate(PARTS)}
    pair = Suggested(initiative.pk, organisation.pk, 1, 0.123456, parts)
    when = timezone.now() - timedelta(seconds=5)
    _replace(initiative, [pair], computed_at=when)
    stored = MatchSuggestion.objects.get(initiative=initiative)
    assert (stored.organisation_id, stored.rank) == (organisation.pk, 1)
    assert stored.direction == FOR_INITIATIVE
    assert stored.score == 0.123456
    assert stored.parts == pytest.approx(parts)
    assert (stored.computed_at, stored.algorithm_version) == (when, ALGORITHM_VERSION)

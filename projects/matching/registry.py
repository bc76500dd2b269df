"""Reads the registry from the database into the engine's arrays: every
approved organisation on one side, the public initiatives asked about on the
other. A handful of queries over flat values, whatever the registry's size."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from django.db.models import Q
from django.utils import timezone
from scipy import sparse

from partners.models import (
    ExpertiseTag,
    HelixSector,
    ModerationStatus,
    OfferTag,
    Organisation,
)
from projects.matching import engine
from projects.matching.vectors import (
    TextModel,
    Vocabulary,
    fit_text_model,
    normalise_tag,
    one_hot,
    unit_places,
)
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeTag,
    PartnerState,
    SoughtExpertiseTag,
    SoughtSector,
)

SECTORS = tuple(HelixSector.values)
GOALS = 17
# Activity halves with every year since an organisation last did something.
ACTIVITY_HALF_LIFE_DAYS = 365.0
# The track record fills up with the logarithm of an organisation's
# initiatives, fully at this many: the tenth counts for less than the second,
# but the registry's busiest still stand out from those with a few.
TRACK_RECORD_FULL = 20
# The share of the activity part a newcomer with no initiative yet gets.
NEWCOMER_SHARE = 0.25


@dataclass(frozen=True)
class Registry:
    organisations: engine.Organisations
    organisation_ids: np.ndarray  # (O,) the row's Organisation.pk
    initiatives: engine.Initiatives
    initiative_ids: np.ndarray  # (Q,) the row's Initiative.pk
    text_model: TextModel
    # What the text model read: each organisation's text (row order), each
    # query's, and every text it was fitted on. For baselines to compare
    # with on the same words.
    organisation_texts: tuple = ()
    initiative_texts: tuple = ()
    corpus: tuple = ()


def _index(ids) -> dict[int, int]:
    return {pk: row for row, pk in enumerate(ids)}


def _rows(index: dict, pairs):
    """(row, value) for the (pk, value) pairs whose pk is in ``index``."""
    return [(index[pk], value) for pk, value in pairs if pk in index]


def _as_day(moment) -> date | None:
    if isinstance(moment, datetime):
        return moment.date()
    return moment


def _places(rows) -> np.ndarray:
    latitudes = [np.nan if r["latitude"] is None else r["latitude"] for r in rows]
    longitudes = [np.nan if r["longitude"] is None else r["longitude"] for r in rows]
    return unit_places(latitudes, longitudes)


def _memberships(initiatives, *, confirmed_only: bool):
    """(initiative pk, organisation pk) of the owners and partners of the
    ``initiatives`` queryset."""
    states = [PartnerState.CONFIRMED]
    if not confirmed_only:
        states.append(PartnerState.INVITED)
    partners = InitiativePartner.objects.filter(
        initiative__in=initiatives.values("pk"), state__in=states
    ).values_list("initiative_id", "organisation_id")
    return list(initiatives.values_list("pk", "owner_id")) + list(partners)


def _membership_matrix(pairs, initiative_index, organisation_index):
    coordinates = [
        (initiative_index[i], organisation_index[o])
        for i, o in pairs
        if i in initiative_index and o in organisation_index
    ]
    shape = (len(initiative_index), len(organisation_index))
    if not coordinates:
        return sparse.csr_array(shape, dtype=np.float32)
    rows, columns = np.array(coordinates).T
    matrix = sparse.csr_array(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=shape
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def _collaborators(membership) -> sparse.csr_array:
    """(O, O): in how many initiatives two organisations took part together.
    Partners who came back to each other count for more than a single
    consortium (COLLABORATORS_FOR_FULL_MARKS of them count fully)."""
    together = sparse.csr_array(membership.T @ membership)
    together.setdiag(0)
    together.eliminate_zeros()
    return together


def _activity(organisations, involvement, initiatives, today) -> np.ndarray:
    """How recently and how much an organisation is active: halves with each
    year since it was last heard of (reconfirmed, or an initiative it is in
    started, ended or was registered), times its track record. A newcomer
    with no initiative yet gets NEWCOMER_SHARE, so that it still counts; the
    rest fills up with the logarithm of its initiatives, fully at
    TRACK_RECORD_FULL. Organisations with a record are the likelier partners:
    on the CORDIS data the partners found had over five times the registry's
    average, and a quarter of them were among its 3 % busiest."""
    last = [_as_day(row["reconfirmed_at"]) for row in organisations]
    for row, day in involvement:
        if day is not None and (last[row] is None or day > last[row]):
            last[row] = min(day, today)
    ages = np.array(
        [np.inf if day is None else (today - day).days for day in last],
        dtype=np.float64,
    )
    recency = np.exp2(-ages / ACTIVITY_HALF_LIFE_DAYS)
    record = np.minimum(np.log1p(initiatives) / np.log1p(TRACK_RECORD_FULL), 1.0)
    share = NEWCOMER_SHARE + (1.0 - NEWCOMER_SHARE) * record
    return (recency * share).astype(np.float32)


def _initiative_text(row, tags) -> str:
    return " ".join(
        [
            row["title"],
            row["summary"],
            row["description"],
            row["partners_sought"],
            " ".join(tags),
        ]
    )


def _organisation_texts(organisations, tags, past) -> list[str]:
    return [
        " ".join(
            [
                row["name"],
                row["description"],
                row["offers"],
                " ".join(tags.get(row["pk"], ())),
                " ".join(past.get(row["pk"], ())),
            ]
        )
        for row in organisations
    ]


def _tag_names(model, subjects: Q) -> dict[int, list[str]]:
    names = defaultdict(list)
    for pk, name in model.objects.filter(subjects).values_list(
        "content_object_id", "tag__name"
    ):
        names[pk].append(normalise_tag(name))
    return names


# Rows of related tables, selected by a join rather than by a list of ids
# that can run to 100,000.
def _approved(prefix: str) -> Q:
    """The rows whose ``prefix`` (an organisation or initiative) is approved."""
    return Q(**{f"{prefix}__status": ModerationStatus.APPROVED})


def _queried(prefix: str, query_ids) -> Q:
    return Q(**{f"{prefix}_id__in": query_ids})


def public_initiative_ids(initiative_ids=None) -> list[int]:
    initiatives = Initiative.objects.public()
    if initiative_ids is not None:
        initiatives = initiatives.filter(pk__in=list(initiative_ids))
    return list(initiatives.order_by("pk").values_list("pk", flat=True))


def registry_load(initiative_ids=None, *, today=None) -> Registry:
    """The registry's arrays, with the public initiatives among
    ``initiative_ids`` (all public ones when None) as the queries."""
    today = today or timezone.localdate()
    organisations = list(
        Organisation.objects.approved()
        .order_by("pk")
        .values(
            "pk",
            "name",
            "description",
            "offers",
            "sector",
            "latitude",
            "longitude",
            "reconfirmed_at",
        )
    )
    organisation_index = _index(row["pk"] for row in organisations)

    # Every approved initiative tells who worked with whom and what an
    # organisation did before; only public ones are asked about.
    approved = list(
        Initiative.objects.filter(status=ModerationStatus.APPROVED)
        .order_by("pk")
        .values(
            "pk",
            "title",
            "summary",
            "description",
            "partners_sought",
            "latitude",
            "longitude",
            "start_date",
            "end_date",
            "created_at",
        )
    )
    approved_by_pk = {row["pk"]: row for row in approved}
    query_ids = public_initiative_ids(initiative_ids)
    queries = [approved_by_pk[pk] for pk in query_ids if pk in approved_by_pk]
    query_index = _index(query_ids)

    initiative_tags = _tag_names(InitiativeTag, _approved("content_object"))
    sought_expertise = _tag_names(
        SoughtExpertiseTag, _queried("content_object", query_ids)
    )
    organisation_tags = _tag_names(ExpertiseTag, _approved("content_object"))
    for pk, names in _tag_names(OfferTag, _approved("content_object")).items():
        organisation_tags[pk].extend(names)

    confirmed = _memberships(
        Initiative.objects.filter(status=ModerationStatus.APPROVED),
        confirmed_only=True,
    )
    approved_index = _index(approved_by_pk)
    membership = _membership_matrix(confirmed, approved_index, organisation_index)
    collaborators = _collaborators(membership)
    initiatives_of = np.asarray(membership.sum(axis=0), dtype=np.float64).ravel()
    past = defaultdict(list)
    involvement = []
    for initiative_pk, organisation_pk in confirmed:
        if organisation_pk not in organisation_index:
            continue
        row = approved_by_pk[initiative_pk]
        past[organisation_pk].append(
            f"{row['title']} {row['summary']} {row['description']}"
        )
        for day in (row["start_date"], row["end_date"], _as_day(row["created_at"])):
            involvement.append((organisation_index[organisation_pk], day))

    texts = [
        _initiative_text(row, initiative_tags.get(row["pk"], ())) for row in queries
    ]
    organisation_texts = _organisation_texts(organisations, organisation_tags, past)
    public_texts = [
        _initiative_text(row, initiative_tags.get(row["pk"], ()))
        for row in approved_by_pk.values()
    ]
    corpus = organisation_texts + public_texts
    text_model = fit_text_model(corpus)
    query_text = text_model.transform(texts) if texts else _no_text(text_model)
    similar_work = engine.similar_work(
        query_text,
        text_model.transform(public_texts) if public_texts else _no_text(text_model),
        membership,
        np.array([approved_index[row["pk"]] for row in queries], dtype=np.int64),
    )

    themes = Vocabulary()
    organisation_themes = _rows(
        organisation_index,
        Organisation.themes.through.objects.filter(
            _approved("organisation")
        ).values_list("organisation_id", "theme_id"),
    )
    initiative_themes = _rows(
        query_index,
        Initiative.themes.through.objects.filter(
            initiative_id__in=query_ids
        ).values_list("initiative_id", "theme_id"),
    )
    for _row, theme in organisation_themes + initiative_themes:
        themes.add(theme)
    goals = Vocabulary(range(1, GOALS + 1))
    tags = Vocabulary()
    wanted_tags = [
        (query_index[pk], name)
        for source in (initiative_tags, sought_expertise)
        for pk, names in source.items()
        if pk in query_index
        for name in names
    ]
    for _row, name in wanted_tags:
        tags.add(name)
    sectors = {sector: column for column, sector in enumerate(SECTORS)}

    organisation_arrays = engine.Organisations(
        text=text_model.transform(organisation_texts),
        themes=themes.matrix(len(organisations), organisation_themes),
        sdgs=goals.matrix(
            len(organisations),
            _rows(
                organisation_index,
                Organisation.sustainable_development_goals.through.objects.filter(
                    _approved("organisation")
                ).values_list("organisation_id", "sustainabledevelopmentgoal_id"),
            ),
        ),
        tags=tags.matrix(
            len(organisations),
            [
                (organisation_index[pk], name)
                for pk, names in organisation_tags.items()
                for name in names
            ],
        ),
        sectors=one_hot(
            len(organisations),
            len(SECTORS),
            [
                (row, sectors[entry["sector"]])
                for row, entry in enumerate(organisations)
                if entry["sector"] in sectors
            ],
        ),
        places=_places(organisations),
        activity=_activity(organisations, involvement, initiatives_of, today),
        collaborators=collaborators,
        eligible=np.ones(len(organisations), dtype=bool),
    )
    initiative_arrays = engine.Initiatives(
        text=query_text,
        themes=themes.matrix(len(queries), initiative_themes),
        sdgs=goals.matrix(
            len(queries),
            _rows(
                query_index,
                Initiative.sustainable_development_goals.through.objects.filter(
                    initiative_id__in=query_ids
                ).values_list("initiative_id", "sustainabledevelopmentgoal_id"),
            ),
        ),
        tags=tags.matrix(len(queries), wanted_tags),
        sought=one_hot(
            len(queries),
            len(SECTORS),
            _rows(
                query_index,
                (
                    (pk, sectors[sector])
                    for pk, sector in SoughtSector.objects.filter(
                        initiative_id__in=query_ids
                    ).values_list("initiative_id", "sector")
                ),
            ),
        ),
        places=_places(queries),
        members=_membership_matrix(
            _memberships(
                Initiative.objects.filter(pk__in=query_ids), confirmed_only=False
            ),
            query_index,
            organisation_index,
        ),
        similar_work=similar_work,
    )
    return Registry(
        organisations=organisation_arrays,
        organisation_ids=np.array(list(organisation_index), dtype=np.int64),
        initiatives=initiative_arrays,
        initiative_ids=np.array(query_ids, dtype=np.int64),
        text_model=text_model,
        organisation_texts=tuple(organisation_texts),
        initiative_texts=tuple(texts),
        corpus=tuple(corpus),
    )


def _no_text(text_model: TextModel):
    return text_model.transform([""])[:0]

"""Whether a ranking learnt from the data would beat the engine's hand-set
weights on evaluate_matching's split: a ceiling check, not part of the site.

    .venv/bin/python scripts/matching_learned_ranking.py [DIR]

Reads the CORDIS folder (default: the shared data) with no database. For
three splits by start date it lists, for each query project (three or more
coordinator/participant members, the coordinator and another in the
registry), candidate organisations with a row of features: the signals the
engine has (work with the coordinator, partners in common, track record,
recent work, sector sought, country, text), and three CORDIS fields the site
does not have (the call's thematic priority, funding scheme and programme).
Models are trained on the two earlier splits' queries (registry before
2014-02-01, asked about February to April; before 2014-05-01, asked about May
to August) and scored on evaluate_matching's own split (before 2014-09-01,
asked about the rest), with recall@20 as evaluate_matching counts it. Writes
benchmarks/matching_learned_ranking.json.
"""

import csv
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis"
OUTPUT = (
    Path(__file__).resolve().parents[1] / "benchmarks" / "matching_learned_ranking.json"
)
MEMBER_ROLES = ("coordinator", "participant")
K = 20
# (registry before, queries before): the first two train, the last is scored.
TRAINING_SPLITS = (("2014-02-01", "2014-05-01"), ("2014-05-01", "2014-09-01"))
SCORED_SPLIT = ("2014-09-01", "9999-12-31")
# Candidates beyond the coordinator's past partners: the most partners in
# common, the busiest and the nearest by text. They hold about 73 % of the
# hidden members, so the models rank much the same pool as the engine.
TWO_STEP_CANDIDATES = 400
BUSIEST_CANDIDATES = 300
TEXT_CANDIDATES = 200
SIMILAR_AT_LEAST = 0.3

SITE_FEATURES = (
    "projects_with_coordinator",
    "track_record",
    "recent_share",
    "coordinated_share",
    "sector_sought",
    "same_country",
    "text",
    "most_similar_project",
    "similar_work",
    "partners_in_common",
    "adamic_adar",
    "partners",
)
CORDIS_ONLY_FEATURES = ("same_priority", "same_scheme", "same_programme")
FEATURES = SITE_FEATURES + CORDIS_ONLY_FEATURES


@dataclass(frozen=True)
class Data:
    projects: dict
    organisations: dict
    members: dict  # project id -> [(pic, role)]


def data_read(folder: Path) -> Data:
    def rows(name):
        with (folder / name).open(encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    members = defaultdict(list)
    for row in rows("participations.csv"):
        if row["role"] in MEMBER_ROLES:
            members[row["project_id"]].append((row["pic"], row["role"]))
    return Data(
        projects={row["project_id"]: row for row in rows("projects.csv")},
        organisations={row["pic"]: row for row in rows("organisations.csv")},
        members=members,
    )


def _text(project: dict) -> str:
    return f"{project['title']} {project['topic_description']}"


class Registry:
    """Who did what before the cut-off."""

    def __init__(self, data: Data, cut_off: str):
        self.projects = [
            pid
            for pid, row in data.projects.items()
            if row["start_date"] < cut_off and data.members[pid]
        ]
        self.together = defaultdict(Counter)
        self.count, self.recent, self.coordinated = Counter(), Counter(), Counter()
        self.work = defaultdict(list)
        self.fields = defaultdict(Counter)
        recent_year = cut_off[:4]
        for pid in self.projects:
            project, members = data.projects[pid], data.members[pid]
            pics = [pic for pic, _role in members]
            for pic, role in members:
                self.count[pic] += 1
                self.recent[pic] += project["start_date"][:4] == recent_year
                self.coordinated[pic] += role == "coordinator"
                self.work[pic].append(pid)
                for name in (
                    "thematic_priority",
                    "funding_scheme",
                    "framework_programme",
                ):
                    self.fields[pic][(name, project[name])] += 1
                self.together[pic].update(other for other in pics if other != pic)
        self.busiest = [pic for pic, _count in self.count.most_common()]
        self.organisations = sorted(self.count)
        self.texts = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        self.project_vectors = self.texts.fit_transform(
            [_text(data.projects[pid]) for pid in self.projects]
        )
        self.project_row = {pid: row for row, pid in enumerate(self.projects)}
        self.organisation_vectors = self._organisation_vectors()

    def _organisation_vectors(self):
        """Each organisation's projects' vectors added up, to unit length."""
        rows, columns = [], []
        for row, pic in enumerate(self.organisations):
            for pid in self.work[pic]:
                rows.append(row)
                columns.append(self.project_row[pid])
        work = sparse.csr_array(
            (np.ones(len(rows)), (rows, columns)),
            shape=(len(self.organisations), len(self.projects)),
        )
        vectors = sparse.csr_array(work @ self.project_vectors)
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        return sparse.csr_array(sparse.diags(1 / np.maximum(norms, 1e-9)) @ vectors)


@dataclass(frozen=True)
class Query:
    project: str
    coordinator: str
    hidden: frozenset
    sought: frozenset  # the helices of its other members


def queries(data: Data, registry: Registry, start: str, end: str) -> list[Query]:
    known = set(registry.count)
    found = []
    for pid, row in data.projects.items():
        members = data.members[pid]
        if not start <= row["start_date"] < end or len(members) < 3:
            continue
        coordinators = [pic for pic, role in members if role == "coordinator"]
        if not coordinators or coordinators[0] not in known:
            continue
        coordinator = coordinators[0]
        others = [pic for pic, _role in members if pic != coordinator]
        hidden = frozenset(others) & known
        if hidden:
            sought = frozenset(
                data.organisations[pic]["helix"]
                for pic in others
                if pic in data.organisations
            )
            found.append(Query(pid, coordinator, hidden, sought))
    return found


def candidates(registry: Registry, query: Query, text_similarity) -> dict:
    """Candidate -> (partners in common, Adamic-Adar) with the coordinator."""
    in_common, adamic_adar = Counter(), Counter()
    for partner in registry.together[query.coordinator]:
        weight = 1 / math.log(1 + len(registry.together[partner]))
        for other in registry.together[partner]:
            in_common[other] += 1
            adamic_adar[other] += weight
    pool = set(registry.together[query.coordinator])
    pool |= {pic for pic, _n in in_common.most_common(TWO_STEP_CANDIDATES)}
    pool |= set(registry.busiest[:BUSIEST_CANDIDATES])
    nearest = np.argsort(-text_similarity)[:TEXT_CANDIDATES]
    pool |= {registry.organisations[row] for row in nearest}
    pool.discard(query.coordinator)
    return {pic: (in_common[pic], adamic_adar[pic]) for pic in pool}


def feature_rows(data: Data, registry: Registry, query: Query):
    project = data.projects[query.project]
    vector = registry.texts.transform([_text(project)])
    by_project = (registry.project_vectors @ vector.T).toarray().ravel()
    by_organisation = (registry.organisation_vectors @ vector.T).toarray().ravel()
    organisation_row = {pic: row for row, pic in enumerate(registry.organisations)}
    coordinator = data.organisations[query.coordinator]
    rows, labels = [], []
    pool = candidates(registry, query, by_organisation)
    for pic, (in_common, adamic_adar) in sorted(pool.items()):
        organisation, count = data.organisations[pic], registry.count[pic]
        similar = by_project[[registry.project_row[pid] for pid in registry.work[pic]]]
        fields = registry.fields[pic]
        rows.append(
            [
                registry.together[query.coordinator][pic],
                math.log1p(count),
                registry.recent[pic] / count,
                registry.coordinated[pic] / count,
                organisation["helix"] in query.sought,
                organisation["country_code"] == coordinator["country_code"],
                by_organisation[organisation_row[pic]],
                similar.max(),
                min(similar[similar >= SIMILAR_AT_LEAST].sum(), 1.0),
                in_common,
                adamic_adar,
                math.log1p(len(registry.together[pic])),
                fields[("thematic_priority", project["thematic_priority"])] / count,
                fields[("funding_scheme", project["funding_scheme"])] / count,
                fields[("framework_programme", project["framework_programme"])] / count,
            ]
        )
        labels.append(pic in query.hidden)
    return rows, labels


@dataclass(frozen=True)
class Examples:
    features: np.ndarray
    labels: np.ndarray
    groups: np.ndarray  # the query each row belongs to
    hidden: np.ndarray  # each query's number of hidden members


def examples(data: Data, cut_off: str, until: str) -> Examples:
    registry = Registry(data, cut_off)
    features, labels, groups, hidden = [], [], [], []
    for number, query in enumerate(queries(data, registry, cut_off, until)):
        rows, found = feature_rows(data, registry, query)
        features += rows
        labels += found
        groups += [number] * len(rows)
        hidden.append(len(query.hidden))
    return Examples(
        np.array(features, dtype=np.float64),
        np.array(labels),
        np.array(groups),
        np.array(hidden),
    )


def recall_at_k(scores: np.ndarray, scored: Examples) -> float:
    recalls = []
    for group, hidden in enumerate(scored.hidden):
        rows = scored.groups == group
        best = np.argsort(-scores[rows], kind="stable")[:K]
        recalls.append(scored.labels[rows][best].sum() / hidden)
    return round(float(np.mean(recalls)), 4)


def _logistic(train: Examples, columns):
    scaler = StandardScaler().fit(train.features[:, columns])
    model = LogisticRegression(max_iter=2000).fit(
        scaler.transform(train.features[:, columns]), train.labels
    )
    return lambda features: model.decision_function(scaler.transform(features))


def _boosted(learning_rate, leaves):
    def fit(train: Examples, columns):
        model = HistGradientBoostingClassifier(
            max_iter=300,
            learning_rate=learning_rate,
            max_leaf_nodes=leaves,
            random_state=0,
        ).fit(train.features[:, columns], train.labels)
        return lambda features: model.predict_proba(features)[:, 1]

    return fit


MODELS = {
    "logistic regression": _logistic,
    "gradient boosting (rate 0.03, 7 leaves)": _boosted(0.03, 7),
    "gradient boosting (rate 0.1, 15 leaves)": _boosted(0.1, 15),
}


def _joined(parts: list[Examples]) -> Examples:
    offsets = np.cumsum([0] + [len(part.hidden) for part in parts[:-1]])
    return Examples(
        np.vstack([part.features for part in parts]),
        np.concatenate([part.labels for part in parts]),
        np.concatenate(
            [part.groups + offset for part, offset in zip(parts, offsets, strict=True)]
        ),
        np.concatenate([part.hidden for part in parts]),
    )


def main() -> None:
    data = data_read(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    train = _joined([examples(data, *split) for split in TRAINING_SPLITS])
    scored = examples(data, *SCORED_SPLIT)
    feature_sets = {
        "the site's signals": [FEATURES.index(name) for name in SITE_FEATURES],
        "with the CORDIS-only fields": list(range(len(FEATURES))),
    }
    together = FEATURES.index("projects_with_coordinator")
    plain = {
        "past partners of the coordinator, most projects together first": (
            scored.features[:, together] * 100 + scored.features[:, 1]
        ),
        "the busiest (popularity)": scored.features[:, 1],
    }
    results = {
        "command": "python scripts/matching_learned_ranking.py",
        "trained_on": {
            "splits": [list(split) for split in TRAINING_SPLITS],
            "queries": len(train.hidden),
            "hidden_members": int(train.hidden.sum()),
        },
        "scored_on": {
            "split": list(SCORED_SPLIT),
            "queries": len(scored.hidden),
            "hidden_members": int(scored.hidden.sum()),
            "hidden_among_candidates": round(
                float(scored.labels.sum() / scored.hidden.sum()), 4
            ),
        },
        "recall_at_20": {
            name: recall_at_k(score, scored) for name, score in plain.items()
        },
    }
    for set_name, columns in feature_sets.items():
        for model_name, fit in MODELS.items():
            score = fit(train, columns)(scored.features[:, columns])
            results["recall_at_20"][f"{model_name}, {set_name}"] = recall_at_k(
                score, scored
            )
    for name, value in results["recall_at_20"].items():
        print(f"{value:.3f}  {name}")
    OUTPUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {OUTPUT}")


if __name__ == "__main__":
    main()

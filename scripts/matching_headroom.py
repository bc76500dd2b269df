"""How much room evaluate_matching's split leaves: where the hidden members of
the query projects stand in the registry before the engine ranks anything.

    .venv/bin/python scripts/matching_headroom.py [DIR]

Reads the CORDIS folder (default: the shared data) as evaluate_matching does
with no options: projects starting before its cut-off are the registry, the
later ones with three or more coordinator/participant members, the
coordinator and another among the registry's, are queries. Prints, over the
hidden members: the share that worked with the query's coordinator before,
that are among the registry's 20 busiest, and within two steps of the
coordinator; and recall@20 of two plain rankings of the coordinator's past
partners (most projects with it first, then the busiest; the busiest of them
first), to set the engine's figures against. No database, no Django.
"""

import csv
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path("/work/shared/data/cordis")
CUT_OFF = "2014-09-01"  # what evaluate_matching's split of the shared data gives
MEMBER_ROLES = ("coordinator", "participant")
K = 20


def read(data: Path):
    starts = {
        row["project_id"]: row["start_date"]
        for row in csv.DictReader((data / "projects.csv").open())
    }
    members = defaultdict(list)
    for row in csv.DictReader((data / "participations.csv").open()):
        if row["role"] in MEMBER_ROLES:
            members[row["project_id"]].append((row["pic"], row["role"]))
    return starts, members


def registry(starts, members):
    """Who worked with whom before the cut-off, and how often each took part."""
    together, projects = defaultdict(Counter), Counter()
    for project, start in starts.items():
        if start >= CUT_OFF:
            continue
        pics = [pic for pic, _role in members[project]]
        for pic in pics:
            projects[pic] += 1
            together[pic].update(other for other in pics if other != pic)
    return together, projects


def queries(starts, members, known):
    for project, start in starts.items():
        if start < CUT_OFF or len(members[project]) < 3:
            continue
        coordinators = [pic for pic, role in members[project] if role == "coordinator"]
        if not coordinators or coordinators[0] not in known:
            continue
        coordinator = coordinators[0]
        hidden = {pic for pic, _ in members[project] if pic != coordinator} & known
        if hidden:
            yield coordinator, hidden


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    starts, members = read(data)
    together, projects = registry(starts, members)
    busiest = [pic for pic, _count in projects.most_common()]
    top = set(busiest[:K])
    shares, recalls, partner_counts = Counter(), defaultdict(list), []
    hidden_total = 0
    for coordinator, hidden in queries(starts, members, set(projects)):
        partners = together[coordinator]
        partner_counts.append(len(partners))
        two_steps = set().union(*(together[p] for p in partners)) if partners else set()
        for pic in hidden:
            hidden_total += 1
            shares["worked with the coordinator before"] += pic in partners
            shares[f"among the registry's {K} busiest"] += pic in top
            shares["within two steps of the coordinator"] += pic in two_steps
        rest = [pic for pic in busiest if pic not in partners and pic != coordinator]
        rankings = {
            "past partners by projects together, then the busiest": sorted(
                partners, key=lambda pic: (-partners[pic], -projects[pic])
            ),
            "past partners, busiest first, then the busiest": sorted(
                partners, key=lambda pic: -projects[pic]
            ),
        }
        for name, ranked in rankings.items():
            chosen = set((ranked + rest)[:K])
            recalls[name].append(len(hidden & chosen) / len(hidden))
    print(f"{len(partner_counts)} queries, {hidden_total} hidden members")
    print(
        "past partners of a query's coordinator: median "
        f"{statistics.median(partner_counts):.0f}, "
        f"mean {statistics.mean(partner_counts):.0f}"
    )
    for name, count in shares.items():
        print(f"hidden members {name}: {count / hidden_total:.3f}")
    for name, values in recalls.items():
        print(f"recall@{K} of {name}: {statistics.mean(values):.3f}")


if __name__ == "__main__":
    main()

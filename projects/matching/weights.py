"""How much each part of a suggestion's score counts. Changing a weight or a
part changes what the engine suggests: raise ``ALGORITHM_VERSION`` with it, so
that the nightly repair recomputes every stored suggestion.

Version 2 was measured with ``manage.py evaluate_matching`` on the CORDIS
projects (benchmarks/matching_quality.json): who worked with the initiative's
members before, and who has a track record, tell the most about who joins
next; the text, sector and place refine that. Weights are round numbers in a
region where recall changes little, not fitted to the last decimal.

Version 3 has the same weights; the text part's latent dimensions are 128
instead of 192, learnt with three power iterations from a sample of at most
20,000 texts (vectors.py): evaluate_matching's recall@20 went from 0.190 to
0.199 and MRR from 0.259 to 0.283, and a full recompute got faster."""

ALGORITHM_VERSION = 3

# Each part is in [0, 1]; the weights add up to 1, so the score is too.
WEIGHTS = {
    "text": 0.20,
    "themes": 0.05,
    "sdgs": 0.02,
    "tags": 0.08,
    "sector": 0.10,
    "distance": 0.05,
    "collaboration": 0.30,
    "activity": 0.20,
}
PARTS = tuple(WEIGHTS)

# Distance: the part halves every HALF_DISTANCE_KM.
HALF_DISTANCE_KM = 150.0
# Collaboration: this many past initiatives with the initiative's members
# (with one member twice, or with two once each) count fully.
COLLABORATORS_FOR_FULL_MARKS = 2

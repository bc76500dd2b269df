"""How much each part of a suggestion's score counts. Changing a weight or a
part changes what the engine suggests: raise ``ALGORITHM_VERSION`` with it, so
that the nightly repair recomputes every stored suggestion."""

ALGORITHM_VERSION = 1

# Each part is in [0, 1]; the weights add up to 1, so the score is too.
WEIGHTS = {
    "text": 0.30,
    "themes": 0.15,
    "sdgs": 0.05,
    "tags": 0.10,
    "sector": 0.15,
    "distance": 0.10,
    "collaboration": 0.10,
    "activity": 0.05,
}
PARTS = tuple(WEIGHTS)

# Distance: the part halves every HALF_DISTANCE_KM.
HALF_DISTANCE_KM = 150.0
# Collaboration: worked with this many of the initiative's members counts fully.
COLLABORATORS_FOR_FULL_MARKS = 2

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
0.199 and MRR from 0.259 to 0.283, and a full recompute got faster.

Version 4 adds a part, similar work: how much of an organisation's past work
was on initiatives much like this one (the sum of the cosines of those alike
enough, engine.similar_work). Consortia re-form around the same calls, and an
organisation's own text mixes all of its initiatives, so that the text part
hardly sees the one that matters; half of the text's weight went to it. The
activity's track record grows with the logarithm of an organisation's
initiatives up to 20, a newcomer getting a quarter (it was half, and nearly
full from ten on): the busiest organisations are the likeliest partners.
Version 3's weights had been chosen on evaluate_matching's own split; these
were chosen on three earlier ones (registry before 2014-05-01, -03-01 and
-02-01, each asked about the next slice up to the following cut-off, 264
queries in all), where recall@20 went from 0.189, 0.130 and 0.129 to 0.210,
0.157 and 0.160 (MRR 0.284, 0.158, 0.138 to 0.279, 0.150, 0.152). On the
standard split recall@10 went from 0.153 to 0.158, recall@20 from 0.199 to
0.208, MRR from 0.283 to 0.274 (popularity 0.120, text 0.051): short of
twice the better baseline (0.240). Moving more weight from collaboration to
activity gains on the earlier splits and loses on the standard one.
scripts/matching_learned_ranking.py trains logistic regression and gradient
boosting on the earlier splits' queries, with these signals and three CORDIS
fields the site lacks (call priority, funding scheme, programme): on the
standard split none beats these weights (0.122 to 0.194 against 0.208), so
the shortfall is the signals', not the weights'."""

ALGORITHM_VERSION = 4

# Each part is in [0, 1]; the weights add up to 1, so the score is too.
WEIGHTS = {
    "text": 0.10,
    "similar_work": 0.10,
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
# Similar work: an organisation's past initiative counts when its text is at
# least this similar to the initiative's (the text part's cosine); the part
# adds up the cosines of those that count, full marks at 1 (one initiative
# on the same call, say, or a few close ones).
SIMILAR_INITIATIVE_AT_LEAST = 0.3
# Collaboration: this many past initiatives with the initiative's members
# (with one member twice, or with two once each) count fully.
COLLABORATORS_FOR_FULL_MARKS = 2

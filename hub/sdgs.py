"""The seventeen UN Sustainable Development Goals with their official colours.

Fixed data, loaded by a migration and kept in step by ``load_demo_content``.
"""

SUSTAINABLE_DEVELOPMENT_GOALS = [
    (1, "No poverty", "Geen armoede", "#E5243B"),
    (2, "Zero hunger", "Geen honger", "#DDA63A"),
    (3, "Good health and well-being", "Goede gezondheid en welzijn", "#4C9F38"),
    (4, "Quality education", "Kwaliteitsonderwijs", "#C5192D"),
    (5, "Gender equality", "Gendergelijkheid", "#FF3A21"),
    (6, "Clean water and sanitation", "Schoon water en sanitair", "#26BDE2"),
    (7, "Affordable and clean energy", "Betaalbare en duurzame energie", "#FCC30B"),
    (
        8,
        "Decent work and economic growth",
        "Eerlijk werk en economische groei",
        "#A21942",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Industrie, innovatie en infrastructuur",
        "#FD6925",
    ),
    (10, "Reduced inequalities", "Ongelijkheid verminderen", "#DD1367"),
    (
        11,
        "Sustainable cities and communities",
        "Duurzame steden en gemeenschappen",
        "#FD9D24",
    ),
    (
        12,
        "Responsible consumption and production",
        "Verantwoorde consumptie en productie",
        "#BF8B2E",
    ),
    (13, "Climate action", "Klimaatactie", "#3F7E44"),
    (14, "Life below water", "Leven in het water", "#0A97D9"),
    (15, "Life on land", "Leven op het land", "#56C02B"),
    (
        16,
        "Peace, justice and strong institutions",
        "Vrede, justitie en sterke publieke diensten",
        "#00689D",
    ),
    (
        17,
        "Partnerships for the goals",
        "Partnerschap om doelstellingen te bereiken",
        "#19486A",
    ),
]


def sustainable_development_goals_sync(model) -> None:
    """Write the fixed list into ``model`` (the real one or a migration's)."""
    for number, name_en, name_nl, colour in SUSTAINABLE_DEVELOPMENT_GOALS:
        model.objects.update_or_create(
            number=number,
            defaults={"name_en": name_en, "name_nl": name_nl, "colour": colour},
        )

"""The registry in numbers: public initiatives and organisations by theme,
SDG, helix sector and country, each as a chart with its table."""

from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from hub.seo import view_head
from partners import selectors as partner_selectors
from partners.models import HelixSector
from projects import selectors
from projects.charts import Bar, BarChart, bar_chart, top_with_other

TOP_COUNTRIES = 15


@require_safe
def statistics_page(request):
    title = _("Statistics")
    description = _(
        "How many approved initiatives and organisations the registry holds, "
        "by theme, Sustainable Development Goal, helix sector and country."
    )
    initiatives = selectors.initiatives_public()
    organisations = partner_selectors.organisations_public()
    labels = _labels()
    return TemplateResponse(
        request,
        "projects/statistics.html",
        {
            "title": title,
            "description": description,
            "initiative_count": initiatives.count(),
            "organisation_count": organisations.count(),
            "sections": [
                _section(
                    "theme",
                    _("By theme"),
                    _charts("theme", initiatives, organisations, labels),
                ),
                _section(
                    "sdg",
                    _("By Sustainable Development Goal"),
                    _charts("sdg", initiatives, organisations, labels),
                ),
                _section(
                    "sector",
                    _("By helix sector"),
                    _charts("sector", initiatives, organisations, labels),
                ),
                _section(
                    "country",
                    _("By country"),
                    _charts("country", initiatives, organisations, labels),
                ),
            ],
            "seo": view_head(request, title=title, description=description),
        },
    )


def _section(slug: str, heading: str, charts: list[BarChart]) -> dict:
    return {"id": f"by-{slug}", "heading": heading, "charts": charts}


# Per facet: the field to count initiatives and organisations by.
FACETS = {
    "theme": ("themes__translation_key", "themes__translation_key"),
    "sdg": (
        "sustainable_development_goals__number",
        "sustainable_development_goals__number",
    ),
    # An initiative counts in the sector of the organisation that owns it.
    "sector": ("owner__sector", "sector"),
    "country": ("country", "country"),
}


def _labels() -> dict:
    """Everything a bar is named and coloured by, in the visitor's language,
    fetched once."""
    translations = partner_selectors.theme_translations(language_code=get_language())
    return {
        "theme": {
            theme.translation_key: (
                translations.get(theme.translation_key, theme).name,
                None,
            )
            for theme in selectors.themes_public()
        },
        "sdg": {
            goal.number: (str(goal), goal.colour)
            for goal in selectors.sustainable_development_goals()
        },
        "sector": {sector.value: (sector.label, None) for sector in HelixSector},
    }


def _charts(facet, initiatives, organisations, labels) -> list[BarChart]:
    initiative_field, organisation_field = FACETS[facet]
    titles = _titles(facet)
    return [
        _chart(
            f"initiatives-by-{facet}",
            titles[0],
            selectors.counted_by(initiatives, initiative_field),
            facet,
            labels,
        ),
        _chart(
            f"organisations-by-{facet}",
            titles[1],
            selectors.counted_by(organisations, organisation_field),
            facet,
            labels,
        ),
    ]


def _titles(facet: str) -> tuple[str, str]:
    return {
        "theme": (_("Initiatives by theme"), _("Organisations by theme")),
        "sdg": (
            _("Initiatives by Sustainable Development Goal"),
            _("Organisations by Sustainable Development Goal"),
        ),
        "sector": (
            _("Initiatives by the helix sector of their owner"),
            _("Organisations by helix sector"),
        ),
        "country": (
            _("Initiatives by country (the %(number)s most frequent)")
            % {"number": TOP_COUNTRIES},
            _("Organisations by country (the %(number)s most frequent)")
            % {"number": TOP_COUNTRIES},
        ),
    }[facet]


def _chart(chart_id, title, counts, facet, labels) -> BarChart:
    if facet == "sdg":
        # The goals read best in their own order.
        counts = sorted(counts)
    if facet == "country":
        rows = top_with_other(
            [(countries.name(code), count) for code, count in counts],
            keep=TOP_COUNTRIES,
            other=_("Other countries"),
        )
        bars = [Bar(label=label, count=count) for label, count in rows]
    else:
        bars = [_bar(labels[facet], value, count) for value, count in counts]
    chart = BarChart(
        id=chart_id,
        title=title,
        description=_description(bars),
        bars=bars,
        label_heading=_label_heading(facet),
        count_heading=_count_heading(chart_id),
    )
    return bar_chart(chart)


def _bar(names: dict, value, count: int) -> Bar:
    name, colour = names.get(value, (str(value), None))
    return Bar(label=name, count=count, **({"colour": colour} if colour else {}))


def _description(bars: list[Bar]) -> str:
    return "; ".join(f"{bar.label}: {bar.count}" for bar in bars)


def _label_heading(facet: str) -> str:
    return {
        "theme": _("Theme"),
        "sdg": _("Goal"),
        "sector": _("Helix sector"),
        "country": _("Country"),
    }[facet]


def _count_heading(chart_id: str) -> str:
    if chart_id.startswith("initiatives"):
        return _("Initiatives")
    return _("Organisations")

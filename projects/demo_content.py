"""Demo initiatives around the G5 cities of the NL Smart City Strategy, in the
project's own words. Initiatives are not translated: their texts are in
English.

Owners and partners are slugs of demo organisations
(``partners.demo_content``); themes are slugs from ``hub.demo_content.THEMES``;
goals are SDG numbers; sectors are helix sectors sought.
"""

INITIATIVES = [
    {
        "slug": "smart-street-lighting-eindhoven",
        "title": "Street lights that think along",
        "summary": (
            "Eindhoven tries out public lighting that dims when a street is empty, "
            "brightens when someone comes by and tells the city when it fails."
        ),
        "description": (
            "Street lighting uses a large share of a city's electricity, and most "
            "of it shines on empty streets at night. In a living lab in Eindhoven, "
            "the municipality, the university and TNO test lights that respond to "
            "who is out, report their own faults and carry sensors for noise and "
            "air quality.\n\n"
            "The lab also asks what residents find pleasant and safe after dark: "
            "the evening image of a street matters as much as the savings."
        ),
        "owner": "city-of-eindhoven",
        "partners": ["eindhoven-university-of-technology", "tno"],
        "stage": "running",
        "city": "Eindhoven",
        "country": "NL",
        "start_date": "2024-03-01",
        "end_date": "2027-02-28",
        "themes": ["climate-mitigation-energy", "digital-transformation"],
        "goals": [7, 9, 11],
        "tags": ["public lighting", "living lab", "sensors"],
        "expertise_sought": ["lighting design", "sensor networks"],
        "sectors_sought": ["business", "civil_society"],
        "partners_sought": (
            "Lighting designers and makers of sensors, and residents' groups who "
            "want to judge the light in their street."
        ),
    },
    {
        "slug": "healthy-streets-utrecht",
        "title": "Healthy streets, measured together",
        "summary": (
            "Residents of Utrecht measure air quality and heat in their own street, "
            "so that the city redesigns streets where health gains most."
        ),
        "description": (
            "Utrecht leads Healthy Urban Living among the G5 cities. In this "
            "initiative residents hang simple sensors on their balconies and "
            "share what they measure. TNO checks the readings against the "
            "official stations and the city uses the map to choose which streets "
            "get more green, fewer cars and more room to walk and cycle."
        ),
        "owner": "city-of-utrecht",
        "partners": ["tno"],
        "stage": "running",
        "city": "Utrecht",
        "country": "NL",
        "start_date": "2025-01-15",
        "end_date": "2027-12-31",
        "themes": ["healthy-urban-living", "climate-adaptation"],
        "goals": [3, 11],
        "tags": ["air quality", "citizen science"],
        "expertise_sought": ["health research"],
        "sectors_sought": ["knowledge", "civil_society"],
        "partners_sought": (
            "Health researchers who can link street measurements to residents' "
            "health, and neighbourhood groups who want to take part."
        ),
    },
    {
        "slug": "shared-mobility-hubs-amsterdam",
        "title": "Shared mobility hubs in every district",
        "summary": (
            "Amsterdam plans hubs where residents find shared bikes, cars and "
            "cargo bikes within a few minutes' walk, with charging for all of them."
        ),
        "description": (
            "Sharing could become the normal way to get around a city within a few "
            "years, and every shared car frees street space for green and play. "
            "Amsterdam plans a network of mobility hubs near homes, each with "
            "shared vehicles and charging points placed where people actually "
            "charge."
        ),
        "owner": "city-of-amsterdam",
        "partners": ["stroomplek", "eindhoven-university-of-technology"],
        "stage": "planning",
        "city": "Amsterdam",
        "country": "NL",
        "start_date": "2026-09-01",
        "themes": ["mobility", "climate-mitigation-energy"],
        "goals": [7, 11, 13],
        "tags": ["shared mobility", "charging points"],
        "expertise_sought": ["mobility services"],
        "sectors_sought": ["business"],
        "partners_sought": "Providers of shared vehicles who want to run a hub.",
    },
    {
        "slug": "green-schoolyards-rotterdam",
        "title": "Schoolyards that hold the rain",
        "summary": (
            "Rotterdam turns paved schoolyards into green ones that store rainwater, "
            "stay cool in summer and are open to the neighbourhood after school."
        ),
        "description": (
            "Large parts of Rotterdam lie below sea level and heavy showers are "
            "becoming more frequent. With the Green Schoolyards Foundation the city "
            "replaces tiles by plants, water gardens and trees at a dozen schools. "
            "Children help design their own yard; the yards open to the "
            "neighbourhood after school."
        ),
        "owner": "city-of-rotterdam",
        "partners": ["green-schoolyards-foundation"],
        "stage": "running",
        "city": "Rotterdam",
        "country": "NL",
        "start_date": "2025-04-01",
        "end_date": "2028-03-31",
        "themes": ["climate-adaptation", "healthy-urban-living"],
        "goals": [3, 4, 13],
        "tags": ["nature-based solutions", "schoolyards", "rainwater"],
        "sectors_sought": ["business", "knowledge"],
        "partners_sought": (
            "Landscape contractors and researchers who measure how much water and "
            "heat a green yard takes."
        ),
    },
    {
        "slug": "charging-by-behaviour-the-hague",
        "title": "Charging points where drivers charge",
        "summary": (
            "The Hague placed new charging points from how electric cars are "
            "actually charged, not from requests alone."
        ),
        "description": (
            "As more people drive electric, charging points spread over every "
            "street. The Hague and Stroomplek studied two years of charging "
            "sessions to see where points stood idle and where drivers queued, "
            "and placed the next hundred points accordingly. The method is "
            "written up for other municipalities to reuse."
        ),
        "owner": "city-of-the-hague",
        "partners": ["stroomplek"],
        "stage": "completed",
        "city": "The Hague",
        "country": "NL",
        "start_date": "2022-02-01",
        "end_date": "2024-06-30",
        "themes": ["mobility", "digital-transformation"],
        "goals": [7, 11],
        "tags": ["charging points", "data analysis"],
        "sectors_sought": [],
    },
    # Not yet reviewed: never in a public list, a search or on a theme page.
    {
        "slug": "strijp-heat-network",
        "title": "A shared heat network for Strijp",
        "summary": (
            "Neighbours in Eindhoven's Strijp district and the city explore a heat "
            "network that the district owns together."
        ),
        "description": (
            "After insulating their homes together, the neighbours of Warm Strijp "
            "want to leave natural gas behind. With the municipality they explore "
            "a heat network fed by residual heat, owned by the district itself."
        ),
        "owner": "city-of-eindhoven",
        "partners": ["warm-strijp"],
        "status": "pending",
        "stage": "idea",
        "city": "Eindhoven",
        "country": "NL",
        "themes": ["climate-mitigation-energy"],
        "goals": [7, 11],
        "tags": ["heat networks"],
        "expertise_sought": ["heat networks", "cooperative finance"],
        "sectors_sought": ["business", "knowledge"],
        "partners_sought": "Engineers who can check the plans for a heat network.",
    },
]

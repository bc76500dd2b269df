"""Demo organisations: the G5 cities and VNG from the NL Smart City Strategy,
knowledge institutions, companies and civil society, in the project's own
words. Organisations are not translated: their texts are in English.

Themes are slugs from ``hub.demo_content.THEMES``; goals are SDG numbers.
"""

ORGANISATIONS = [
    {
        "slug": "city-of-amsterdam",
        "name": "City of Amsterdam",
        "short_name": "Amsterdam",
        "sector": "government",
        "kind": "municipality",
        "description": (
            "The municipality of the Dutch capital. Amsterdam is one of the G5, "
            "the five largest cities of the Netherlands, which have worked "
            "together since 2017 to carry out the NL Smart City Strategy.\n\n"
            "The city works with residents, companies and knowledge institutions "
            "on open data, circular building and a city that stays liveable as "
            "it grows."
        ),
        "website": "https://www.amsterdam.nl/",
        "city": "Amsterdam",
        "country": "NL",
        "themes": ["digital-transformation", "circular-economy"],
        "goals": [11, 12, 17],
        "expertise": ["open data", "circular procurement", "urban planning"],
        "offers": (
            "Real-life test locations in the city and data from the municipality's "
            "open data portal."
        ),
        "seeks": "Partners who turn circular building pilots into common practice.",
        "offer_tags": ["test locations", "open data"],
        "seek_tags": ["circular building"],
    },
    {
        "slug": "city-of-rotterdam",
        "name": "City of Rotterdam",
        "short_name": "Rotterdam",
        "sector": "government",
        "kind": "municipality",
        "description": (
            "The municipality of Rotterdam, a port city largely below sea level "
            "and one of the G5 cities behind the NL Smart City Strategy. It "
            "prepares streets, squares and roofs for heavy rain and heat, and "
            "works on cleaner energy for the port and the city."
        ),
        "website": "https://www.rotterdam.nl/",
        "city": "Rotterdam",
        "country": "NL",
        "themes": ["climate-adaptation", "climate-mitigation-energy"],
        "goals": [6, 11, 13],
        "expertise": ["water management", "green roofs", "energy transition"],
        "seeks": "Sensor data on rainfall and heat at street level.",
        "seek_tags": ["climate sensors"],
    },
    {
        "slug": "city-of-the-hague",
        "name": "City of The Hague",
        "short_name": "Den Haag",
        "sector": "government",
        "kind": "municipality",
        "description": (
            "The municipality of The Hague, seat of the Dutch government and one "
            "of the G5 cities that carry out the NL Smart City Strategy together. "
            "It works on digital services that residents can trust and on "
            "sustainable ways to move around the city."
        ),
        "website": "https://www.denhaag.nl/",
        "city": "The Hague",
        "country": "NL",
        "themes": ["digital-transformation", "mobility"],
        "goals": [11, 16],
        "expertise": ["digital inclusion", "privacy by design"],
    },
    {
        "slug": "city-of-utrecht",
        "name": "City of Utrecht",
        "short_name": "Utrecht",
        "sector": "government",
        "kind": "municipality",
        "description": (
            "The municipality of Utrecht, one of the G5 cities. In the NL Smart "
            "City Strategy each of the five takes the lead on one theme; Utrecht "
            "leads Healthy Urban Living: a growing city whose streets, air and "
            "green spaces keep its residents healthy."
        ),
        "website": "https://www.utrecht.nl/",
        "city": "Utrecht",
        "country": "NL",
        "themes": ["healthy-urban-living", "mobility"],
        "goals": [3, 11],
        "expertise": ["healthy urban living", "air quality", "cycling"],
        "offers": "Experience with measuring air quality together with residents.",
        "offer_tags": ["air quality"],
    },
    {
        "slug": "city-of-eindhoven",
        "name": "City of Eindhoven",
        "short_name": "Eindhoven",
        "sector": "government",
        "kind": "municipality",
        "description": (
            "The municipality of Eindhoven, the city of light and design in the "
            "Brainport region, and one of the G5 cities behind the NL Smart City "
            "Strategy. It tries out smart street lighting and data-driven "
            "services with companies and the university."
        ),
        "website": "https://www.eindhoven.nl/",
        "city": "Eindhoven",
        "country": "NL",
        "themes": ["digital-transformation", "climate-mitigation-energy"],
        "goals": [7, 9, 11],
        "expertise": ["smart lighting", "living labs"],
        "offers": "A living lab for smart street lighting.",
        "offer_tags": ["living lab"],
    },
    {
        "slug": "vng",
        "name": "Association of Netherlands Municipalities",
        "short_name": "VNG",
        "sector": "government",
        "kind": "public_body",
        "description": (
            "The association of all Dutch municipalities. VNG supports the G5 in "
            "carrying out the NL Smart City Strategy, draws up its action agenda "
            "with them and opens the work up to the forty or so mid-sized cities "
            "that want to take part."
        ),
        "website": "https://vng.nl/",
        "city": "The Hague",
        "country": "NL",
        "themes": ["digital-transformation"],
        "goals": [11, 17],
        "expertise": ["municipal cooperation", "policy"],
        "offers": "A network of municipalities of every size.",
        "offer_tags": ["network"],
    },
    {
        "slug": "eindhoven-university-of-technology",
        "name": "Eindhoven University of Technology",
        "short_name": "TU/e",
        "sector": "knowledge",
        "kind": "university",
        "description": (
            "A university of technology in Eindhoven. Its researchers and "
            "students work with the city and with companies on energy, mobility, "
            "lighting and data in the built environment."
        ),
        "website": "https://www.tue.nl/en/",
        "city": "Eindhoven",
        "country": "NL",
        "themes": ["climate-mitigation-energy", "mobility", "digital-transformation"],
        "goals": [7, 9],
        "expertise": ["energy systems", "lighting", "data science"],
        "seeks": "Cities that want students to work on their real questions.",
        "seek_tags": ["student projects"],
    },
    {
        "slug": "tno",
        "name": ("Netherlands Organisation for Applied Scientific Research TNO"),
        "short_name": "TNO",
        "sector": "knowledge",
        "kind": "research_institute",
        "description": (
            "An independent research organisation that turns knowledge into "
            "applications for government and industry, among them energy, "
            "mobility and the built environment."
        ),
        "website": "https://www.tno.nl/",
        "city": "The Hague",
        "country": "NL",
        "themes": ["climate-mitigation-energy", "mobility"],
        "goals": [7, 9, 13],
        "expertise": ["applied research", "traffic modelling", "energy transition"],
        # Known from the EU's CORDIS data (its participant id): the page says so.
        "source": "cordis",
        "external_id": "999988909",
    },
    {
        "slug": "biind",
        "name": "Biind",
        "sector": "business",
        "kind": "company",
        "description": (
            "A platform that reports on smart-city news in the Netherlands. "
            "Working on a smart-city initiative, or looking for partners? Tell "
            "Biind and it spreads the word."
        ),
        "country": "NL",
        "themes": ["digital-transformation"],
        "goals": [17],
        "expertise": ["communication", "smart-city news"],
        "offers": "An audience for smart-city initiatives.",
        "offer_tags": ["publicity"],
    },
    {
        "slug": "stroomplek",
        "name": "Stroomplek",
        "sector": "business",
        "kind": "start_up",
        "description": (
            "A start-up that advises municipalities where to place charging "
            "points for electric cars, from how drivers actually charge rather "
            "than from requests alone."
        ),
        "city": "Utrecht",
        "country": "NL",
        "themes": ["mobility", "climate-mitigation-energy"],
        "goals": [7, 11],
        "expertise": ["charging infrastructure", "data analysis"],
        "seeks": "Municipalities with charging data to share.",
        "seek_tags": ["charging data"],
    },
    {
        "slug": "warm-strijp",
        "name": "Warm Strijp",
        "sector": "civil_society",
        "kind": "citizen_collective",
        "description": (
            "Neighbours in Eindhoven who insulate their homes together and plan a "
            "shared heat network for their district."
        ),
        "city": "Eindhoven",
        "country": "NL",
        "themes": ["climate-mitigation-energy"],
        "goals": [7, 11],
        "expertise": ["home insulation", "heat networks"],
        "seeks": "Engineers who can check the plans for a district heat network.",
        "seek_tags": ["heat networks"],
    },
    {
        "slug": "green-schoolyards-foundation",
        "name": "Green Schoolyards Foundation",
        "sector": "civil_society",
        "kind": "foundation",
        "description": (
            "A foundation that turns paved schoolyards into green ones that hold "
            "rainwater, stay cool in summer and invite children to play."
        ),
        "city": "Rotterdam",
        "country": "NL",
        "themes": ["climate-adaptation", "healthy-urban-living"],
        "goals": [3, 4, 13],
        "expertise": ["nature-based solutions", "schoolyards"],
        "offers": "Designs and a step-by-step plan for greening a schoolyard.",
        "offer_tags": ["designs"],
        "contact_email": "hello@green-schoolyards.example.org",
    },
    # Not yet reviewed: never in the directory, the sitemap or a search.
    {
        "slug": "rooftop-rain-sensors",
        "name": "Rooftop Rain Sensors",
        "sector": "business",
        "kind": "start_up",
        "status": "pending",
        "description": "Sensors on roofs that warn before sewers overflow.",
        "city": "Rotterdam",
        "country": "NL",
        "themes": ["climate-adaptation"],
        "goals": [6],
        "expertise": ["sensors"],
    },
]

# An account to sign in with on a site built by ``make run`` (and only with
# DEBUG on: a password printed in a README has no place on a public site). An
# owner of the city, it sees the suggested partners of the city's initiative;
# an editor of the university too, its dashboard lists the initiatives
# suggested to two organisations.
DEMO_MEMBER = {
    "email": "demo@example.org",
    "password": "demo-hub-2026",
    "first_name": "Demo",
    "last_name": "Member",
    "organisations": {
        "city-of-eindhoven": "owner",
        "eindhoven-university-of-technology": "editor",
    },
}

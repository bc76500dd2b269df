"""Demo publications in English and Dutch, written for this project from the
facts in ``shared/seeds/``. Dates of upcoming events are days from today, so
that they stay upcoming whenever the demo is loaded."""


def _paragraphs(*texts: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


THEME_INDEX = {
    "en": {
        "title": "Themes",
        "slug": "themes",
        "intro": "The subjects the hub works on, each with its news, events and initiatives.",
    },
    "nl": {
        "title": "Thema's",
        "slug": "themas",
        "intro": "De onderwerpen waaraan de hub werkt, elk met nieuws, evenementen en initiatieven.",
    },
}

# The NL Smart City Strategy gives each G5 city a theme; the sources name
# only Utrecht's (by the slug of its demo organisation).
LEAD_CITIES = {"healthy-urban-living": "city-of-utrecht"}

# Keyed by the theme's slug (see hub.demo_content.THEMES).
THEME_PAGES = {
    "climate-mitigation-energy": {
        "en": {
            "intro": "Cities produce most of the world's greenhouse gases, so they hold many of the levers to cut them.",
            "body": _paragraphs(
                "Think of insulated homes, heat networks, solar roofs, smart grids and streets built for walking, cycling and shared transport. None of these is in the hands of the city government alone."
            ),
        },
        "nl": {
            "intro": "Steden stoten het grootste deel van de broeikasgassen uit, dus ze hebben ook veel knoppen om aan te draaien.",
            "body": _paragraphs(
                "Denk aan geïsoleerde woningen, warmtenetten, zonnedaken, slimme netten en straten voor lopen, fietsen en deelvervoer. Geen van die dingen ligt alleen bij de gemeente."
            ),
        },
    },
    "climate-adaptation": {
        "en": {
            "intro": "Heat waves, drought and cloudbursts are already here; cities have to be ready for them.",
            "body": _paragraphs(
                "Green roofs, water squares, shade and soil that can soak up rain make streets liveable in a changing climate."
            ),
        },
        "nl": {
            "intro": "Hittegolven, droogte en wolkbreuken zijn er al; steden moeten erop voorbereid zijn.",
            "body": _paragraphs(
                "Groene daken, waterpleinen, schaduw en een bodem die regen opneemt, houden straten leefbaar in een veranderend klimaat."
            ),
        },
    },
    "digital-transformation": {
        "en": {
            "intro": "Data and digital services can make cities fairer and more efficient, if people stay in control.",
            "body": _paragraphs(
                "Sensors, open data and digital twins help cities plan and act; privacy and inclusion decide whether residents trust them."
            ),
        },
        "nl": {
            "intro": "Data en digitale diensten kunnen steden eerlijker en efficiënter maken, als mensen zelf de regie houden.",
            "body": _paragraphs(
                "Sensoren, open data en digitale tweelingen helpen steden plannen en handelen; privacy en inclusie bepalen of bewoners erop vertrouwen."
            ),
        },
    },
    "mobility": {
        "en": {
            "intro": "Getting around without emissions or traffic jams: shared, electric and active travel.",
            "body": _paragraphs(
                "Shared cars and bikes, charging points that follow how people drive, and public transport that connects it all."
            ),
        },
        "nl": {
            "intro": "Je verplaatsen zonder uitstoot of files: gedeeld, elektrisch en actief.",
            "body": _paragraphs(
                "Deelauto's en deelfietsen, laadpalen die passen bij hoe mensen rijden, en openbaar vervoer dat alles verbindt."
            ),
        },
    },
    "circular-economy": {
        "en": {
            "intro": "Cities as mines of materials: reuse, repair and design without waste.",
            "body": _paragraphs(
                "Buildings, furniture and streets can be designed so that their parts get a second life."
            ),
        },
        "nl": {
            "intro": "De stad als mijn van grondstoffen: hergebruiken, repareren en ontwerpen zonder afval.",
            "body": _paragraphs(
                "Gebouwen, meubels en straten kun je zo ontwerpen dat hun onderdelen een tweede leven krijgen."
            ),
        },
    },
    "healthy-urban-living": {
        "en": {
            "intro": "A city that keeps its residents healthy, the theme Utrecht leads in the NL Smart City Strategy.",
            "body": _paragraphs(
                "Clean air, green space, safe streets and light at night that suits people and animals all add up to healthier urban lives."
            ),
        },
        "nl": {
            "intro": "Een stad die haar inwoners gezond houdt: het thema dat Utrecht trekt in de NL Smart City Strategie.",
            "body": _paragraphs(
                "Schone lucht, groen, veilige straten en verlichting die past bij mens en dier maken samen het stadsleven gezonder."
            ),
        },
    },
}

NEWS_INDEX = {
    "en": {
        "title": "News",
        "slug": "news",
        "intro": "What the hub and its partners are working on.",
    },
    "nl": {
        "title": "Nieuws",
        "slug": "nieuws",
        "intro": "Waar de hub en haar partners aan werken.",
    },
}

# Each: date, themes (slugs), tags, then the text in both languages.
ARTICLES = [
    {
        "date": "2021-09-20",
        "themes": ["digital-transformation", "healthy-urban-living"],
        "tags": ["G5", "VNG", "NL Smart City Strategy"],
        # Slugs of demo organisations (partners.demo_content).
        "organisations": [
            "vng",
            "city-of-amsterdam",
            "city-of-rotterdam",
            "city-of-the-hague",
            "city-of-utrecht",
            "city-of-eindhoven",
        ],
        # Slugs of demo initiatives (projects.demo_content).
        "initiatives": ["healthy-streets-utrecht"],
        "en": {
            "title": "VNG backs the G5 in carrying out the NL Smart City Strategy",
            "slug": "vng-backs-g5-smart-city-strategy",
            "author": "Smart Cities Hub editors",
            "intro": "The association of Dutch municipalities joins Amsterdam, Rotterdam, The Hague, Utrecht and Eindhoven to take the Dutch smart-city approach to more cities.",
            "body": _paragraphs(
                "The NL Smart City Strategy was presented to the prime minister in 2017. Since then the five largest cities, the G5, have worked together on it, each of them leading one theme: Utrecht, for example, leads Healthy Urban Living.",
                "Now the VNG supports the G5 and helps to draw up the action agenda. The aim is to open the approach to the roughly forty mid-sized Dutch cities that have smart-city plans of their own. Working on an initiative like that? Register it here and find partners.",
            ),
        },
        "nl": {
            "title": "VNG steunt de G5 bij de NL Smart City Strategie",
            "slug": "vng-steunt-g5-smart-city-strategie",
            "author": "Redactie Smart Cities Hub",
            "intro": "De Vereniging van Nederlandse Gemeenten sluit aan bij Amsterdam, Rotterdam, Den Haag, Utrecht en Eindhoven om de Nederlandse smart-city-aanpak naar meer steden te brengen.",
            "body": _paragraphs(
                "De NL Smart City Strategie werd in 2017 aan de minister-president aangeboden. Sindsdien werken de vijf grootste steden, de G5, eraan samen, elk als trekker van één thema: Utrecht trekt bijvoorbeeld Healthy Urban Living.",
                "Nu steunt de VNG de G5 en stelt ze mee de actieagenda op. Het doel is de aanpak open te stellen voor de ongeveer veertig middelgrote steden met eigen smart-city-plannen. Werkt u aan zo'n initiatief? Registreer het hier en vind partners.",
            ),
        },
    },
    {
        "date": "2021-09-17",
        "themes": ["healthy-urban-living", "climate-mitigation-energy"],
        "tags": ["light", "students"],
        "en": {
            "title": "Students take on the fifth Light Challenge",
            "slug": "light-challenge-2021",
            "author": "Smart Cities Hub editors",
            "intro": "On 29 September the fifth edition of the Light Challenge starts, with students designing smarter light for public space.",
            "body": _paragraphs(
                "Teams of students work with municipalities and companies on lighting that saves energy, feels safe and respects the night. The best ideas are tested in a real street."
            ),
        },
        "nl": {
            "title": "Studenten gaan de vijfde Light Challenge aan",
            "slug": "light-challenge-2021",
            "author": "Redactie Smart Cities Hub",
            "intro": "Op 29 september begint de vijfde Light Challenge, waarin studenten slimmer licht voor de openbare ruimte ontwerpen.",
            "body": _paragraphs(
                "Teams van studenten werken met gemeenten en bedrijven aan verlichting die energie bespaart, veilig voelt en de nacht respecteert. De beste ideeën worden in een echte straat getest."
            ),
        },
    },
    {
        "date": "2021-07-14",
        "themes": ["mobility", "climate-mitigation-energy"],
        "tags": ["shared mobility"],
        "en": {
            "title": "Shared mobility could be the norm within a few years",
            "slug": "shared-mobility-the-norm",
            "author": "Smart Cities Hub editors",
            "intro": "Sharing cars, bikes and scooters cuts emissions and frees up street space, and it is growing fast.",
            "body": _paragraphs(
                "Fewer parked cars mean room for trees, play and water storage. Cities that plan hubs for shared vehicles near homes and stations make the switch easy."
            ),
        },
        "nl": {
            "title": "Deelmobiliteit kan over een paar jaar de standaard zijn",
            "slug": "deelmobiliteit-de-standaard",
            "author": "Redactie Smart Cities Hub",
            "intro": "Auto's, fietsen en scooters delen vermindert de uitstoot en maakt straatruimte vrij, en het groeit snel.",
            "body": _paragraphs(
                "Minder geparkeerde auto's betekent ruimte voor bomen, spelen en waterberging. Steden die deelhubs bij woningen en stations plannen, maken de overstap makkelijk."
            ),
        },
    },
    {
        "date": "2021-05-11",
        "themes": ["digital-transformation"],
        "tags": ["data", "built environment"],
        "en": {
            "title": "Data day looks at business cases for the built environment",
            "slug": "data-day-built-environment",
            "author": "Smart Cities Hub editors",
            "intro": "After a successful data day on mobility, the next one, on Thursday 20 May, is about data in the built environment.",
            "body": _paragraphs(
                "Owners, builders and municipalities share what data on buildings and public space is worth, and who pays for collecting and keeping it."
            ),
        },
        "nl": {
            "title": "Datadag zoomt in op businesscases in de gebouwde omgeving",
            "slug": "datadag-gebouwde-omgeving",
            "author": "Redactie Smart Cities Hub",
            "intro": "Na een geslaagde Datadag Mobiliteit gaat de volgende, op donderdag 20 mei, over data in de gebouwde omgeving.",
            "body": _paragraphs(
                "Eigenaren, bouwers en gemeenten delen wat data over gebouwen en openbare ruimte waard zijn, en wie betaalt voor het verzamelen en bewaren ervan."
            ),
        },
    },
    {
        "date": "2021-04-19",
        "themes": ["mobility", "climate-mitigation-energy"],
        "tags": ["EV charging"],
        "en": {
            "title": "Charging points placed by how drivers behave",
            "slug": "charging-points-driver-behaviour",
            "author": "Smart Cities Hub editors",
            "intro": "As electric driving grows, more charging points appear in the street. Data on how people charge helps to put them in the right place.",
            "body": _paragraphs(
                "Looking at when and where cars actually charge avoids empty points in one street and queues in the next, and keeps pavements clear."
            ),
        },
        "nl": {
            "title": "Laadpalen geplaatst op basis van rijgedrag",
            "slug": "laadpalen-op-basis-van-gedrag",
            "author": "Redactie Smart Cities Hub",
            "intro": "Nu elektrisch rijden groeit, verschijnen er meer laadpalen op straat. Data over hoe mensen laden helpt ze op de goede plek te zetten.",
            "body": _paragraphs(
                "Kijken wanneer en waar auto's echt laden, voorkomt lege palen in de ene straat en wachtrijen in de volgende, en houdt stoepen vrij."
            ),
        },
    },
    {
        "date": "2021-04-16",
        "themes": ["healthy-urban-living"],
        "tags": ["light", "public space"],
        "en": {
            "title": "Designing public lighting around its surroundings",
            "slug": "lighting-design-surroundings",
            "author": "Smart Cities Hub editors",
            "intro": "A city at night feels as much a part of its character as it does by day, yet street lighting is rarely designed with its surroundings in mind.",
            "body": _paragraphs(
                "A meeting for designers and municipalities shows how light can follow the use of a place, save energy and leave darkness where nature needs it."
            ),
        },
        "nl": {
            "title": "Openbare verlichting ontworpen vanuit de omgeving",
            "slug": "lichtontwerp-vanuit-de-omgeving",
            "author": "Redactie Smart Cities Hub",
            "intro": "De stad bij avond bepaalt de sfeer net zo goed als overdag, maar straatverlichting wordt zelden vanuit de omgeving ontworpen.",
            "body": _paragraphs(
                "Een bijeenkomst voor ontwerpers en gemeenten laat zien hoe licht het gebruik van een plek kan volgen, energie bespaart en donker laat waar de natuur dat nodig heeft."
            ),
        },
    },
]

EVENT_INDEX = {
    "en": {
        "title": "Events",
        "slug": "events",
        "intro": "Meet the hub and its partners, on site and online.",
    },
    "nl": {
        "title": "Evenementen",
        "slug": "evenementen",
        "intro": "Ontmoet de hub en haar partners, op locatie en online.",
    },
}

# "days" counts from today for upcoming events; past ones have a fixed date.
EVENTS = [
    {
        "days": 14,
        "hour": 15,
        "hours": 1,
        "online": True,
        "themes": ["digital-transformation"],
        "en": {
            "title": "Webinar: Inspiring Cities",
            "slug": "webinar-inspiring-cities",
            "venue": "",
            "intro": "Cities share what worked, and what did not, in their smart-city projects.",
        },
        "nl": {
            "title": "Webinar: Inspiring Cities",
            "slug": "webinar-inspiring-cities",
            "venue": "",
            "intro": "Steden delen wat werkte, en wat niet, in hun smart-city-projecten.",
        },
    },
    {
        "days": 35,
        "hour": 13,
        "hours": 4,
        "online": False,
        "themes": ["climate-adaptation"],
        "en": {
            "title": "Masterclass: heat-proof streets",
            "slug": "masterclass-heat-proof-streets",
            "venue": "City hall",
            "address": "Coolsingel 40, Rotterdam",
            "intro": "Designers and engineers show how to keep streets cool with shade, green and water.",
        },
        "nl": {
            "title": "Masterclass: hittebestendige straten",
            "slug": "masterclass-hittebestendige-straten",
            "venue": "Stadhuis",
            "address": "Coolsingel 40, Rotterdam",
            "intro": "Ontwerpers en ingenieurs laten zien hoe je straten koel houdt met schaduw, groen en water.",
        },
    },
    {
        "days": 60,
        "hour": 19,
        "hours": 2,
        "online": False,
        "themes": ["healthy-urban-living"],
        "en": {
            "title": "The Mayor's Manual live",
            "slug": "mayors-manual-live",
            "venue": "Public library",
            "address": "Oudegracht 167, Utrecht",
            "intro": "Authors of The Mayor's Manual read their letters and talk with the audience.",
        },
        "nl": {
            "title": "The Mayor's Manual live",
            "slug": "mayors-manual-live",
            "venue": "Openbare bibliotheek",
            "address": "Oudegracht 167, Utrecht",
            "intro": "Auteurs van The Mayor's Manual lezen hun brieven voor en gaan in gesprek met het publiek.",
        },
    },
    {
        "date": "2021-09-29",
        "hour": 16,
        "hours": 2,
        "online": True,
        "themes": ["healthy-urban-living"],
        "en": {
            "title": "Light Challenge 2021 kick-off",
            "slug": "light-challenge-2021-kick-off",
            "venue": "",
            "intro": "The start of the fifth Light Challenge for students.",
        },
        "nl": {
            "title": "Aftrap Light Challenge 2021",
            "slug": "aftrap-light-challenge-2021",
            "venue": "",
            "intro": "De start van de vijfde Light Challenge voor studenten.",
        },
    },
    {
        "date": "2021-05-20",
        "hour": 10,
        "hours": 6,
        "online": True,
        "themes": ["digital-transformation"],
        "en": {
            "title": "Data day: the built environment",
            "slug": "data-day-built-environment",
            "venue": "",
            "intro": "Business cases for data on buildings and public space.",
        },
        "nl": {
            "title": "Datadag: de gebouwde omgeving",
            "slug": "datadag-gebouwde-omgeving",
            "venue": "",
            "intro": "Businesscases voor data over gebouwen en openbare ruimte.",
        },
    },
]

PUBLICATIONS_SECTION = {
    "en": {
        "title": "Publications",
        "slug": "publications",
        "intro": "Reports and documents of the hub, free to download.",
    },
    "nl": {
        "title": "Publicaties",
        "slug": "publicaties",
        "intro": "Rapporten en documenten van de hub, gratis te downloaden.",
    },
}

REPORT = {
    "date": "2021-11-01",
    "themes": [
        "climate-mitigation-energy",
        "climate-adaptation",
        "digital-transformation",
    ],
    "goals": [11, 13, 17],
    "en": {
        "title": "100 Climate-Neutral Cities in Europe by 2030",
        "slug": "100-climate-neutral-cities",
        "summary": "In 2021 an event gathered ideas from 40 countries on how European cities can become climate neutral as fast as possible, and how governments can help that change along. This document collects its insights and lessons.",
        "body": _paragraphs(
            "The lessons range from financing and procurement to citizen participation and data sharing. They are written for city officials, businesses and researchers who want to work together on the mission of 100 climate-neutral cities."
        ),
    },
    "nl": {
        "title": "100 klimaatneutrale steden in Europa in 2030",
        "slug": "100-klimaatneutrale-steden",
        "summary": "In 2021 verzamelde een bijeenkomst ideeën uit 40 landen over hoe Europese steden zo snel mogelijk klimaatneutraal worden, en hoe overheden die verandering kunnen helpen. Dit document bundelt de inzichten en lessen.",
        "body": _paragraphs(
            "De lessen gaan van financiering en inkoop tot bewonersparticipatie en het delen van data. Ze zijn geschreven voor ambtenaren, bedrijven en onderzoekers die samen willen werken aan de missie van 100 klimaatneutrale steden."
        ),
    },
}

MANUAL = {
    "en": {
        "title": "The Mayor's Manual",
        "slug": "mayors-manual",
        "intro": "Researchers, policymakers and entrepreneurs write to the world's mayors about the urban challenges they know best. Read the letters, download the whole manual or listen to the podcast.",
        "podcast_description": "Letters to the world's mayors, read aloud: ideas for climate-neutral, liveable cities from people who work on them every day.",
    },
    "nl": {
        "title": "The Mayor's Manual",
        "slug": "mayors-manual",
        "intro": "Onderzoekers, beleidsmakers en ondernemers schrijven de burgemeesters van de wereld over de stedelijke vraagstukken die ze het best kennen. Lees de brieven, download het hele boek of luister naar de podcast.",
        "podcast_description": "Brieven aan de burgemeesters van de wereld, voorgelezen: ideeën voor klimaatneutrale, leefbare steden van mensen die er elke dag aan werken.",
    },
}

LETTERS = [
    {
        "date": "2021-06-01",
        "themes": ["climate-adaptation"],
        "episode": True,
        "en": {
            "title": "Dear mayor, let the rain stay",
            "slug": "let-the-rain-stay",
            "authors": "A researcher in urban water management",
            "author_organisation": "A Dutch university of technology",
            "addresses": "Cities facing cloudbursts and drought",
            "intro": "Cities pipe rain away as fast as they can, and then run short of water in summer. This letter asks mayors to keep rain where it falls.",
            "body": _paragraphs(
                "Every paved square metre sends water to the sewer. Green roofs, wadis and water squares slow it down, cool the street and refill the ground water.",
                "Start small: one street, one school yard. Measure what it does, and let residents see it work.",
            ),
            "transcript": "Dear mayor. Cities pipe rain away as fast as they can, and then run short of water in summer. Keep the rain where it falls: in green roofs, wadis and water squares. Start with one street, measure what it does, and let residents see it work.",
        },
        "nl": {
            "title": "Beste burgemeester, laat de regen blijven",
            "slug": "laat-de-regen-blijven",
            "authors": "Een onderzoeker in stedelijk waterbeheer",
            "author_organisation": "Een Nederlandse technische universiteit",
            "addresses": "Steden met wolkbreuken en droogte",
            "intro": "Steden voeren regen zo snel mogelijk af, en komen in de zomer water tekort. Deze brief vraagt burgemeesters de regen te houden waar hij valt.",
            "body": _paragraphs(
                "Elke verharde vierkante meter stuurt water naar het riool. Groene daken, wadi's en waterpleinen houden het vast, koelen de straat en vullen het grondwater aan.",
                "Begin klein: één straat, één schoolplein. Meet wat het doet, en laat bewoners zien dat het werkt.",
            ),
            "transcript": "Beste burgemeester. Steden voeren regen zo snel mogelijk af, en komen in de zomer water tekort. Houd de regen waar hij valt: in groene daken, wadi's en waterpleinen. Begin met één straat, meet wat het doet, en laat bewoners zien dat het werkt.",
        },
    },
    {
        "date": "2021-05-01",
        "themes": ["circular-economy"],
        "episode": False,
        "en": {
            "title": "Dear mayor, buy results, not products",
            "slug": "buy-results-not-products",
            "authors": "A policymaker in public procurement",
            "author_organisation": "A national government agency",
            "addresses": "Every city that buys things",
            "intro": "A city spends much of its budget on buying. Asking for light instead of lamps, or for clean floors instead of cleaning products, changes what suppliers make.",
            "body": _paragraphs(
                "When the supplier stays the owner, it pays to make things that last and can be repaired. Write that into your tenders."
            ),
        },
        "nl": {
            "title": "Beste burgemeester, koop resultaten, geen producten",
            "slug": "koop-resultaten-geen-producten",
            "authors": "Een beleidsmaker in publieke inkoop",
            "author_organisation": "Een rijksdienst",
            "addresses": "Elke stad die inkoopt",
            "intro": "Een stad besteedt een groot deel van haar budget aan inkoop. Vraag om licht in plaats van lampen, of om schone vloeren in plaats van schoonmaakmiddelen, en leveranciers gaan anders produceren.",
            "body": _paragraphs(
                "Als de leverancier eigenaar blijft, loont het om dingen te maken die lang meegaan en te repareren zijn. Zet dat in uw aanbestedingen."
            ),
        },
    },
    {
        "date": "2021-04-01",
        "themes": ["digital-transformation"],
        "episode": False,
        "en": {
            "title": "Dear mayor, share your data and keep your citizens' trust",
            "slug": "share-data-keep-trust",
            "authors": "An entrepreneur in civic technology",
            "author_organisation": "A start-up working with municipalities",
            "addresses": "Cities starting with open data",
            "intro": "Open data lets companies and residents build services the city never thought of. It only works if people trust what happens with data about them.",
            "body": _paragraphs(
                "Publish what you measure and why, keep personal data out of it, and let residents see and question the algorithms you use."
            ),
        },
        "nl": {
            "title": "Beste burgemeester, deel uw data en houd het vertrouwen van uw inwoners",
            "slug": "deel-data-houd-vertrouwen",
            "authors": "Een ondernemer in civic technology",
            "author_organisation": "Een start-up die met gemeenten werkt",
            "addresses": "Steden die beginnen met open data",
            "intro": "Met open data bouwen bedrijven en bewoners diensten waar de stad zelf nooit op kwam. Dat werkt alleen als mensen vertrouwen wat er met gegevens over hen gebeurt.",
            "body": _paragraphs(
                "Publiceer wat u meet en waarom, houd persoonsgegevens erbuiten, en laat bewoners de algoritmen die u gebruikt zien en bevragen."
            ),
        },
    },
]

MAGAZINE = {
    "en": {
        "title": "NL Smart Cities Magazine",
        "slug": "magazine",
        "intro": "The hub's magazine on co-creating the cities of the future.",
    },
    "nl": {
        "title": "NL Smart Cities Magazine",
        "slug": "magazine",
        "intro": "Het magazine van de hub over samen de steden van de toekomst maken.",
    },
}

MAGAZINE_ISSUE = {
    "volume": 1,
    "date": "2021-08-01",
    "en": {
        "title": "Cocreating Future Cities",
        "slug": "cocreating-future-cities",
        "intro": "The first issue celebrates new perspectives and clever design, shares lessons learned, shows projects from around the world and invites you to join the smart-cities journey.",
    },
    "nl": {
        "title": "Cocreating Future Cities",
        "slug": "cocreating-future-cities",
        "intro": "Het eerste nummer viert nieuwe perspectieven en slim ontwerp, deelt lessen, laat projecten van over de hele wereld zien en nodigt u uit mee te reizen naar slimme steden.",
    },
}

EXPERT_INDEX = {
    "en": {
        "title": "Experts",
        "slug": "experts",
        "intro": "Continue the conversation on smart cities with the hub's experts.",
    },
    "nl": {
        "title": "Experts",
        "slug": "experts",
        "intro": "Zet het gesprek over slimme steden voort met de experts van de hub.",
    },
}

# Fictional experts for the demo; their enquiries go to example.org addresses.
EXPERTS = [
    {
        "themes": ["climate-adaptation"],
        "email": "adaptation.expert@example.org",
        "en": {
            "title": "Climate adaptation adviser",
            "slug": "climate-adaptation-adviser",
            "role": "Adviser on climate-proof cities",
            "organisation_name": "Smart Cities Hub",
            "biography": "Helps cities plan for heat, drought and heavy rain, and connects them with companies that build the solutions.",
        },
        "nl": {
            "title": "Adviseur klimaatadaptatie",
            "slug": "adviseur-klimaatadaptatie",
            "role": "Adviseur klimaatbestendige steden",
            "organisation_name": "Smart Cities Hub",
            "biography": "Helpt steden zich voor te bereiden op hitte, droogte en hevige regen, en brengt ze in contact met bedrijven die de oplossingen bouwen.",
        },
    },
    {
        "themes": ["mobility", "digital-transformation"],
        "email": "mobility.expert@example.org",
        "en": {
            "title": "Smart mobility specialist",
            "slug": "smart-mobility-specialist",
            "role": "Specialist in shared and electric mobility",
            "organisation_name": "Smart Cities Hub",
            "biography": "Knows what works in shared mobility and charging infrastructure, and which data cities need to plan them.",
        },
        "nl": {
            "title": "Specialist slimme mobiliteit",
            "slug": "specialist-slimme-mobiliteit",
            "role": "Specialist in gedeelde en elektrische mobiliteit",
            "organisation_name": "Smart Cities Hub",
            "biography": "Weet wat werkt in deelmobiliteit en laadinfrastructuur, en welke data steden nodig hebben om die te plannen.",
        },
    },
]

# The contact form every expert page asks, per language: (label, type, required).
EXPERT_FORM_FIELDS = {
    "en": [
        ("Your name", "singleline", True),
        ("Your e-mail address", "email", True),
        ("Your question", "multiline", True),
    ],
    "nl": [
        ("Uw naam", "singleline", True),
        ("Uw e-mailadres", "email", True),
        ("Uw vraag", "multiline", True),
    ],
}

"""The demo site's content in English and Dutch, written for this project from
the facts in ``shared/seeds/``. ``load_demo_content`` turns it into pages."""

HOME = {
    "en": {
        "title": "Climate-neutral and smart cities",
        "seo_title": "Smart Cities Hub: climate-neutral and smart cities",
        "search_description": (
            "Cities, companies, knowledge institutions and citizens find each other "
            "here to make cities climate neutral and smart."
        ),
        "intro": (
            "More than half of humanity lives in a city, and the share keeps rising. "
            "No city reaches climate neutrality on its own: this hub brings "
            "municipalities, companies, knowledge institutions and citizens together."
        ),
        "body": [
            {
                "type": "key_figures",
                "value": {
                    "figures": [
                        {
                            "figure": "55%",
                            "caption": "of the world's people live in cities today",
                        },
                        {"figure": "70%", "caption": "are expected to by 2050"},
                        {
                            "figure": "17",
                            "caption": "UN Sustainable Development Goals to work towards",
                        },
                    ]
                },
            },
            {
                "type": "heading",
                "value": {"text": "Why no one can do it alone", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>A city is a system of systems. Its government directly controls "
                    "only a small part of the buildings, networks and vehicles within its "
                    "borders; the rest belongs to businesses, financiers, universities and "
                    "residents. Becoming climate neutral and resilient therefore takes a "
                    "whole ecosystem working together, not one organisation or one "
                    "technology.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Three perspectives", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>The hub looks at cities through three lenses at once:</p>"
                    "<ul><li>climate mitigation, energy included;</li>"
                    "<li>climate adaptation;</li>"
                    "<li>digital transformation.</li></ul>"
                    "<p>Almost every smart-city solution touches one of the UN "
                    "Sustainable Development Goals, which is why initiatives here are "
                    "tagged with them.</p>"
                ),
            },
            {
                "type": "quote",
                "value": {
                    "text": "Just as it takes a village to raise a child, it takes all of us to build a climate-neutral city.",
                    "attribution": "The hub's starting point",
                },
            },
        ],
    },
    "nl": {
        "title": "Klimaatneutrale en slimme steden",
        "seo_title": "Smart Cities Hub: klimaatneutrale en slimme steden",
        "search_description": (
            "Gemeenten, bedrijven, kennisinstellingen en inwoners vinden elkaar hier "
            "om steden klimaatneutraal en slim te maken."
        ),
        "intro": (
            "Meer dan de helft van de mensheid woont in een stad, en dat aandeel "
            "groeit. Geen stad wordt in haar eentje klimaatneutraal: deze hub brengt "
            "gemeenten, bedrijven, kennisinstellingen en inwoners bij elkaar."
        ),
        "body": [
            {
                "type": "key_figures",
                "value": {
                    "figures": [
                        {
                            "figure": "55%",
                            "caption": "van de wereldbevolking woont nu in steden",
                        },
                        {"figure": "70%", "caption": "naar verwachting in 2050"},
                        {
                            "figure": "17",
                            "caption": "VN-duurzaamheidsdoelen om aan te werken",
                        },
                    ]
                },
            },
            {
                "type": "heading",
                "value": {"text": "Waarom niemand het alleen kan", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Een stad is een systeem van systemen. De gemeente heeft maar "
                    "over een klein deel van de gebouwen, netwerken en voertuigen direct "
                    "zeggenschap; de rest is van bedrijven, financiers, universiteiten en "
                    "bewoners. Klimaatneutraal en weerbaar worden vraagt daarom om een "
                    "heel ecosysteem dat samenwerkt, niet om één organisatie of één "
                    "technologie.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Drie perspectieven", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>De hub bekijkt steden door drie lenzen tegelijk:</p>"
                    "<ul><li>klimaatmitigatie, inclusief energie;</li>"
                    "<li>klimaatadaptatie;</li>"
                    "<li>digitale transformatie.</li></ul>"
                    "<p>Bijna elke smart-city-oplossing raakt aan een van de "
                    "duurzaamheidsdoelen van de VN; daarom krijgen initiatieven hier die "
                    "doelen als label.</p>"
                ),
            },
            {
                "type": "quote",
                "value": {
                    "text": "Zoals er een dorp nodig is om een kind op te voeden, zijn we allemaal nodig voor een klimaatneutrale stad.",
                    "attribution": "Het uitgangspunt van de hub",
                },
            },
        ],
    },
}

ABOUT = {
    "en": {
        "title": "About the hub",
        "slug": "about",
        "intro": (
            "The Climate Neutral and Smart Cities hub of the Netherlands Enterprise "
            "Agency connects the four helices of the city: government, business, "
            "knowledge institutions and civil society."
        ),
        "body": [
            {"type": "heading", "value": {"text": "What we do", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>The hub takes an ecosystem approach to international "
                    "collaboration. It publishes stories and research, and it keeps a "
                    "registry where municipalities, companies, universities and citizen "
                    "groups present their initiatives and find partners.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Publications", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<ul><li><b>The Mayor's Manual</b>: researchers, policymakers and "
                    "entrepreneurs write letters to the world's mayors about urban "
                    "challenges, several of them also recorded as podcast episodes.</li>"
                    "<li><b>100 Climate-Neutral Cities in Europe by 2030</b>: the "
                    "insights of a 2021 event that gathered ideas from 40 countries on "
                    "how European cities can become climate neutral quickly, and how "
                    "governments can enable that change.</li>"
                    "<li><b>NL Smart Cities Magazine</b>: volume 1 appeared in August "
                    "2021 under the title <i>Cocreating Future Cities</i>, with projects "
                    "and design solutions from around the world.</li></ul>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "The Dutch smart-city strategy", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>The NL Smart City Strategy dates from 2017. Amsterdam, Rotterdam, "
                    "The Hague, Utrecht and Eindhoven (the G5) each lead one of its "
                    "themes, such as Healthy Urban Living in Utrecht. With the support of "
                    "the association of Dutch municipalities (VNG), the approach is "
                    "spreading to some forty mid-sized cities.</p>"
                ),
            },
        ],
    },
    "nl": {
        "title": "Over de hub",
        "slug": "over",
        "intro": (
            "De Climate Neutral and Smart Cities-hub van de Rijksdienst voor "
            "Ondernemend Nederland verbindt de vier helices van de stad: overheid, "
            "bedrijfsleven, kennisinstellingen en maatschappelijke organisaties."
        ),
        "body": [
            {"type": "heading", "value": {"text": "Wat we doen", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>De hub werkt internationaal samen vanuit het idee van een "
                    "ecosysteem. Hij publiceert verhalen en onderzoek, en houdt een "
                    "register bij waarin gemeenten, bedrijven, universiteiten en "
                    "bewonersgroepen hun initiatieven laten zien en partners vinden.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Publicaties", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<ul><li><b>The Mayor's Manual</b>: onderzoekers, beleidsmakers en "
                    "ondernemers schrijven brieven aan de burgemeesters van de wereld "
                    "over stedelijke vraagstukken; een deel ervan is ook als "
                    "podcastaflevering te beluisteren.</li>"
                    "<li><b>100 Climate-Neutral Cities in Europe by 2030</b>: de lessen "
                    "van een bijeenkomst in 2021 die ideeën uit 40 landen verzamelde over "
                    "hoe Europese steden snel klimaatneutraal worden, en hoe overheden "
                    "die verandering mogelijk maken.</li>"
                    "<li><b>NL Smart Cities Magazine</b>: nummer 1 verscheen in augustus "
                    "2021 onder de titel <i>Cocreating Future Cities</i>, met projecten "
                    "en ontwerpoplossingen van over de hele wereld.</li></ul>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "De Nederlandse smart-citystrategie", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>De NL Smart City Strategie stamt uit 2017. Amsterdam, Rotterdam, "
                    "Den Haag, Utrecht en Eindhoven (de G5) trekken elk een van de "
                    "thema's, zoals Healthy Urban Living in Utrecht. Met steun van de "
                    "Vereniging van Nederlandse Gemeenten (VNG) verbreedt de aanpak zich "
                    "naar zo'n veertig middelgrote steden.</p>"
                ),
            },
        ],
    },
}

ACCESSIBILITY_STATEMENT = {
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "intro": "We want everyone to be able to use this site, whatever their abilities or equipment.",
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>The site aims to meet WCAG 2.1 at level AA. Every page type is "
                    "checked automatically for accessibility problems before a change "
                    "is released, and works with a keyboard alone and without "
                    "JavaScript.</p><p>Found something that does not work for you? "
                    "Tell us through the contact address at the foot of every page and "
                    "we will answer within five working days.</p>"
                ),
            }
        ],
    },
    "nl": {
        "title": "Toegankelijkheidsverklaring",
        "slug": "toegankelijkheid",
        "intro": "We willen dat iedereen deze site kan gebruiken, met welke beperking of apparatuur ook.",
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>De site streeft naar WCAG 2.1 op niveau AA. Elk paginatype wordt "
                    "automatisch op toegankelijkheidsproblemen gecontroleerd voordat een "
                    "wijziging live gaat, en werkt met alleen een toetsenbord en zonder "
                    "JavaScript.</p><p>Werkt er iets niet voor u? Laat het ons weten via "
                    "het contactadres onderaan elke pagina; we antwoorden binnen vijf "
                    "werkdagen.</p>"
                ),
            }
        ],
    },
}

PRIVACY_STATEMENT = {
    "en": {
        "title": "Privacy statement",
        "slug": "privacy",
        "intro": (
            "What personal data the hub keeps, why, who can see it, and what you can "
            "do about it."
        ),
        "body": [
            {"type": "heading", "value": {"text": "Your account", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>When you create an account we keep your e-mail address, a hash "
                    "of your password (never the password itself), your name if you "
                    "give it, the language you signed up in and the moment you agreed "
                    "to this statement. We use them to let you sign in and to send you "
                    "messages about your account, your organisations and your "
                    "initiatives.</p><p>Your e-mail address is never made public. "
                    "Where the site shows who you are and you gave no name, it shows "
                    "only the part of your address before the @ sign. We do not sell or "
                    "share your data, and the site sets no tracking cookies.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Organisations and initiatives", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>What you register about an organisation or initiative (its "
                    "name, description, place, themes, what it offers and seeks, and "
                    "its public contact address, if you give one) is public once a "
                    "moderator has approved it. Until then only its members and the "
                    "moderators see it.</p><p>An organisation's members are private: "
                    "your name appears on its public page only if you choose so. A "
                    "request to join, with your message, is seen only by the "
                    "organisation's owners.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Comments", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>A comment you post on an article is public once it is "
                    "published, with your first name. When you report a comment, only "
                    "the moderators see that you did.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Download or delete your data", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    '<p>Once you are logged in, <a href="/en/account/privacy/">Your '
                    "data and account</a> (linked at the foot of every page) lets you "
                    "download everything we keep about you as one file, and delete "
                    "your account.</p><p>Deleting your account erases it at once, "
                    "with your e-mail addresses, your memberships, your requests to "
                    "join and your comments. If you are the only owner of an "
                    "organisation, you first make another member owner or withdraw the "
                    "organisation, so that no organisation is left without anyone to "
                    "look after it. You can also ask us by e-mail, through the contact "
                    "address at the foot of every page.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Data from other sources", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Some organisations and projects in the registry come from "
                    "CORDIS, the European Commission's open database of EU-funded "
                    "research (© European Union), reused under the Creative Commons "
                    "Attribution 4.0 licence (CC BY 4.0). These records describe "
                    "organisations, not people, and each one says where it comes from. "
                    "If one about your organisation is wrong, tell us through the "
                    "contact address and we will correct it.</p>"
                ),
            },
        ],
    },
    "nl": {
        "title": "Privacyverklaring",
        "slug": "privacy",
        "intro": (
            "Welke persoonsgegevens de hub bewaart, waarom, wie ze kan zien, en wat u "
            "daaraan kunt doen."
        ),
        "body": [
            {"type": "heading", "value": {"text": "Uw account", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Als u een account aanmaakt, bewaren we uw e-mailadres, een hash "
                    "van uw wachtwoord (nooit het wachtwoord zelf), uw naam als u die "
                    "opgeeft, de taal waarin u zich aanmeldde en het moment waarop u "
                    "met deze verklaring instemde. We gebruiken die om u te laten "
                    "inloggen en om u berichten te sturen over uw account, uw "
                    "organisaties en uw initiatieven.</p><p>Uw e-mailadres wordt nooit "
                    "openbaar. Waar de site laat zien wie u bent en u geen naam opgaf, "
                    "toont hij alleen het deel van uw adres vóór het @-teken. We "
                    "verkopen of delen uw gegevens niet, en de site plaatst geen "
                    "volgcookies.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Organisaties en initiatieven", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Wat u over een organisatie of initiatief registreert (de naam, "
                    "beschrijving, plaats, thema's, wat het biedt en zoekt, en het "
                    "openbare contactadres als u dat opgeeft) is openbaar zodra een "
                    "moderator het heeft goedgekeurd. Tot dan zien alleen de leden en "
                    "de moderatoren het.</p><p>De leden van een organisatie zijn "
                    "privé: uw naam staat alleen op de openbare pagina als u daarvoor "
                    "kiest. Een verzoek om lid te worden, met uw bericht, zien alleen "
                    "de eigenaren van de organisatie.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Reacties", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Een reactie die u op een artikel plaatst, is openbaar zodra ze "
                    "gepubliceerd is, met uw voornaam. Als u een reactie meldt, zien "
                    "alleen de moderatoren dat u dat deed.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Uw gegevens downloaden of wissen", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    '<p>Als u bent ingelogd, kunt u via <a href="/nl/account/privacy/'
                    '">Uw gegevens en account</a> (onderaan elke pagina) alles wat we '
                    "over u bewaren als één bestand downloaden, en uw account "
                    "verwijderen.</p><p>Als u uw account verwijdert, wissen we het "
                    "meteen, met uw e-mailadressen, uw lidmaatschappen, uw verzoeken om "
                    "lid te worden en uw reacties. Bent u de enige eigenaar van een "
                    "organisatie, dan maakt u eerst een ander lid eigenaar of trekt u "
                    "de organisatie terug, zodat geen organisatie zonder beheerder "
                    "achterblijft. U kunt het ons ook per e-mail vragen, via het "
                    "contactadres onderaan elke pagina.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "Gegevens uit andere bronnen", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Een deel van de organisaties en projecten in het register komt "
                    "uit CORDIS, de open database van de Europese Commissie met door de "
                    "EU gefinancierd onderzoek (© Europese Unie), hergebruikt onder de "
                    "licentie Creative Commons Naamsvermelding 4.0 (CC BY 4.0). Die "
                    "gegevens beschrijven organisaties, geen personen, en bij elk staat "
                    "waar het vandaan komt. Klopt er iets niet over uw organisatie? "
                    "Laat het ons weten via het contactadres, dan verbeteren we het.</p>"
                ),
            },
        ],
    },
}

# The hub's three perspectives first, then the NL Smart City Strategy themes.
THEMES = [
    {
        "slug": "climate-mitigation-energy",
        "is_perspective": True,
        "en": (
            "Climate mitigation and energy",
            "Cutting greenhouse-gas emissions, with clean and efficient energy.",
        ),
        "nl": (
            "Klimaatmitigatie en energie",
            "Minder uitstoot van broeikasgassen, met schone en zuinige energie.",
        ),
    },
    {
        "slug": "climate-adaptation",
        "is_perspective": True,
        "en": (
            "Climate adaptation",
            "Preparing cities for heat, drought and heavy rain.",
        ),
        "nl": (
            "Klimaatadaptatie",
            "Steden voorbereiden op hitte, droogte en hevige regen.",
        ),
    },
    {
        "slug": "digital-transformation",
        "is_perspective": True,
        "en": (
            "Digital transformation",
            "Data and digital services that make cities work better for people.",
        ),
        "nl": (
            "Digitale transformatie",
            "Data en digitale diensten waardoor steden beter werken voor mensen.",
        ),
    },
    {
        "slug": "mobility",
        "is_perspective": False,
        "en": (
            "Mobility",
            "Clean, shared and accessible ways to move around the city.",
        ),
        "nl": (
            "Mobiliteit",
            "Schone, gedeelde en toegankelijke manieren om je door de stad te bewegen.",
        ),
    },
    {
        "slug": "circular-economy",
        "is_perspective": False,
        "en": ("Circular economy", "Keeping materials in use and designing waste out."),
        "nl": (
            "Circulaire economie",
            "Materialen in gebruik houden en afval wegontwerpen.",
        ),
    },
    {
        "slug": "healthy-urban-living",
        "is_perspective": False,
        "en": (
            "Healthy urban living",
            "Cities that keep their residents healthy; led in the Dutch strategy by Utrecht.",
        ),
        "nl": (
            "Gezond stedelijk leven",
            "Steden die hun inwoners gezond houden; in de Nederlandse strategie getrokken door Utrecht.",
        ),
    },
]

HUB_PARTNERS = [
    ("Netherlands Enterprise Agency", "https://www.rvo.nl/"),
    ("Amsterdam Smart City", "https://amsterdamsmartcity.com/"),
    ("Smart City Plaza", ""),
    ("Closer Cities", ""),
]

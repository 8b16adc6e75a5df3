"""The demo's organisations (Träger): fictional, but as a real town has them.

``web`` gives the contact: ``"@jugendamt"`` is a department of the town
(jugendamt@musterstadt.example, https://www.musterstadt.example/jugendamt/),
anything else an own domain (info@<web>.example, https://www.<web>.example/).
``area`` is the code of the district the address lies in.
"""

from __future__ import annotations

from typing import NamedTuple


class Provider(NamedTuple):
    name: str
    legal_form: str
    sector: str
    area: str
    web: str
    description: str = ""
    statewide_key: str = ""


AOK = Provider(
    "AOK Rheinland/Hamburg – Die Gesundheitskasse",
    "public_body",
    "health",
    "",
    "aok-rheinland-hamburg",
    "Gesetzliche Krankenversicherung; Präventionskurse und Gesundheitsförderung "
    "in Kita, Schule und Quartier.",
    "aok-rheinland-hamburg",
)

# fmt: off
MUSTERSTADT_PROVIDERS = (
    # administration
    Provider("Stadt Musterstadt – Koordinierungsstelle Präventionskette", "public_body", "administration", "0101", "@praevention", "Koordiniert die kommunale Präventionskette, ihre Netzwerke und die Sozialberichterstattung."),
    Provider("Stadt Musterstadt – Fachbereich Schule und Bildung", "public_body", "administration", "0101", "@schule", "Schulträger der städtischen Schulen und Schulentwicklungsplanung."),
    Provider("Stadt Musterstadt – Statistik und Stadtforschung", "public_body", "administration", "0102", "@statistik", "Kleinräumige Bevölkerungs- und Sozialdaten für die Planung."),
    Provider("Kommunales Integrationszentrum Musterstadt", "public_body", "administration", "0102", "@ki", "Integration durch Bildung: Sprachförderung, Elternbegleitung, Seiteneinstieg in Schule."),
    Provider("Stadtteilbüro Hafenviertel – Quartiersmanagement", "public_body", "administration", "0301", "@stadtteilbuero-hafen", "Anlaufstelle im Programm Sozialer Zusammenhalt; Verfügungsfonds für Nachbarschaftsprojekte."),
    # youth welfare
    Provider("Jugendamt der Stadt Musterstadt", "public_body", "youth-welfare", "0101", "@jugendamt", "Allgemeiner Sozialer Dienst, Frühe Hilfen, Kindertagesbetreuung und Jugendförderung."),
    Provider("Deutscher Kinderschutzbund Ortsverband Musterstadt e.V.", "ev", "youth-welfare", "0103", "kinderschutzbund-musterstadt", "Elternkurse, Familienpatenschaften und Kinder- und Jugendtelefon."),
    Provider("Erziehungsberatungsstelle Musterstadt", "public_body", "youth-welfare", "0104", "@erziehungsberatung", "Beratung für Eltern, Kinder und Jugendliche bei Erziehungsfragen, Trennung und Krisen."),
    Provider("Kinder- und Jugendhaus Hafenviertel gGmbH", "ggmbh", "youth-welfare", "0301", "jugendhaus-hafenviertel", "Offene Kinder- und Jugendarbeit, Hausaufgabenhilfe und Ferienprogramm."),
    Provider("Offene Tür Kirchheide e.V.", "ev", "youth-welfare", "0202", "ot-kirchheide", "Jugendtreff mit Angeboten für 10- bis 18-Jährige."),
    Provider("Mobile Jugendarbeit Musterstadt e.V.", "ev", "youth-welfare", "0102", "mobile-jugendarbeit-musterstadt", "Streetwork und aufsuchende Beratung für junge Menschen."),
    Provider("Evangelische Familienbildungsstätte Musterstadt", "church", "youth-welfare", "0101", "fbs-musterstadt", "Eltern-Kind-Gruppen, Geburtsvorbereitung und Kurse rund ums Familienleben."),
    Provider("Kinder- und Familienhilfe Lindenhof gGmbH", "ggmbh", "youth-welfare", "0103", "familienhilfe-lindenhof", "Ambulante Hilfen zur Erziehung und sozialpädagogische Familienhilfe."),
    # health
    Provider("Gesundheitsamt der Stadt Musterstadt", "public_body", "health", "0102", "@gesundheitsamt", "Schuleingangsuntersuchungen, Kinder- und Jugendgesundheitsdienst, Zahngesundheit."),
    Provider("Kinder- und Jugendarztpraxis Dr. med. Aylin Demir", "partnership", "health", "0301", "kinderarzt-demir", "Vorsorgeuntersuchungen U1 bis J2, Impfungen; Sprechstunde auch auf Türkisch."),
    Provider("Kinderarztpraxis Dr. Jansen & Kollegen", "partnership", "health", "0201", "kinderaerzte-eichenau", "Gemeinschaftspraxis für Kinder- und Jugendmedizin."),
    Provider("Hebammenpraxis Storchennest", "partnership", "health", "0103", "hebammen-storchennest", "Vorsorge, Geburtsvorbereitung, Wochenbettbetreuung und Rückbildung."),
    Provider("Hebammengemeinschaft Kirchheide", "partnership", "health", "0202", "hebammen-kirchheide", "Hausbesuche im Wochenbett und Stillberatung."),
    Provider("St.-Marien-Hospital Musterstadt gGmbH", "ggmbh", "health", "0104", "marienhospital-musterstadt", "Geburtsklinik mit Elternschule und Babylotsinnen."),
    Provider("Evangelisches Klinikum Musterstadt gGmbH", "ggmbh", "health", "0401", "evk-musterstadt", "Klinik für Kinder- und Jugendmedizin mit Kinderschutzgruppe."),
    Provider("Sozialpädiatrisches Zentrum Musterstadt", "ggmbh", "health", "0401", "spz-musterstadt", "Diagnostik und Therapie bei Entwicklungsauffälligkeiten."),
    Provider("Frühförderstelle Musterstadt e.V.", "ev", "health", "0204", "fruehfoerderung-musterstadt", "Interdisziplinäre Frühförderung für Kinder bis zum Schuleintritt."),
    Provider("Logopädische Praxis Sprechzeit", "partnership", "health", "0402", "logopaedie-sprechzeit", "Sprach-, Sprech- und Stimmtherapie für Kinder."),
    Provider("Praxis für Kinder- und Jugendlichenpsychotherapie Neumann", "partnership", "health", "0104", "psychotherapie-neumann", "Verhaltenstherapie für Kinder, Jugendliche und ihre Eltern."),
    # school
    Provider("Städtische Gemeinschaftsgrundschule Lindenhof", "public_body", "school", "0103", "ggs-lindenhof", "Offene Ganztagsgrundschule, dreizügig."),
    Provider("Grundschule Eichenau", "public_body", "school", "0201", "gs-eichenau", "Grundschule im Neubaugebiet mit Offenem Ganztag."),
    Provider("Katholische Grundschule St. Michael", "public_body", "school", "0101", "kgs-st-michael", "Städtische Bekenntnisgrundschule in der Altstadt."),
    Provider("Gemeinschaftsgrundschule Hafenviertel", "public_body", "school", "0301", "ggs-hafenviertel", "Grundschule mit Schwerpunkt Sprachbildung und Familienklassen."),
    Provider("Grundschule am Sonnenberg", "public_body", "school", "0402", "gs-sonnenberg", "Zweizügige Grundschule mit Schulgarten."),
    Provider("Grundschule Mühlenfeld", "public_body", "school", "0204", "gs-muehlenfeld", "Grundschule mit Gemeinsamem Lernen."),
    Provider("Gesamtschule Musterstadt-Nord", "public_body", "school", "0202", "ge-musterstadt-nord", "Gesamtschule mit gymnasialer Oberstufe und Berufsorientierungsbüro."),
    Provider("Städtisches Gymnasium Schlossberg", "public_body", "school", "0104", "gymnasium-schlossberg", "Gymnasium mit bilingualem Zweig."),
    Provider("Realschule Am Stadtwald", "public_body", "school", "0403", "rs-stadtwald", "Realschule mit Schulsozialarbeit."),
    Provider("Sekundarschule Weidenbruch", "public_body", "school", "0302", "seks-weidenbruch", "Sekundarschule im gebundenen Ganztag."),
    Provider("Schule am Park – Förderschule Lernen", "public_body", "school", "0401", "schule-am-park", "Förderschule mit dem Förderschwerpunkt Lernen."),
    Provider("Berufskolleg Musterstadt", "public_body", "school", "0102", "bk-musterstadt", "Ausbildungsvorbereitung, Berufsfachschule und duale Ausbildung."),
    # day care
    Provider("Städtische Kindertageseinrichtung Regenbogen", "public_body", "day-care", "0301", "@kita-regenbogen", "Kita für Kinder ab einem Jahr, plusKITA."),
    Provider("AWO-Familienzentrum Sonnenschein", "ev", "day-care", "0302", "awo-fz-sonnenschein", "Zertifiziertes Familienzentrum mit Elterncafé und Beratungssprechstunden."),
    Provider("Evangelische Kindertageseinrichtung Arche Noah", "church", "day-care", "0202", "kita-arche-noah", "Viergruppige Kita der evangelischen Kirchengemeinde."),
    Provider("Katholisches Familienzentrum St. Josef", "church", "day-care", "0101", "fz-st-josef", "Familienzentrum im Verbund mit zwei Kitas."),
    Provider("Elterninitiative Pusteblume e.V.", "ev", "day-care", "0103", "pusteblume-musterstadt", "Kleine Elterninitiative-Kita mit zwei Gruppen."),
    Provider("Kindertagespflege Musterstadt e.V.", "ev", "day-care", "0102", "tagespflege-musterstadt", "Vermittlung und Qualifizierung von Tagesmüttern und -vätern."),
    Provider("Waldkindergarten Stadtwald e.V.", "ev", "day-care", "0403", "waldkindergarten-musterstadt", "Naturkindergarten mit einer Gruppe im Stadtwald."),
    Provider("DRK-Kita Kunterbunt", "ev", "day-care", "0204", "drk-kita-kunterbunt", "Kita mit Sprach-Kita-Fachkraft."),
    Provider("Kita Eichenauer Strolche gGmbH", "ggmbh", "day-care", "0201", "eichenauer-strolche", "Sechsgruppige Kita im Neubaugebiet."),
    Provider("Städtisches Familienzentrum Hohenwiese", "public_body", "day-care", "0404", "@fz-hohenwiese", "Familienzentrum mit Familienbüro und Sprechstunde des Jugendamts."),
    # social security
    Provider("Jobcenter Musterstadt", "public_body", "social-security", "0102", "jobcenter-musterstadt", "Bürgergeld, Bildung und Teilhabe, Vermittlung in Arbeit."),
    Provider("Sozialamt der Stadt Musterstadt", "public_body", "social-security", "0101", "@sozialamt", "Sozialhilfe, Grundsicherung, Wohngeld."),
    Provider("Stadt Musterstadt – Servicestelle Bildung und Teilhabe", "public_body", "social-security", "0102", "@but", "Leistungen für Bildung und Teilhabe: Mittagessen, Lernförderung, Vereinsbeiträge."),
    Provider("Schuldner- und Insolvenzberatung der Diakonie Musterstadt", "ev", "social-security", "0103", "schuldnerberatung-musterstadt", "Kostenlose Beratung bei Überschuldung, auch für junge Erwachsene."),
    # sport
    Provider("TuS Eichenau 1921 e.V.", "ev", "sport", "0201", "tus-eichenau", "Fußball, Turnen und Eltern-Kind-Turnen."),
    Provider("SV Hafenviertel 08 e.V.", "ev", "sport", "0301", "sv-hafenviertel", "Fußball und Boxen; kostenfreie Mitternachtssport-Abende."),
    Provider("TV Musterstadt 1861 e.V.", "ev", "sport", "0103", "tv-musterstadt-1861", "Breitensportverein mit Kinderturnen und Leichtathletik."),
    Provider("DJK Kirchheide e.V.", "ev", "sport", "0202", "djk-kirchheide", "Handball, Tischtennis und Jugendfreizeiten."),
    Provider("Schwimmverein Musterstadt 1912 e.V.", "ev", "sport", "0401", "sv-musterstadt-1912", "Schwimmkurse für Kinder ab fünf Jahren."),
    Provider("Judo-Club Sonnenberg e.V.", "ev", "sport", "0402", "judo-sonnenberg", "Judo und Selbstbehauptungskurse für Kinder."),
    Provider("Stadtsportbund Musterstadt e.V.", "ev", "sport", "0102", "ssb-musterstadt", "Dachverband der Sportvereine; Programm „Bewegt aufwachsen“."),
    # culture
    Provider("Musikschule der Stadt Musterstadt", "public_body", "culture", "0104", "@musikschule", "Musikalische Früherziehung und Instrumentalunterricht."),
    Provider("Stadtbibliothek Musterstadt", "public_body", "culture", "0101", "@stadtbibliothek", "Lesestart, Vorlesepaten und Medienbildung für Kitas und Schulen."),
    Provider("Jugendkunstschule Musterstadt e.V.", "ev", "culture", "0103", "jugendkunstschule-musterstadt", "Kurse in Malerei, Theater und Medien für Kinder und Jugendliche."),
    Provider("Kinder- und Jugendtheater Hafenbühne e.V.", "ev", "culture", "0301", "hafenbuehne", "Theater für junges Publikum und Theaterclubs."),
    Provider("Stadtmuseum Musterstadt", "public_body", "culture", "0101", "@stadtmuseum", "Museumspädagogik zur Industriegeschichte der Stadt."),
    Provider("Soziokulturelles Zentrum Zeche Erlenbruch gGmbH", "ggmbh", "culture", "0303", "zeche-erlenbruch", "Konzerte, Werkstätten und Jugendkulturprojekte auf dem ehemaligen Zechengelände."),
    # church and religious communities
    Provider("Evangelische Kirchengemeinde Musterstadt-Altstadt", "church", "church", "0101", "ev-altstadt", "Kinder- und Jugendarbeit, Konfirmandenarbeit, Familiengottesdienste."),
    Provider("Katholische Pfarrei St. Michael Musterstadt", "church", "church", "0101", "st-michael-musterstadt", "Pfarrei mit vier Gemeinden; Messdiener- und Jugendgruppen."),
    Provider("Islamische Gemeinde Hafenviertel e.V.", "ev", "church", "0301", "moschee-hafenviertel", "Moscheegemeinde mit Hausaufgabenhilfe und Elternabenden."),
    Provider("Evangelisch-Freikirchliche Gemeinde Eichenau", "ev", "church", "0201", "efg-eichenau", "Krabbelgruppe und Kinderbibeltage."),
    # free welfare associations
    Provider("AWO Kreisverband Musterstadt e.V.", "ev", "welfare-association", "0102", "awo-musterstadt", "Träger von Kitas, Familienzentren, Jugendhilfe und Migrationsberatung."),
    Provider("Caritasverband für die Stadt Musterstadt e.V.", "ev", "welfare-association", "0101", "caritas-musterstadt", "Beratungsdienste, Frühe Hilfen und Familienpflege."),
    Provider("Diakonisches Werk Musterstadt e.V.", "ev", "welfare-association", "0103", "diakonie-musterstadt", "Schwangerschaftsberatung, Schuldnerberatung, Jugendmigrationsdienst."),
    Provider("DRK-Kreisverband Musterstadt e.V.", "ev", "welfare-association", "0204", "drk-musterstadt", "Kitas, Erste-Hilfe-Kurse für Eltern, Jugendrotkreuz."),
    Provider("Der Paritätische – Kreisgruppe Musterstadt", "ev", "welfare-association", "0102", "paritaet-musterstadt", "Dachverband freier Träger und Selbsthilfegruppen."),
    # training and employment
    Provider("Agentur für Arbeit Musterstadt", "public_body", "vocational", "0102", "arbeitsagentur-musterstadt", "Berufsberatung vor dem Erwerbsleben und Ausbildungsvermittlung."),
    Provider("Jugendberufsagentur Musterstadt", "public_body", "vocational", "0102", "jba-musterstadt", "Gemeinsame Anlaufstelle von Arbeitsagentur, Jobcenter und Jugendamt für unter 25-Jährige."),
    Provider("Kreishandwerkerschaft Musterstadt", "public_body", "vocational", "0104", "kh-musterstadt", "Ausbildungsberatung und Praktikumsbörse des Handwerks."),
    Provider("Jugendwerkstatt Hafenviertel gGmbH", "ggmbh", "vocational", "0301", "jugendwerkstatt-hafen", "Berufsvorbereitung in Holz-, Metall- und Gastronomiewerkstätten."),
    Provider("Ausbildungsverbund Musterstadt e.V.", "ev", "vocational", "0303", "ausbildungsverbund-musterstadt", "Verbundausbildung und assistierte Ausbildung."),
    # civil society
    Provider("Freiwilligenagentur Musterstadt e.V.", "ev", "civil-society", "0101", "freiwillig-musterstadt", "Vermittlung von Ehrenamtlichen, z. B. Lesepaten und Familienpaten."),
    Provider("Bürgerverein Kirchheide e.V.", "ev", "civil-society", "0202", "buergerverein-kirchheide", "Stadtteilfeste und Nachbarschaftshilfe."),
    Provider("Tafel Musterstadt e.V.", "ev", "civil-society", "0302", "tafel-musterstadt", "Lebensmittelausgabe, Kinderfrühstück."),
    Provider("Bürgerstiftung Musterstadt", "foundation", "civil-society", "0104", "buergerstiftung-musterstadt", "Fördert Bildungs- und Kinderprojekte in den Stadtteilen."),
    Provider("Deutsch-Türkischer Elternverein Musterstadt e.V.", "ev", "civil-society", "0301", "dt-elternverein", "Elternbildung und Übergangsbegleitung Kita – Schule."),
    Provider("Stadtteilinitiative Weidenbruch", "initiative", "civil-society", "0302", "initiative-weidenbruch", "Nachbarschaftsinitiative mit Spielplatzpatenschaften."),
    Provider("Mütterzentrum Lindenhof e.V.", "ev", "civil-society", "0103", "muetterzentrum-lindenhof", "Offener Treff, Second-Hand-Basar und Mittagstisch für Familien."),
    Provider("Förderverein Stadtteilzentrum Eichenau e.V.", "ev", "civil-society", "0201", "stz-eichenau", "Trägt das Stadtteilzentrum im Neubaugebiet."),
    AOK._replace(area="0102"),
)

KLEINHAUSEN_PROVIDERS = (
    Provider("Stadt Kleinhausen – Familienbüro", "public_body", "administration", "01", "@familienbuero", "Erste Anlaufstelle für Familien; Begrüßungsbesuche für Neugeborene."),
    Provider("Städtische Kita Kleine Strolche", "public_body", "day-care", "02", "@kita-strolche", "Dreigruppige Kita im Oberdorf."),
    Provider("Caritas-Familienzentrum Niederhausen", "ev", "day-care", "03", "fz-niederhausen", "Familienzentrum mit Elterncafé."),
    Provider("Grundschule Kleinhausen", "public_body", "school", "01", "gs-kleinhausen", "Grundschule mit Offenem Ganztag und Teilstandort Oberdorf."),
    Provider("SV Kleinhausen 1926 e.V.", "ev", "sport", "03", "sv-kleinhausen", "Fußball, Turnen und Schwimmkurse."),
    Provider("Evangelische Kirchengemeinde Kleinhausen", "church", "church", "01", "ev-kleinhausen", "Jugendarbeit und Ferienfreizeiten."),
    Provider("Hebammenpraxis Kleinhausen", "partnership", "health", "04", "hebammen-kleinhausen", "Vor- und Nachsorge, Rückbildungskurse."),
    AOK._replace(area="01"),
)
# fmt: on

PROVIDERS = {"musterstadt": MUSTERSTADT_PROVIDERS, "kleinhausen": KLEINHAUSEN_PROVIDERS}

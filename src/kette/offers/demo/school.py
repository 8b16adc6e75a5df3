"""Demo offers of Musterstadt for school children and their families."""

from __future__ import annotations

from .templates import YEAR
from .templates import Template as T

REG = "Anmeldung erforderlich."

# fmt: off
OFFERS = (
    T("hausaufgabenhilfe", "Hausaufgabenhilfe {place}", (6 * YEAR, 14 * YEAR),
      ("school-education",), ("children", "migrant-families", "low-income-families"),
      ("jugendhaus", "moschee", "ot", "stz-eichenau", "muetterzentrum", "awo",
       "weidenbruch", "caritas"),
      "Nach der Schule gemeinsam lernen: Hilfe bei Hausaufgaben und beim Üben.",
      "Schülerinnen und Schüler der Klassen 1 bis 8 machen ihre Hausaufgaben "
      "in kleinen Gruppen. Ehrenamtliche und Honorarkräfte helfen beim "
      "Lesen, Rechnen und Vokabellernen und bereiten auf Klassenarbeiten vor. "
      "Danach ist Zeit zum Spielen. Kostenlos.",
      areas=("0301", "0301", "0202", "0201", "0103", "0102", "0302", "0204",
             "0303", "0404", "0401", "0304"),
      times="Mo 14:00-16:00; Di 14:00-16:00; Do 14:00-16:00",
      standards=("unequal-unequally", "social-inclusion"), languages=("tr",),
      contact="Hausaufgabenbetreuung", venue="Lernraum {place}",
      statuses=("published", "published", "published", "published", "published",
                "published", "in_review")),
    T("lernpatenschaften", "Lernpatenschaften", (6 * YEAR, 16 * YEAR),
      ("school-education",), ("children", "adolescents", "migrant-families"),
      ("freiwilligenagentur", "buergerstiftung"),
      "Ehrenamtliche Lernpaten begleiten ein Kind einmal pro Woche.",
      "Eine Patin oder ein Pate trifft sich jede Woche mit einem Schulkind, "
      "übt Lesen und Mathe, hilft bei Referaten – und hört zu. Die "
      "Patenschaft läuft mindestens ein Schuljahr. Wir suchen laufend neue "
      "Ehrenamtliche.",
      standards=("social-inclusion", "unequal-unequally"),
      registration="Anmeldung über die Schule oder direkt bei uns.",
      contact="Koordination Lernpaten"),
    T("lernfoerderung-but", "Lernförderung aus dem Bildungs- und Teilhabepaket",
      (6 * YEAR, 25 * YEAR), ("school-education", "social-security"),
      ("children", "adolescents", "low-income-families"), ("but",),
      "Kostenlose Nachhilfe für Kinder aus Familien mit Bürgergeld, Wohngeld "
      "oder Kinderzuschlag.",
      "Wenn die Schule bestätigt, dass Ihr Kind Unterstützung braucht, "
      "übernimmt die Stadt die Kosten für Lernförderung. Dazu kommen "
      "Zuschüsse für Mittagessen, Klassenfahrten, Schulbedarf und "
      "Vereinsbeiträge. Wir helfen beim Antrag.",
      times="Mo 08:00-12:00; Di 08:00-12:00; Do 13:30-16:00",
      standards=("unequal-unequally",), languages=("tr", "ar", "uk"),
      registration="Antrag bei der Servicestelle; wir helfen beim Ausfüllen.",
      contact="Servicestelle BuT"),
    T("schulsozialarbeit", "Schulsozialarbeit an der {org}", (6 * YEAR, 19 * YEAR),
      ("school-education", "youth-welfare"), ("children", "adolescents", "parents"),
      ("ggs-lindenhof", "gs-eichenau", "ggs-hafen", "gs-sonnenberg",
       "gs-muehlenfeld", "ge-nord", "realschule", "sekundarschule",
       "foerderschule", "gymnasium", "kgs-michael"),
      "Ansprechpartnerin für Schülerinnen, Schüler und Eltern bei Sorgen und Konflikten.",
      "Die Schulsozialarbeit berät bei Streit, Mobbing, Schulangst und "
      "Problemen zu Hause, hilft bei Anträgen für Bildung und Teilhabe und "
      "vermittelt zu Beratungsstellen. Gespräche sind vertraulich.",
      times="Mo 08:00-14:00; Mi 08:00-14:00; Do 08:00-15:00",
      standards=("multi-professional", "smooth-transitions"),
      contact="Schulsozialarbeiterin"),
    T("ferienspiele", "Ferienspiele {place}", (6 * YEAR, 13 * YEAR),
      ("youth-welfare", "culture", "sport"), ("children",),
      ("jugendamt", "jugendhaus", "ot", "tus", "stz-eichenau", "zeche"),
      "Zwei Wochen Programm in den Sommerferien: Ausflüge, Spiele, Werkstätten.",
      "Kinder von 6 bis 12 Jahren erleben Ferien mit Ausflügen in den Zoo und "
      "ins Freibad, Bastel- und Theaterwerkstätten und einem großen "
      "Abschlussfest. Mittagessen inklusive; Ermäßigung mit Familienpass.",
      areas=("0301", "0202", "0201", "0303", "0404", "0102", "0401", "0204"),
      times="kurs Mo 09:00-15:00 x10",
      fee="35 € pro Woche, mit Familienpass 10 €.", registration=REG, capacity=40,
      contact="Ferienteam", venue="Jugendzentrum {place}",
      statuses=("published", "published", "published", "published", "published",
                "archived")),
    T("leseclub", "Leseclub {place}", (6 * YEAR, 12 * YEAR),
      ("culture", "school-education"), ("children",),
      ("bibliothek", "ggs-hafen", "gs-muehlenfeld"),
      "Lesen, Spielen, Entdecken: freier Leseclub mit Büchern, Tablets und Comics.",
      "Im Leseclub treffen sich Kinder am Nachmittag zum Schmökern, "
      "Vorlesen, Hörspiele machen und Bücher-Rallyes. Ehrenamtliche "
      "Lesebegleiterinnen sind dabei. Ohne Anmeldung.",
      areas=("0101", "0301", "0204"), times="Mi 15:00-17:00",
      standards=("social-inclusion",), contact="Leseclub-Team",
      venue="Leseclub {place}"),
    T("vorlesepaten", "Vorlesepaten in Kitas und Grundschulen", (3 * YEAR, 10 * YEAR),
      ("culture", "early-education"), ("children",), ("freiwilligenagentur",),
      "Ehrenamtliche lesen jede Woche in Kitas und Grundschulen vor.",
      "Rund 60 Vorlesepatinnen und -paten besuchen Kitas und Grundschulen "
      "und lesen in kleinen Gruppen vor – auch auf Türkisch, Polnisch und "
      "Arabisch.",
      standards=("social-inclusion",), languages=("tr", "pl", "ar"),
      contact="Koordination Vorlesepaten"),
    T("seepferdchen", "Schwimmkurs Seepferdchen", (5 * YEAR, 10 * YEAR),
      ("sport", "health"), ("children",), ("schwimmverein", "sv-hafen"),
      "In zehn Stunden zum Seepferdchen – Anfängerschwimmkurs für Kinder.",
      "Im Kurs lernen Kinder ab fünf Jahren sicher ins Wasser zu springen, zu "
      "tauchen und 25 Meter zu schwimmen. Am Ende steht die "
      "Seepferdchen-Prüfung. Kinder mit Bildung-und-Teilhabe-Berechtigung "
      "werden bevorzugt aufgenommen.",
      times="kurs Di 16:00-16:45 x10", standards=("unequal-unequally",),
      fee="90 € für zehn Stunden; mit BuT kostenfrei.", registration=REG,
      capacity=8, contact="Schwimmtrainer", venue="Hallenbad Südpark"),
    T("kinderturnen", "Kinderturnen und Leichtathletik", (4 * YEAR, 12 * YEAR),
      ("sport",), ("children",), ("tv1861", "tus", "djk"),
      "Laufen, springen, werfen, turnen: Bewegung für Kinder im Verein.",
      "In altersgerechten Gruppen turnen Kinder an Geräten und trainieren "
      "Leichtathletik. Das Kinder-Sportabzeichen kann abgelegt werden.",
      times="Mo 16:00-17:00; Do 16:00-17:00",
      fee="Vereinsbeitrag 9 € im Monat; BuT übernimmt ihn.",
      contact="Übungsleitung", venue="Sporthalle {org}"),
    T("kinderfussball", "Fußball für Kinder", (5 * YEAR, 14 * YEAR), ("sport",),
      ("children",), ("tus", "sv-hafen"),
      "Bambini bis D-Jugend: Training für Mädchen und Jungen.",
      "Wir trainieren zweimal in der Woche, am Wochenende sind Spiele. "
      "Probetraining ist jederzeit möglich. Fußballschuhe können aus der "
      "Vereinskiste ausgeliehen werden.",
      times="Di 17:00-18:30; Fr 17:00-18:30",
      fee="Mitgliedsbeitrag 10 € im Monat.", standards=("social-inclusion",),
      contact="Jugendtrainer", venue="Sportplatz {org}"),
    T("judo", "Judo für Kinder", (6 * YEAR, 14 * YEAR), ("sport",), ("children",),
      ("judo",),
      "Fallen lernen, fair kämpfen, Selbstvertrauen gewinnen.",
      "Judo schult Körpergefühl, Rücksicht und Konzentration. Anfängergruppe "
      "für Kinder ab sechs Jahren; Judoanzüge zum Ausleihen.",
      times="Mi 16:30-17:45", fee="12 € im Monat.", contact="Judotrainerin"),
    T("selbstbehauptung", "Selbstbehauptungskurs „Stark und mutig“ für Mädchen",
      (8 * YEAR, 13 * YEAR), ("sport", "youth-welfare"), ("children",), ("judo",),
      "Nein sagen, Grenzen setzen, Hilfe holen – Kurs für Mädchen.",
      "An vier Nachmittagen üben Mädchen in Rollenspielen, wie sie sich in "
      "schwierigen Situationen behaupten, und lernen einfache "
      "Befreiungstechniken.",
      times="kurs Sa 10:00-12:00 x4", fee="40 €, mit BuT kostenfrei.",
      registration=REG, capacity=12, contact="Trainerin"),
    T("jekits", "JeKits – Jedem Kind Instrumente, Tanzen, Singen",
      (6 * YEAR, 10 * YEAR), ("culture", "school-education"), ("children",),
      ("musikschule",),
      "Instrumentalunterricht in der Grundschule, im ersten Jahr kostenlos.",
      "Im ersten Schuljahr lernen alle Kinder der teilnehmenden Grundschulen "
      "Instrumente kennen; ab dem zweiten Jahr wählen sie ein Instrument und "
      "spielen im Schulorchester.",
      areas=("0301", "0204", "0103"), multi=True,
      fee="Ab dem zweiten Jahr 23 € im Monat; Ermäßigung möglich.",
      standards=("unequal-unequally",), contact="JeKits-Koordination",
      venue="Grundschule {place}"),
    T("instrumentalunterricht", "Instrumentalunterricht", (6 * YEAR, 27 * YEAR),
      ("culture",), ("children", "adolescents", "young-adults"), ("musikschule",),
      "Gitarre, Klavier, Geige, Schlagzeug, Saz – Einzel- und Gruppenunterricht.",
      "Die Musikschule bietet Unterricht für fast alle Instrumente, auch Saz "
      "und Oud, und Ensembles von der Band bis zum Jugendorchester.",
      times="Mo 14:00-20:00; Di 14:00-20:00; Mi 14:00-20:00; Do 14:00-20:00",
      fee="Ab 45 € im Monat; Sozialermäßigung bis 50 %.", registration=REG,
      contact="Sekretariat Musikschule"),
    T("malwerkstatt", "Malwerkstatt für Kinder", (6 * YEAR, 12 * YEAR),
      ("culture",), ("children",), ("jugendkunstschule",),
      "Malen, drucken, modellieren: offene Werkstatt mit Künstlerinnen.",
      "Jede Woche ein neues Material und eine neue Technik. Die Bilder werden "
      "am Ende des Halbjahres ausgestellt.",
      times="Do 15:00-16:30", fee="45 € im Halbjahr, Material inklusive.",
      capacity=12, contact="Kursleitung"),
    T("theaterclub", "Theaterclub der Hafenbühne", (8 * YEAR, 16 * YEAR),
      ("culture",), ("children", "adolescents"), ("hafenbuehne", "jugendkunstschule"),
      "Spielen, improvisieren, auf der Bühne stehen – ohne Vorkenntnisse.",
      "Im Theaterclub entwickeln Kinder und Jugendliche eigene Stücke und "
      "zeigen sie am Ende der Spielzeit auf der großen Bühne.",
      times="Fr 15:30-17:30", standards=("participation",),
      fee="10 € im Monat, ermäßigt kostenfrei.", capacity=15,
      contact="Theaterpädagogin"),
    T("museumswerkstatt", "Ferienwerkstatt im Stadtmuseum", (8 * YEAR, 13 * YEAR),
      ("culture",), ("children",), ("museum",),
      "Wie lebten Bergmannskinder? Zeitreise mit Werkstatt in den Ferien.",
      "In den Herbstferien erkunden Kinder die Industriegeschichte der Stadt, "
      "bauen Grubenlampen nach und besuchen die alte Zeche.",
      times="termin Di 10:00-14:00 x2", fee="5 € pro Tag.", registration=REG,
      capacity=15, contact="Museumspädagogik"),
    T("kinderbibeltage", "Kindergruppe und Kinderbibeltage", (5 * YEAR, 12 * YEAR),
      ("culture", "youth-welfare"), ("children",), ("efg", "ev-altstadt", "st-michael"),
      "Singen, spielen, Geschichten hören – wöchentliche Kindergruppe der Gemeinde.",
      "Die Kindergruppe trifft sich jede Woche im Gemeindehaus. In den "
      "Osterferien gibt es drei Kinderbibeltage mit Mittagessen.",
      times="Mi 16:00-17:30", contact="Gemeindepädagogin",
      venue="Gemeindehaus {org}"),
    T("maedchentreff", "Mädchentreff {place}", (10 * YEAR, 18 * YEAR),
      ("youth-welfare",), ("adolescents", "children"), ("jugendhaus", "ot", "zeche"),
      "Ein Nachmittag nur für Mädchen: quatschen, kochen, Projekte, Beratung.",
      "Im Mädchentreff bestimmen die Mädchen das Programm: Tanz, Kochen, "
      "Ausflüge, Bewerbungsfotos oder einfach chillen. Eine Pädagogin ist "
      "Ansprechpartnerin für alle Fragen.",
      areas=("0301", "0202", "0303"), times="Mi 15:00-18:00",
      standards=("participation",), languages=("tr", "ar"),
      contact="Mädchenarbeit", venue="Jugendzentrum {place}"),
    T("jungengruppe", "Jungengruppe", (10 * YEAR, 16 * YEAR), ("youth-welfare",),
      ("adolescents",), ("jugendhaus", "ot"),
      "Sport, Werkstatt und Gespräche – Gruppe für Jungen.",
      "Die Jungengruppe trifft sich wöchentlich zu Fußball, Kochen und "
      "Werkstattprojekten. Themen wie Freundschaft, Gewalt und Zukunft "
      "kommen zur Sprache.",
      times="Do 16:00-18:30", standards=("participation",), contact="Jungenarbeit"),
    T("kinderschutz-telefon", "Kinder- und Jugendtelefon „Nummer gegen Kummer“",
      (6 * YEAR, 21 * YEAR), ("youth-welfare",), ("children", "adolescents"),
      ("kinderschutzbund",),
      "Anonym und kostenlos reden: 116 111, montags bis samstags.",
      "Ehrenamtliche Beraterinnen und Berater hören zu bei Sorgen in "
      "Familie, Schule, Freundschaft und Liebe. Samstags beraten Jugendliche "
      "Jugendliche.",
      times="Mo 14:00-20:00; Di 14:00-20:00; Mi 14:00-20:00; Do 14:00-20:00; "
            "Fr 14:00-20:00; Sa 14:00-20:00",
      standards=("participation",), contact="Koordination Kinder- und Jugendtelefon"),
    T("erziehungsberatung", "Erziehungsberatung", (0, 27 * YEAR),
      ("youth-welfare",), ("parents", "children", "adolescents", "single-parents"),
      ("eb",),
      "Beratung für Eltern, Kinder und Jugendliche bei Erziehungsfragen und Krisen.",
      "Wir beraten bei Fragen zur Entwicklung und Erziehung, bei Konflikten in "
      "der Familie, bei Trennung und Scheidung und in Krisen. Auch Kinder und "
      "Jugendliche können allein kommen. Die Beratung ist kostenlos und "
      "vertraulich.",
      times="Mo 09:00-12:00; Mo 14:00-18:00; Mi 09:00-12:00; Fr 09:00-12:00",
      standards=("strengthen-parents", "multi-professional"),
      languages=("en", "tr", "ru"), registration="Termine nach Vereinbarung.",
      contact="Beratungsteam"),
    T("eb-aussensprechstunde", "Offene Sprechstunde der Erziehungsberatung {place}",
      (0, 18 * YEAR), ("youth-welfare",), ("parents", "migrant-families"),
      ("eb",),
      "Erziehungsberatung vor Ort im Familienzentrum – ohne Anmeldung.",
      "Einmal im Monat ist eine Beraterin der Erziehungsberatungsstelle im "
      "Familienzentrum. Eltern können kurz Fragen stellen oder einen Termin "
      "vereinbaren.",
      areas=("0301", "0404", "0302", "0102", "0204"), times="Di 09:00-11:00",
      standards=("outreach", "multi-professional"), contact="Beraterin",
      venue="Familienzentrum {place}"),
    T("kinder-im-blick", "Kinder im Blick – Kurs für Eltern in Trennung",
      (0, 18 * YEAR), ("youth-welfare",), ("parents", "single-parents"), ("eb",),
      "Wie Kinder gut durch die Trennung der Eltern kommen.",
      "Der Kurs hilft getrennten Eltern, die Beziehung zum Kind zu stärken, "
      "mit Stress umzugehen und Konflikte mit dem anderen Elternteil zu "
      "verringern. Die Eltern besuchen getrennte Kurse.",
      times="kurs Mo 19:00-22:00 x6", standards=("strengthen-parents",),
      fee="50 € pro Person, Ermäßigung möglich.", registration=REG, capacity=10,
      contact="Kursleitung"),
    T("kipsy", "Gruppe für Kinder psychisch kranker Eltern", (6 * YEAR, 14 * YEAR),
      ("youth-welfare", "health"), ("children", "parents-illness"),
      ("caritas", "diakonie"),
      "Kinder verstehen die Krankheit ihrer Eltern und stärken sich gegenseitig.",
      "In der Gruppe erfahren Kinder, dass sie nicht allein sind. Spielerisch "
      "lernen sie, was Depression oder Sucht bedeuten und wer ihnen helfen "
      "kann. Parallel gibt es Gespräche für die Eltern.",
      times="Do 15:30-17:00", standards=("multi-professional", "unequal-unequally"),
      registration="Vorgespräch erforderlich.", capacity=8, contact="Psychologin"),
    T("familienpaten", "Familienpatenschaften", (0, 10 * YEAR), ("youth-welfare",),
      ("parents", "single-parents", "migrant-families"), ("kinderschutzbund",),
      "Ehrenamtliche Patinnen entlasten Familien im Alltag.",
      "Familienpatinnen und -paten kommen einmal in der Woche für ein paar "
      "Stunden: spielen mit den Kindern, begleiten zum Arzt, helfen beim "
      "Papierkram. Sie werden vom Kinderschutzbund geschult und begleitet.",
      standards=("outreach", "social-inclusion"),
      registration="Bitte melden Sie sich telefonisch.", contact="Koordination Familienpaten"),
    T("schuldnerberatung", "Schuldnerberatung für Familien", (0, 27 * YEAR),
      ("social-security",), ("parents", "low-income-families", "young-adults"),
      ("schuldnerberatung", "caritas", "awo"),
      "Kostenlose Beratung bei Schulden, Mahnungen und Pfändungen.",
      "Wir verschaffen einen Überblick über die Schulden, verhandeln mit "
      "Gläubigern, richten ein Pfändungsschutzkonto ein und begleiten in die "
      "Verbraucherinsolvenz. Offene Sprechstunde für dringende Fälle.",
      times="Di 09:00-12:00; Do 14:00-16:00", standards=("unequal-unequally",),
      languages=("tr", "ru"), registration="Termine nach Vereinbarung.",
      contact="Schuldnerberater", statuses=("published", "published", "in_review")),
    T("familienservice-jobcenter", "Familienservice im Jobcenter", (0, 25 * YEAR),
      ("social-security",), ("parents", "single-parents", "low-income-families"),
      ("jobcenter",),
      "Bürgergeld, Kinderbetreuung und Arbeit: Beratung für Eltern.",
      "Der Familienservice berät Eltern mit Bürgergeld zu Kinderbetreuung, "
      "Teilzeitausbildung und Wiedereinstieg in den Beruf, besonders "
      "Alleinerziehende.",
      times="Mo 08:00-12:30; Di 08:00-12:30; Do 08:00-12:30",
      standards=("multi-professional",), languages=("ar", "uk", "tr"),
      registration="Termin über die Hotline.", contact="Familienservice"),
    T("wohngeld-kiz", "Beratung zu Wohngeld und Kinderzuschlag", (0, 25 * YEAR),
      ("social-security",), ("parents", "low-income-families"), ("sozialamt",),
      "Welche Leistungen stehen Ihrer Familie zu? Wir rechnen nach und helfen beim Antrag.",
      "Viele Familien mit kleinem Einkommen haben Anspruch auf Wohngeld oder "
      "Kinderzuschlag und wissen es nicht. Wir prüfen Ihren Anspruch und "
      "helfen beim Ausfüllen der Anträge.",
      times="Di 08:30-12:00; Do 14:00-17:30", standards=("unequal-unequally",),
      languages=("tr", "ar", "ru", "uk"), contact="Sachbearbeitung"),
    T("medienkompetenz", "Elternabend „Handy, Games und Social Media“",
      (8 * YEAR, 16 * YEAR), ("youth-welfare", "school-education"), ("parents",),
      ("bibliothek", "ge-nord", "realschule"),
      "Wie viel Bildschirmzeit ist gut? Tipps zu Medienerziehung.",
      "Medienpädagoginnen erklären Apps, Spiele und soziale Netzwerke, zeigen "
      "Jugendschutzeinstellungen und geben Tipps für Regeln in der Familie.",
      times="termin Di 19:00-20:30", standards=("strengthen-parents",),
      contact="Medienpädagogin", statuses=("published", "draft")),
    T("uebergang-weiterfuehrend", "Infoabend: Übergang in die weiterführende Schule",
      (9 * YEAR, 11 * YEAR), ("school-education",), ("parents", "migrant-families"),
      ("schulamt",),
      "Gymnasium, Gesamtschule, Realschule? Alle Schulen stellen sich vor.",
      "Im November informiert die Stadt über die Schulformen, das "
      "Anmeldeverfahren und die Tage der offenen Tür. Dolmetschende für "
      "Türkisch, Arabisch und Ukrainisch sind da.",
      times="termin Do 18:00-20:00", standards=("smooth-transitions",),
      languages=("tr", "ar", "uk"), contact="Schulentwicklungsplanung"),
    T("seiteneinstieg", "Schulberatung für neu zugewanderte Kinder",
      (6 * YEAR, 18 * YEAR), ("school-education",), ("refugees", "migrant-families"),
      ("ki",),
      "Seiteneinstieg in die Schule: Beratung und Zuweisung eines Schulplatzes.",
      "Kinder und Jugendliche, die neu nach Musterstadt kommen, werden hier "
      "beraten und an eine Schule mit Sprachfördergruppe vermittelt. Eltern "
      "erfahren alles über das deutsche Schulsystem.",
      times="Mo 09:00-12:00; Mi 09:00-12:00",
      standards=("smooth-transitions", "social-inclusion"),
      languages=("ar", "uk", "fa", "ti", "so", "ro", "bg", "ku", "en", "ru"),
      contact="Seiteneinstiegsberatung"),
    T("integrationskurs", "Integrationskurs mit Kinderbetreuung", (0, 6 * YEAR),
      ("social-security", "early-education"), ("migrant-families", "refugees", "parents"),
      ("awo", "caritas"),
      "Deutsch lernen, während die Kinder nebenan betreut werden.",
      "Der Elternintegrationskurs findet vormittags statt, wenn Kinder in der "
      "Kita oder Schule sind. Kleinere Kinder werden im Haus betreut. Der Kurs "
      "schließt mit der Prüfung „Deutsch-Test für Zuwanderer“ ab.",
      times="Mo 08:30-12:30; Di 08:30-12:30; Mi 08:30-12:30; Do 08:30-12:30",
      standards=("social-inclusion", "unequal-unequally"),
      languages=("ar", "uk", "fa", "tr"),
      registration="Mit Berechtigung des BAMF oder des Jobcenters.", capacity=20,
      contact="Kurskoordination", statuses=("published", "in_review")),
    T("migrationsberatung", "Migrationsberatung für Familien", (0, 27 * YEAR),
      ("social-security",), ("migrant-families", "refugees"), ("awo", "caritas"),
      "Beratung zu Aufenthalt, Sprache, Arbeit, Schule und Behördenpost.",
      "Wir helfen neu Zugewanderten mit Behördenbriefen, Anträgen und der "
      "Suche nach Sprachkursen, Kita- und Schulplätzen. Beratung in vielen "
      "Sprachen.",
      times="Di 09:00-12:00; Do 13:00-16:00",
      standards=("social-inclusion",),
      languages=("ar", "fa", "ku", "sq", "sr", "hr", "bs", "ru", "uk", "tr"),
      contact="Migrationsberaterin"),
    T("elternverein-cafe", "Elterncafé des Deutsch-Türkischen Elternvereins",
      (3 * YEAR, 14 * YEAR), ("school-education", "youth-welfare"),
      ("parents", "migrant-families"), ("elternverein",),
      "Eltern helfen Eltern: Schule, Kita und Ausbildung verstehen.",
      "Bei Tee und Gebäck sprechen Eltern über Schulnoten, Elternsprechtage "
      "und den Übergang in die Ausbildung. Einmal im Monat kommt eine "
      "Referentin.",
      times="Sa 11:00-13:00", standards=("participation", "strengthen-parents"),
      languages=("tr",), contact="Vorstand"),
    T("zahnprophylaxe-schule", "Zahnprophylaxe in Grundschulen", (6 * YEAR, 11 * YEAR),
      ("health",), ("children",), ("gesundheitsamt",),
      "Untersuchung und Zahnputztraining in allen Grundschulen.",
      "Die Zahnärztinnen und Prophylaxefachkräfte des Gesundheitsamts "
      "besuchen jede Grundschulklasse einmal im Jahr. Kinder mit hohem "
      "Kariesrisiko bekommen eine Fluoridlackierung, wenn die Eltern zustimmen.",
      areas=("0301", "0204", "0102", "0302"), multi=True,
      standards=("outreach", "unequal-unequally"), contact="Zahnärztlicher Dienst",
      venue="Grundschulen in {place}"),
    T("kjgd", "Kinder- und Jugendgesundheitsdienst", (0, 18 * YEAR), ("health",),
      ("children", "parents", "disability"), ("gesundheitsamt",),
      "Schuleingangsuntersuchung, Impfberatung und Gutachten.",
      "Der Kinder- und Jugendgesundheitsdienst untersucht alle Kinder vor der "
      "Einschulung und berät Eltern zu Entwicklung, Impfungen und "
      "Förderbedarf.",
      times="Mo 08:00-12:00; Mi 08:00-12:00; Do 14:00-16:00",
      standards=("multi-professional",), languages=("tr", "ar", "ru"),
      contact="Ärztlicher Dienst"),
    T("fit-kids", "Fit Kids – Bewegung und Ernährung für Kinder", (7 * YEAR, 12 * YEAR),
      ("health", "sport"), ("children", "parents"), ("aok",),
      "Zwölf Wochen Sport, Kochen und Spaß für Kinder mit Übergewicht.",
      "Im Kurs der Gesundheitskasse bewegen sich Kinder zweimal in der Woche, "
      "kochen einfache Gerichte und lernen, was ihrem Körper guttut. Eltern "
      "kommen zu drei Abenden dazu. Für Versicherte aller Kassen.",
      times="kurs Mo 16:00-17:30 x12", registration=REG, capacity=12,
      standards=("strengthen-parents",), contact="Gesundheitsberaterin"),
    T("gesund-gross", "Gesund groß werden – Elternworkshop", (0, 6 * YEAR),
      ("health",), ("parents",), ("aok",),
      "Schlafen, Essen, Bewegung: praktische Tipps für die ersten Jahre.",
      "Ein Nachmittag mit einer Ernährungsberaterin und einer Kinderärztin: "
      "Was essen Kleinkinder? Wie viel Schlaf brauchen sie? Fragen sind "
      "ausdrücklich erwünscht.",
      times="termin Mi 15:00-17:00 x2", registration=REG, capacity=20,
      contact="Gesundheitsberaterin"),
    T("psychotherapie-sprechstunde", "Psychotherapeutische Sprechstunde für Kinder und Jugendliche",
      (3 * YEAR, 21 * YEAR), ("health",), ("children", "adolescents", "parents"),
      ("psychotherapie",),
      "Erstgespräch bei Ängsten, Traurigkeit, Wut oder Schulproblemen.",
      "In der Sprechstunde klären wir, ob eine Psychotherapie sinnvoll ist, "
      "und vermitteln bei Bedarf weiter. Die Kosten trägt die Krankenkasse.",
      times="Di 15:00-17:00; Fr 09:00-11:00",
      registration="Terminvergabe telefonisch.", contact="Psychotherapeutin"),
    T("insofern-fachkraft", "Kinderschutz: Beratung durch die insoweit erfahrene Fachkraft",
      (-9, 18 * YEAR), ("youth-welfare",), ("professionals",),
      ("kinderschutzbund", "jugendamt"),
      "Fachkräfte aus Kita, Schule und Verein beraten sich bei Sorge um ein Kind.",
      "Wenn Sie als Fachkraft Anhaltspunkte für eine Kindeswohlgefährdung "
      "sehen, beraten wir Sie anonym zur Gefährdungseinschätzung nach § 8a "
      "und § 8b SGB VIII und zu den nächsten Schritten.",
      times="Mo 09:00-16:00; Mi 09:00-16:00",
      standards=("multi-professional",), contact="Kinderschutzfachkraft"),
    T("kinderschutz-fortbildung", "Fortbildung Kinderschutz für Kita-Fachkräfte",
      (0, 6 * YEAR), ("youth-welfare", "early-education"), ("professionals",),
      ("jugendamt",),
      "Anzeichen erkennen, richtig handeln: Tagesseminar für Erzieherinnen und Erzieher.",
      "Das Seminar führt in den Schutzauftrag nach § 8a SGB VIII ein, übt "
      "Gespräche mit Eltern und stellt das Verfahren in Musterstadt vor.",
      times="termin Mi 09:00-16:00", registration=REG, capacity=20,
      standards=("multi-professional",), contact="Fortbildung Jugendamt"),
    T("kinderschutzgruppe", "Kinderschutzambulanz", (0, 18 * YEAR),
      ("health", "youth-welfare"), ("children", "professionals", "parents"),
      ("evk",),
      "Medizinische Abklärung bei Verdacht auf Misshandlung oder Vernachlässigung.",
      "Die Kinderschutzgruppe der Kinderklinik untersucht Kinder bei Verdacht "
      "auf Gewalt und berät Eltern und Fachkräfte. Rund um die Uhr über die "
      "Notaufnahme erreichbar.",
      times="Mo 08:00-16:00; Di 08:00-16:00; Mi 08:00-16:00; Do 08:00-16:00; Fr 08:00-14:00",
      standards=("multi-professional",), contact="Kinderschutzgruppe"),
    T("pflegeeltern", "Pflegeelternschule – Pflegefamilie werden", (0, 18 * YEAR),
      ("youth-welfare",), ("foster-families",), ("jugendamt",),
      "Wir suchen Pflegeeltern: Infoabend und Vorbereitungskurs.",
      "Kinder, die nicht bei ihren Eltern leben können, brauchen ein "
      "Zuhause auf Zeit oder auf Dauer. Der Pflegekinderdienst informiert und "
      "bereitet Bewerberinnen und Bewerber in acht Abenden vor.",
      times="kurs Di 18:30-21:00 x8", registration=REG,
      contact="Pflegekinderdienst"),
    T("pflegeelterntreff", "Treff für Pflege- und Adoptivfamilien", (0, 18 * YEAR),
      ("youth-welfare",), ("foster-families", "parents"), ("familienhilfe",),
      "Austausch und Fortbildung für Pflege- und Adoptiveltern.",
      "Monatlicher Treff mit Kinderbetreuung: Erfahrungen teilen, Fragen zu "
      "Herkunftsfamilie und Bindung besprechen, Fachvorträge.",
      times="termin Fr 18:00-20:00 x3", standards=("participation",),
      contact="Fachdienst Pflegefamilien", statuses=("draft",)),
    T("spfh", "Sozialpädagogische Familienhilfe", (0, 18 * YEAR),
      ("youth-welfare",), ("parents", "parents-illness", "single-parents"),
      ("familienhilfe",),
      "Unterstützung zu Hause bei Erziehung, Alltag und Krisen.",
      "Fachkräfte begleiten Familien über mehrere Monate bei ihnen zu Hause: "
      "Tagesstruktur, Erziehungsfragen, Umgang mit Ämtern. Die Hilfe wird "
      "über das Jugendamt beantragt.",
      standards=("outreach", "strengthen-parents"),
      registration="Antrag über den Allgemeinen Sozialen Dienst.",
      contact="Teamleitung"),
    T("inklusive-freizeit", "Inklusive Freizeitgruppe", (6 * YEAR, 18 * YEAR),
      ("youth-welfare", "sport"), ("disability", "children", "adolescents"),
      ("paritaet",),
      "Freizeit für Kinder und Jugendliche mit und ohne Behinderung.",
      "Wir spielen, kochen, machen Ausflüge und fahren einmal im Jahr weg. "
      "Assistenz und Fahrdienst sind möglich.",
      times="Sa 10:00-14:00", standards=("social-inclusion",),
      fee="5 € pro Treffen.", capacity=12, contact="Gruppenleitung"),
    T("spielmobil", "Spielmobil im Quartier", (4 * YEAR, 12 * YEAR),
      ("youth-welfare", "sport"), ("children",), ("jugendamt",),
      "Der Spielbus kommt mit Kisten voller Spiele auf die Spielplätze.",
      "Von April bis Oktober steht das Spielmobil jeden Nachmittag an einem "
      "anderen Spielplatz: Rollbretter, Stelzen, Bastelmaterial und "
      "Pädagoginnen, die mitspielen.",
      areas=("0301", "0302", "0102", "0204", "0404"), multi=True,
      times="Mo 15:00-18:00; Di 15:00-18:00; Mi 15:00-18:00; Do 15:00-18:00; "
            "Fr 15:00-18:00",
      standards=("outreach", "unequal-unequally"), contact="Spielmobil-Team",
      venue="Spielplatz {place}"),
)
# fmt: on

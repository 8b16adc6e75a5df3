"""Demo offers of Musterstadt around pregnancy, birth and the first six years."""

from __future__ import annotations

from .templates import YEAR
from .templates import Template as T

REG = "Anmeldung erforderlich."

# fmt: off
OFFERS = (
    T("hebammensprechstunde", "Hebammensprechstunde {place}", (-9, YEAR),
      ("health",), ("expectant-parents", "parents", "young-parents"),
      ("storchennest", "hebammen-kh", "marien", "awo-fz"),
      "Offene Sprechstunde für Schwangere und junge Eltern – ohne Termin.",
      "Unsere Hebammen beantworten Fragen rund um Schwangerschaft, Geburt, "
      "Stillen und die ersten Wochen mit dem Baby. Sie helfen auch, eine "
      "Hebamme für die Wochenbettbetreuung zu finden, und vermitteln bei Bedarf "
      "weiter zu Beratungsstellen. Die Sprechstunde ist kostenlos, eine "
      "Krankenversicherungskarte ist nicht nötig.",
      areas=("0103", "0202", "0104", "0302"), times="Di 09:00-11:00; Do 15:00-17:00",
      standards=("strengthen-parents", "unequal-unequally"), contact="Hebamme",
      venue="Hebammenpraxis {place}"),
    T("geburtsvorbereitung", "Geburtsvorbereitungskurs für Paare", (-9, 0),
      ("health",), ("expectant-parents", "fathers"),
      ("storchennest", "fbs", "marien"),
      "Gemeinsam gut vorbereitet in die Geburt: Wissen, Atmung, Entspannung.",
      "Im Kurs lernen werdende Mütter und ihre Partnerinnen oder Partner den "
      "Ablauf der Geburt kennen, üben Atem- und Entspannungstechniken und "
      "sprechen über die erste Zeit mit dem Kind. Ein Termin ist für die "
      "Partner reserviert. Die Kosten für die Schwangere übernimmt die "
      "Krankenkasse.",
      times="kurs Mi 18:30-20:30 x7", standards=("strengthen-parents",),
      fee="Partnergebühr 60 €; für die Schwangere zahlt die Krankenkasse.",
      registration="Anmeldung ab der 20. Schwangerschaftswoche.", capacity=8,
      contact="Hebamme"),
    T("rueckbildung", "Rückbildungsgymnastik mit Baby", (0, 6),
      ("health", "sport"), ("parents", "young-parents"),
      ("storchennest", "hebammen-kh", "fbs"),
      "Beckenboden stärken und wieder fit werden – das Baby ist dabei.",
      "Acht Wochen nach der Geburt beginnt der Kurs zur Rückbildung. Wir "
      "kräftigen Beckenboden, Bauch und Rücken; die Babys liegen auf Decken "
      "neben ihren Müttern. Die Krankenkasse übernimmt die Kosten, wenn der "
      "Kurs bis zum neunten Monat nach der Geburt beendet ist.",
      times="kurs Fr 10:00-11:00 x8", standards=("strengthen-parents",),
      registration="Anmeldung in der Schwangerschaft oder kurz nach der Geburt.",
      capacity=10, contact="Hebamme"),
    T("familienhebammen", "Familienhebammen und Familien-Gesundheits-Kinderkrankenpflege",
      (-9, YEAR), ("health", "youth-welfare"),
      ("expectant-parents", "young-parents", "single-parents", "parents-illness",
       "low-income-families"),
      ("jugendamt",),
      "Frühe Hilfen: Hausbesuche von Familienhebammen im ersten Lebensjahr.",
      "Familienhebammen und Kinderkrankenpflegerinnen der Frühen Hilfen "
      "besuchen Familien, die sich in Schwangerschaft und erstem Lebensjahr "
      "mehr Unterstützung wünschen – zum Beispiel sehr junge Mütter, "
      "Alleinerziehende oder Familien mit einem kranken oder zu früh geborenen "
      "Kind. Die Begleitung ist freiwillig, kostenlos und vertraulich.",
      areas=("0102", "0301", "0204", "0404"), multi=True,
      times="Mo 10:00-12:00; Mi 14:00-16:00",
      standards=("outreach", "unequal-unequally", "multi-professional"),
      languages=("tr", "ar"), contact="Koordination Frühe Hilfen",
      venue="Frühe-Hilfen-Büro {place}"),
    T("babylotsen", "Babylotsinnen im St.-Marien-Hospital", (-3, 3),
      ("health", "youth-welfare"), ("expectant-parents", "parents"), ("marien",),
      "Lotsinnen auf der Geburtsstation zeigen Eltern passende Hilfen.",
      "Die Babylotsinnen sprechen mit allen Familien auf der Geburtsstation "
      "und in der Elternschule. Wer Fragen oder Sorgen hat, bekommt schnell und "
      "unbürokratisch Kontakt zu Frühen Hilfen, Hebammen und Beratungsstellen "
      "in Musterstadt.",
      times="Mo 08:00-16:00; Di 08:00-16:00; Mi 08:00-16:00; Do 08:00-16:00",
      standards=("smooth-transitions", "multi-professional"), languages=("en",),
      contact="Babylotsin"),
    T("willkommensbesuch", "Willkommensbesuch für Neugeborene", (0, 3),
      ("youth-welfare",), ("parents", "young-parents"), ("jugendamt",),
      "Wir besuchen Sie nach der Geburt – mit Begrüßungspaket und Infos.",
      "Alle Familien mit einem neugeborenen Kind erhalten einen Brief des "
      "Jugendamts mit einem Terminvorschlag. Die Mitarbeiterinnen bringen ein "
      "Begrüßungspaket mit dem Familienwegweiser, Gutscheinen und dem "
      "Elternbrief mit. Der Besuch ist freiwillig.",
      standards=("outreach", "unequal-unequally"), languages=("tr", "ar", "ru"),
      registration="Termin nach dem Brief des Jugendamts oder auf Wunsch.",
      contact="Willkommensbesuche"),
    T("schwangerschaftsberatung", "Schwangerschaftsberatung", (-9, 3 * YEAR),
      ("health", "social-security"),
      ("expectant-parents", "young-parents", "single-parents", "low-income-families"),
      ("diakonie", "caritas"),
      "Beratung zu Schwangerschaft, Geburt, Mutterschutz, Elterngeld und "
      "finanziellen Hilfen.",
      "Wir beraten vertraulich und kostenlos: zu finanziellen Hilfen wie "
      "Elterngeld, Kindergeld und Mitteln der Bundesstiftung Mutter und Kind, "
      "zu Mutterschutz und Elternzeit und in Konfliktsituationen. Auf Wunsch "
      "anonym.",
      times="Mo 09:00-12:00; Do 14:00-17:00", standards=("unequal-unequally",),
      languages=("en", "ar"), registration="Termine nach Vereinbarung.",
      contact="Beraterin"),
    T("stillcafe", "Stillcafé", (0, YEAR), ("health",), ("parents", "young-parents"),
      ("hebammen-kh", "marien"),
      "Stillen, Beikost, Schlafen: Austausch bei Kaffee mit einer Stillberaterin.",
      "Im Stillcafé treffen sich Mütter mit ihren Babys. Eine Hebamme und "
      "Stillberaterin beantwortet Fragen zum Stillen und Abstillen, zur "
      "Beikost und zum Babyschlaf. Väter sind willkommen.",
      times="Mi 10:00-11:30", standards=("strengthen-parents",), contact="Stillberaterin"),
    T("babymassage", "Babymassage", (1, 7), ("health", "early-education"),
      ("parents", "fathers"), ("fbs", "storchennest", "fz-josef", "awo-fz"),
      "Berührung tut gut: Massagegriffe für Babys ab sechs Wochen.",
      "Eltern lernen in entspannter Atmosphäre Massagegriffe, die ihr Baby "
      "beruhigen und die Bindung stärken. Bitte ein großes Handtuch und etwas "
      "zu trinken mitbringen. Öl stellen wir.",
      times="kurs Do 10:00-11:00 x5", standards=("strengthen-parents",),
      fee="30 € für fünf Termine.", registration=REG,
      capacity=7, contact="Kursleitung"),
    T("pekip", "PEKiP – Prager Eltern-Kind-Programm", (1, YEAR),
      ("early-education", "health"), ("parents",), ("fbs", "fbs", "awo-fz"),
      "Spiel, Bewegung und Austausch für Eltern mit Babys im ersten Lebensjahr.",
      "In der PEKiP-Gruppe spielen und bewegen sich die Babys nackt in einem "
      "warmen Raum. Eltern beobachten die Entwicklung ihres Kindes, bekommen "
      "Anregungen für das Spiel zu Hause und tauschen sich aus. Eine Gruppe "
      "begleitet die Kinder ein Jahr lang.",
      areas=("0101", "0201", "0302"), times="kurs Mo 09:30-11:00 x10",
      standards=("strengthen-parents",), fee="95 € für zehn Treffen.",
      registration="Anmeldung bis zur sechsten Lebenswoche des Babys.",
      capacity=8, contact="PEKiP-Gruppenleitung", venue="Familienbildung {place}"),
    T("krabbelgruppe", "Krabbelgruppe {place}", (6, 3 * YEAR),
      ("early-education",), ("parents", "children"),
      ("fbs", "efg", "fz-josef", "awo-fz", "fz-hohenwiese", "muetterzentrum"),
      "Offene Krabbelgruppe: spielen, singen, andere Eltern kennenlernen.",
      "Einmal in der Woche treffen sich Eltern mit Kindern, die krabbeln oder "
      "gerade laufen lernen. Es gibt Spielsachen, Lieder und Fingerspiele und "
      "Zeit für Gespräche. Eine Fachkraft der Familienbildung ist dabei. "
      "Einfach vorbeikommen.",
      areas=("0101", "0201", "0202", "0204", "0301", "0302", "0303", "0401",
             "0402", "0404", "0103", "0203", "0304"),
      times="Di 09:30-11:00", standards=("strengthen-parents", "social-inclusion"),
      contact="Gruppenleitung", venue="Gemeindezentrum {place}",
      statuses=("published", "published", "published", "published", "draft")),
    T("eltern-kind-gruppe", "Eltern-Kind-Gruppe „Kleine Entdecker“", (YEAR, 3 * YEAR),
      ("early-education",), ("parents", "children"),
      ("fbs", "fz-josef", "kita-arche", "strolche"),
      "Für Kinder von ein bis drei Jahren mit Mutter, Vater oder Oma.",
      "Wir spielen, singen, basteln und frühstücken gemeinsam. Die Kinder "
      "lernen eine Gruppe kennen – eine gute Vorbereitung auf die Kita. Eltern "
      "bekommen Anregungen zu Erziehung und Entwicklung.",
      areas=("0104", "0101", "0202", "0201", "0403"), times="Fr 09:00-11:00",
      standards=("strengthen-parents", "smooth-transitions"),
      fee="3 € pro Treffen, mit Familienpass frei.", capacity=10,
      contact="Gruppenleitung", venue="Familienzentrum {place}"),
    T("familiencafe", "Familiencafé {place}", (-9, 10 * YEAR),
      ("youth-welfare",), ("parents", "single-parents", "migrant-families"),
      ("awo-fz", "fz-hohenwiese", "fz-josef", "muetterzentrum", "stz-eichenau",
       "stadtteilbuero"),
      "Offener Treff für Familien mit Kaffee, Spielecke und Beratung.",
      "Im Familiencafé kommen Eltern ins Gespräch, die Kinder spielen in der "
      "Spielecke. Jede Woche ist eine Fachkraft da – mal vom Jugendamt, mal "
      "von der Erziehungsberatung oder dem Jobcenter. Kaffee und Tee gibt es "
      "gegen eine kleine Spende.",
      areas=("0302", "0404", "0101", "0103", "0201", "0301", "0102", "0303",
             "0204", "0304"),
      times="Mi 15:00-17:30", standards=("social-inclusion", "multi-professional"),
      languages=("tr",), contact="Stadtteilmütter", venue="Familienzentrum {place}"),
    T("babytreff", "Babytreff im Familienzentrum", (0, YEAR),
      ("early-education", "health"), ("parents", "young-parents"),
      ("awo-fz", "fz-hohenwiese", "fz-josef"),
      "Treffpunkt für Eltern mit Babys bis zu einem Jahr.",
      "Im Babytreff geht es um alles, was das erste Jahr ausmacht: Schlafen, "
      "Weinen, Essen, Entwicklung. Eine Kinderkrankenschwester ist dabei und "
      "beantwortet Fragen. Geschwisterkinder sind willkommen.",
      times="Do 10:00-11:30", standards=("strengthen-parents",), languages=("ar",),
      contact="Kinderkrankenschwester"),
    T("erste-hilfe-kind", "Erste Hilfe am Kind", (0, 10 * YEAR), ("health",),
      ("parents", "professionals"), ("drk", "fbs"),
      "Was tun bei Fieberkrampf, Sturz oder verschluckten Teilen? Kurs für Eltern.",
      "An einem Samstag lernen Eltern, Großeltern und Babysitter, was bei "
      "Notfällen mit Säuglingen und Kindern zu tun ist: Wiederbelebung, "
      "stabile Seitenlage, Vergiftungen, Verbrennungen und Verschlucken.",
      times="termin Sa 09:00-16:00 x2", standards=("strengthen-parents",),
      fee="45 € pro Person, Paare 80 €.", registration="Anmeldung erforderlich.",
      capacity=16, contact="Kursleitung"),
    T("starke-eltern", "Elternkurs „Starke Eltern – Starke Kinder“",
      (2 * YEAR, 12 * YEAR), ("youth-welfare",), ("parents", "single-parents"),
      ("kinderschutzbund", "awo", "fz-hohenwiese", "fz-josef"),
      "Mehr Freude und weniger Stress in der Erziehung – Kurs des Kinderschutzbundes.",
      "In zehn Abenden geht es um Werte, Grenzen, Gefühle und Konflikte in "
      "der Familie. Eltern tauschen sich aus und probieren neue Wege im Alltag "
      "aus. Der Kurs folgt dem Konzept des Deutschen Kinderschutzbundes; eine "
      "Kinderbetreuung ist möglich.",
      times="kurs Di 19:00-21:00 x10",
      standards=("strengthen-parents", "participation"),
      fee="40 € für zehn Abende; Ermäßigung möglich.", registration=REG,
      capacity=12, contact="Elternkursleitung", statuses=("published", "in_review")),
    T("kess", "Elternkurs „Kess erziehen: Von Anfang an“", (0, 3 * YEAR),
      ("youth-welfare",), ("parents",), ("fz-josef", "caritas"),
      "Fünf Treffen für Eltern von Kleinkindern: kooperativ, ermutigend, sozial.",
      "Wie kann ich mein Kind ermutigen? Was braucht es, wenn es trotzt? Der "
      "Kurs gibt Anregungen für den Familienalltag mit Kleinkindern und "
      "stärkt das Vertrauen in die eigenen Fähigkeiten.",
      times="kurs Mo 19:30-21:30 x5", standards=("strengthen-parents",),
      fee="25 €, Paare 35 €.", registration=REG, capacity=12, contact="Kursleitung"),
    T("fruehfoerderung", "Interdisziplinäre Frühförderung", (0, 7 * YEAR),
      ("health", "early-education"), ("children", "disability", "parents"),
      ("fruehfoerderung",),
      "Heilpädagogik, Logopädie, Ergo- und Physiotherapie für Kinder bis zum "
      "Schuleintritt.",
      "Wenn ein Kind sich langsamer entwickelt oder eine Behinderung hat, "
      "beraten wir Eltern und fördern das Kind – in unseren Räumen, zu Hause "
      "oder in der Kita. Die Kosten tragen Krankenkasse und Sozialamt. Ein "
      "erstes Beratungsgespräch ist ohne Verordnung möglich.",
      times="Mo 08:00-16:00; Mi 08:00-16:00; Fr 08:00-13:00",
      standards=("multi-professional", "social-inclusion"), languages=("tr", "ru"),
      registration="Terminvereinbarung telefonisch.", contact="Heilpädagogin"),
    T("spz-sprechstunde", "Entwicklungssprechstunde im SPZ", (0, 18 * YEAR),
      ("health",), ("children", "disability", "parents"), ("spz",),
      "Diagnostik und Therapie bei Entwicklungsauffälligkeiten, ADHS und Epilepsie.",
      "Das Sozialpädiatrische Zentrum untersucht Kinder mit Auffälligkeiten "
      "in Entwicklung, Verhalten oder Lernen. Ärztinnen, Psychologen und "
      "Therapeutinnen arbeiten zusammen. Nötig ist eine Überweisung der "
      "Kinderärztin oder des Kinderarztes.",
      times="Mo 08:00-15:00; Di 08:00-15:00; Do 08:00-15:00",
      standards=("multi-professional",),
      registration="Mit Überweisung; Wartezeit etwa acht Wochen.",
      contact="Anmeldung SPZ"),
    T("u-erinnerung", "Erinnerung an die U-Untersuchungen", (0, 6 * YEAR),
      ("health",), ("parents", "migrant-families"), ("gesundheitsamt",),
      "Das Gesundheitsamt erinnert an die Vorsorgeuntersuchungen U1 bis U9.",
      "Die Früherkennungsuntersuchungen beim Kinderarzt sind wichtig für die "
      "gesunde Entwicklung. Wenn eine U-Untersuchung fehlt, schreibt Ihnen "
      "das Gesundheitsamt und hilft bei der Suche nach einer Kinderarztpraxis. "
      "Auch Impfungen werden geprüft.",
      standards=("outreach", "unequal-unequally"),
      languages=("tr", "ar", "ru", "uk", "pl", "ro", "bg"),
      contact="Kinder- und Jugendgesundheitsdienst"),
    T("impfsprechstunde", "Impfsprechstunde für Kinder", (2, 18 * YEAR),
      ("health",), ("children", "adolescents", "parents"), ("demir", "jansen"),
      "Impfungen nach STIKO ohne lange Wartezeit, auch auf Türkisch.",
      "Einmal in der Woche bieten wir eine Sprechstunde nur für Impfungen an. "
      "Bitte Impfpass und Versichertenkarte mitbringen. Wir prüfen auch, ob "
      "Auffrischungen fehlen.",
      times="Mi 14:00-16:00", standards=("unequal-unequally",), languages=("tr",),
      contact="Praxisteam"),
    T("sprachfoerderung-kita", "Sprachförderung in der Kita {place}",
      (YEAR, 6 * YEAR), ("early-education",), ("children", "migrant-families"),
      ("kita-regenbogen", "kita-arche", "drk-kita", "strolche", "fz-hohenwiese",
       "awo-fz", "pusteblume"),
      "Alltagsintegrierte sprachliche Bildung mit einer Sprach-Kita-Fachkraft.",
      "Sprache lernen Kinder im Alltag: beim Essen, Spielen und Vorlesen. "
      "Unsere Sprachfachkraft unterstützt die Kinder gezielt, berät die "
      "Eltern und arbeitet mit mehrsprachigen Bilderbüchern. Für Kinder, die "
      "die Kita besuchen.",
      areas=("0301", "0202", "0204", "0201", "0404", "0302", "0103", "0102",
             "0303", "0401"),
      times="Mo 08:00-12:00; Mi 08:00-12:00",
      standards=("unequal-unequally", "smooth-transitions"),
      contact="Sprach-Kita-Fachkraft", venue="Kita {place}"),
    T("rucksack-kita", "Rucksack KiTa – Elternbegleitung mehrsprachig",
      (3 * YEAR, 6 * YEAR), ("early-education",),
      ("migrant-families", "parents", "refugees"), ("ki",),
      "Mütter und Väter stärken die Sprache ihrer Kinder – in Familien- und "
      "Deutschsprache.",
      "In der Elterngruppe bekommen Eltern Material und Ideen, um die "
      "Herkunftssprache ihres Kindes zu fördern, während die Kita parallel "
      "die deutsche Sprache fördert. Die Elternbegleiterinnen sprechen "
      "mehrere Sprachen.",
      areas=("0301", "0102", "0204"), times="Do 08:30-10:30",
      standards=("strengthen-parents", "unequal-unequally"),
      languages=("tr", "ar", "bg", "ro"), contact="Elternbegleiterin",
      venue="Kita {place}"),
    T("griffbereit", "Griffbereit – mehrsprachige Eltern-Kind-Gruppe",
      (YEAR, 3 * YEAR), ("early-education",), ("migrant-families", "parents"),
      ("ki",),
      "Spielgruppe für Ein- bis Dreijährige und ihre Eltern in mehreren Sprachen.",
      "Eltern spielen mit ihren Kindern in der Familiensprache und lernen "
      "nebenbei die Kita kennen. Die Gruppe bereitet auf den Kita-Start vor.",
      areas=("0301", "0302"), times="Mi 09:00-11:00",
      standards=("smooth-transitions",), languages=("ar", "fa", "ku", "uk"),
      contact="Elternbegleiterin", venue="Familienzentrum {place}"),
    T("lesestart", "Lesestart: Vorlesestunde für die Kleinsten", (18, 6 * YEAR),
      ("early-education", "culture"), ("children", "parents"), ("bibliothek",),
      "Bilderbuchkino, Fingerspiele und Vorlesen in der Kinderbibliothek.",
      "Jeden Donnerstag liest das Team der Kinderbibliothek Bilderbücher vor. "
      "Einmal im Monat gibt es eine Vorlesestunde auf Türkisch oder Arabisch. "
      "Danach können Kinder und Eltern Bücher kostenlos ausleihen.",
      areas=("0101", "0201"), times="Do 16:00-16:45",
      standards=("social-inclusion",), languages=("tr", "ar"),
      contact="Kinderbibliothek", venue="Stadtbibliothek {place}"),
    T("frueherziehung", "Musikalische Früherziehung", (4 * YEAR, 6 * YEAR),
      ("culture", "early-education"), ("children",), ("musikschule",),
      "Singen, tanzen, Instrumente ausprobieren – für Kinder im Kita-Alter.",
      "In der Gruppe entdecken Kinder Rhythmus, Lieder und Instrumente. Der "
      "Kurs läuft ein Schuljahr. Ermäßigung für Geschwister und mit dem "
      "Familienpass.",
      areas=("0104", "0404"), times="Di 15:00-15:45",
      fee="28 € im Monat, Ermäßigung mit Familienpass.", registration=REG,
      capacity=10, contact="Musikschule", venue="Musikschule {place}"),
    T("eltern-kind-turnen", "Eltern-Kind-Turnen", (18, 4 * YEAR), ("sport",),
      ("children", "parents"), ("tus", "tv1861"),
      "Klettern, rollen, balancieren: Bewegungslandschaft für Kleine mit Eltern.",
      "In der Turnhalle bauen wir jede Woche eine neue Bewegungslandschaft "
      "auf. Kinder trauen sich mit Mama, Papa oder Oma an Kasten, Trampolin "
      "und Seile. Zwei Schnupperstunden sind kostenlos.",
      times="Sa 09:30-10:30", standards=("social-inclusion",),
      fee="Vereinsbeitrag 8 € im Monat; Bildung und Teilhabe übernimmt ihn.",
      contact="Übungsleitung", venue="Turnhalle {org}"),
    T("babyschwimmen", "Babyschwimmen", (4, 2 * YEAR), ("sport", "health"),
      ("parents", "children"), ("schwimmverein",),
      "Wassergewöhnung für Babys und Kleinkinder im warmen Lehrschwimmbecken.",
      "Im 32 Grad warmen Wasser lernen Babys mit ihren Eltern das Element "
      "Wasser kennen. Schwimmwindeln bitte mitbringen.",
      times="kurs Sa 11:00-11:45 x8", fee="70 € für acht Termine.",
      registration=REG, capacity=8, contact="Schwimmtrainerin",
      venue="Lehrschwimmbecken Südpark"),
    T("zahnprophylaxe-kita", "Zahnprophylaxe in Kitas", (2 * YEAR, 6 * YEAR),
      ("health",), ("children", "professionals"), ("gesundheitsamt",),
      "Die Zahnärztinnen des Gesundheitsamts putzen mit den Kindern Zähne.",
      "Der zahnärztliche Dienst besucht jede Kita zweimal im Jahr: "
      "Untersuchung, Zähneputzen üben, Tipps für gesunde Ernährung. Eltern "
      "bekommen einen Befundbrief.",
      areas=("0301", "0102", "0204", "0302", "0404"), multi=True,
      standards=("outreach", "unequal-unequally"), contact="Zahnärztlicher Dienst",
      venue="Kitas im Stadtteil {place}"),
    T("tagespflege-beratung", "Beratung zur Kindertagespflege", (0, 3 * YEAR),
      ("early-education",), ("parents",), ("tagespflege",),
      "Wir vermitteln Tagesmütter und Tagesväter in ganz Musterstadt.",
      "Sie suchen Betreuung für Ihr Kind unter drei Jahren? Wir beraten zu "
      "Betreuungszeiten, Kosten und Elternbeiträgen und vermitteln eine "
      "passende Tagespflegeperson in Ihrer Nähe.",
      times="Mo 09:00-12:00; Do 14:00-18:00", standards=("smooth-transitions",),
      registration="Bitte rufen Sie uns an.", contact="Fachberatung Kindertagespflege"),
    T("kita-navigator", "Kita-Platz-Beratung und Kita-Navigator",
      (0, 6 * YEAR), ("early-education",), ("parents", "migrant-families"),
      ("jugendamt",),
      "Hilfe bei der Anmeldung im Kita-Navigator und bei der Platzsuche.",
      "Das Jugendamt hilft bei der Online-Anmeldung für einen Platz in Kita "
      "oder Kindertagespflege, erklärt den Rechtsanspruch und die "
      "Elternbeiträge. Dolmetscherinnen können dazukommen.",
      times="Di 08:30-12:00; Do 14:00-17:30", standards=("smooth-transitions",),
      languages=("tr", "ar", "uk"), contact="Servicestelle Kita"),
    T("waldspielgruppe", "Waldspielgruppe für Zwei- bis Dreijährige",
      (2 * YEAR, 3 * YEAR), ("early-education", "sport"), ("children", "parents"),
      ("waldkita",),
      "Bei jedem Wetter draußen: Natur erleben mit den Kleinsten.",
      "Zweimal in der Woche geht die Spielgruppe mit Eltern in den Stadtwald. "
      "Wir sammeln, bauen, singen und frühstücken am Bauwagen.",
      times="Di 09:00-11:30; Fr 09:00-11:30", fee="15 € im Monat.",
      registration=REG, capacity=12, contact="Erzieherin", venue="Bauwagen am Stadtwald"),
    T("vaeter-kind", "Väter-Kind-Samstag", (YEAR, 8 * YEAR),
      ("youth-welfare", "sport"), ("fathers", "children"), ("fbs", "awo"),
      "Einmal im Monat: Papa und Kind unternehmen etwas zusammen.",
      "Ob Waldausflug, Werkstatt oder Kochen: Väter und ihre Kinder verbringen "
      "einen Vormittag zusammen, die Väter kommen nebenbei ins Gespräch.",
      times="termin Sa 10:00-13:00 x3", standards=("strengthen-parents",),
      registration=REG, capacity=12, contact="Väterarbeit",
      statuses=("published", "in_review")),
    T("alleinerziehende", "Treff für Alleinerziehende", (0, 18 * YEAR),
      ("youth-welfare", "social-security"), ("single-parents",),
      ("muetterzentrum", "caritas"),
      "Austausch, Rat und Kinderbetreuung für Alleinerziehende.",
      "Wir treffen uns zweimal im Monat, während die Kinder nebenan betreut "
      "werden. Themen bestimmen die Teilnehmenden: Unterhalt, Umgang, "
      "Beruf und Familie, Zeit für sich. Beraterinnen sind dabei.",
      times="Mi 17:00-19:00", standards=("participation",), contact="Beraterin"),
    T("junge-muetter", "Junge Mütter – Treff für Mütter unter 25", (0, 3 * YEAR),
      ("youth-welfare",), ("young-parents", "single-parents"), ("diakonie",),
      "Für junge Mütter und Schwangere: Frühstück, Austausch und Beratung.",
      "Der Treff ist für Frauen unter 25 mit Baby oder in der Schwangerschaft. "
      "Wir frühstücken zusammen, sprechen über Alltag, Ausbildung und Geld. "
      "Die Babys werden betreut.",
      times="Fr 09:30-12:00", standards=("unequal-unequally", "participation"),
      contact="Sozialpädagogin"),
    T("sprachentwicklung", "Elternberatung zur Sprachentwicklung", (18, 6 * YEAR),
      ("health",), ("parents", "migrant-families"), ("logopaedie",),
      "Spricht mein Kind altersgerecht? Kostenlose Kurzberatung.",
      "Logopädinnen beraten Eltern, die sich Sorgen um die Sprache ihres "
      "Kindes machen, auch bei mehrsprachig aufwachsenden Kindern, und "
      "erklären, wann eine Therapie sinnvoll ist.",
      times="Do 16:00-18:00", registration="Anmeldung telefonisch.",
      contact="Logopädin"),
    T("kinderfruehstueck", "Kinderfrühstück und Mittagstisch", (3 * YEAR, 14 * YEAR),
      ("health", "social-security"), ("children", "low-income-families"),
      ("tafel", "muetterzentrum"),
      "Ein warmes Mittagessen und Frühstück für Kinder – kostenlos.",
      "Kinder aus dem Stadtteil bekommen bei uns Frühstück vor den Ferien "
      "und jeden Tag ein warmes Mittagessen. Eltern können mitessen.",
      times="Mo 12:30-14:00; Di 12:30-14:00; Mi 12:30-14:00; Do 12:30-14:00",
      standards=("unequal-unequally",), contact="Ehrenamtskoordination"),
    T("basar", "Second-Hand-Basar für Kinderkleidung", (-9, 14 * YEAR),
      ("social-security",), ("parents", "low-income-families"), ("muetterzentrum",),
      "Kinderkleidung, Spielzeug und Kinderwagen günstig kaufen und verkaufen.",
      "Zweimal im Jahr findet der große Basar statt; Schwangere dürfen eine "
      "halbe Stunde früher kommen. Der Erlös aus dem Kuchenverkauf geht an "
      "den Mittagstisch.",
      times="termin Sa 10:00-13:00 x2", contact="Basar-Team"),
    T("brueckenjahr", "Brückenjahr: Vorschulgruppe Kita und Grundschule",
      (5 * YEAR, 7 * YEAR), ("early-education", "school-education"),
      ("children", "parents"), ("ggs-lindenhof", "gs-eichenau", "ggs-hafen"),
      "Kita-Kinder besuchen vor der Einschulung ihre künftige Schule.",
      "Im letzten Kita-Jahr kommen die Vorschulkinder einmal im Monat in die "
      "Grundschule, lernen Lehrkräfte und Räume kennen und machen erste "
      "Schulstunden mit. Eltern sind zu einem Infoabend eingeladen.",
      times="Do 10:00-11:30", standards=("smooth-transitions",),
      contact="Kooperationslehrkraft"),
    T("fit-von-klein-auf", "„Bewegt aufwachsen“ – Bewegungsförderung in Kitas",
      (3 * YEAR, 6 * YEAR), ("sport", "health"), ("children", "professionals"),
      ("ssb",),
      "Übungsleitende der Sportvereine kommen wöchentlich in die Kita.",
      "Im Programm des Stadtsportbunds bieten Sportvereine Bewegungsstunden "
      "in Kitas an, schulen Erzieherinnen und Erzieher und laden Familien zu "
      "Schnupperstunden in den Verein ein.",
      areas=("0301", "0204", "0102"), multi=True,
      standards=("multi-professional", "unequal-unequally"),
      contact="Koordination Kitasport", venue="Kitas in {place}"),
)
# fmt: on

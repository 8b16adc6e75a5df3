"""Seed the shared vocabularies from the seed texts (wording of seed 004).

The data is written out here, not imported, so this migration stays as it
landed even when later code changes; the state admin edits the terms.
"""

from django.db import migrations

AGE_BANDS = [
    # code, German, English, from months, to months (exclusive)
    ("0-3", "Schwangerschaft bis 3 Jahre", "Pregnancy to 3 years", -9, 36),
    ("3-6", "3 bis 6 Jahre", "3 to 6 years", 36, 72),
    ("6-10", "6 bis 10 Jahre", "6 to 10 years", 72, 120),
    ("10-14", "10 bis 14 Jahre", "10 to 14 years", 120, 168),
    ("14-18", "14 bis 18 Jahre", "14 to 18 years", 168, 216),
    ("18-27", "18 bis 27 Jahre (Übergang in Ausbildung und Beruf)",
     "18 to 27 years (transition into training and work)", 216, 324),
]

LIFE_PHASES = [
    ("pregnancy-birth", "Rund um die Schwangerschaft und Geburt",
     "Around pregnancy and birth", -9, 36),
    ("kita", "Rund um die Kita", "Around the Kita (day care)", 12, 84),
    ("school", "Von der Grundschule bis in die weiterführende Schule",
     "From primary school into secondary school", 72, 168),
    ("youth", "Rund um die Jugendphase (mit dem Übergang Schule – Beruf)",
     "Around youth (including school to work)", 144, 324),
]

FIELDS_OF_ACTION = [
    ("health", "Gesundheit", "Health"),
    ("early-education", "Frühkindliche Bildung", "Early education"),
    ("school-education", "Schulische Bildung", "School education"),
    ("vocational-transition", "Übergang Schule – Beruf", "Vocational transition"),
    ("youth-welfare", "Kinder- und Jugendhilfe", "Child and youth welfare"),
    ("social-security", "Soziale Sicherung", "Social security"),
    ("sport", "Sport und Bewegung", "Sport and exercise"),
    ("culture", "Kultur", "Culture"),
]

PREVENTION_STANDARDS = [
    ("participation", "Beteiligungsorientierung", "Participation"),
    ("strengthen-parents", "Eltern stärken – Kinder stärken",
     "Strengthen parents to strengthen children"),
    ("outreach", "Aufsuchender Ansatz", "Outreach (bring offers to people)"),
    ("unequal-unequally", "Ungleiches ungleich behandeln", "Treat unequal unequally"),
    ("social-inclusion", "Soziale Inklusion", "Social inclusion"),
    ("smooth-transitions", "(Bildungs-)Übergänge fließend gestalten",
     "Smooth (educational) transitions"),
    ("multi-professional", "Multiprofessionelle Zusammenarbeit",
     "Multi-professional cooperation"),
]

TARGET_GROUPS = [
    ("expectant-parents", "Schwangere und werdende Eltern", "Expectant parents"),
    ("parents", "Eltern", "Parents"),
    ("fathers", "Väter", "Fathers"),
    ("single-parents", "Alleinerziehende", "Single parents"),
    ("young-parents", "Junge Eltern", "Young parents"),
    ("children", "Kinder", "Children"),
    ("adolescents", "Jugendliche", "Adolescents"),
    ("young-adults", "Junge Erwachsene", "Young adults"),
    ("migrant-families", "Familien mit Zuwanderungsgeschichte",
     "Families with a migration background"),
    ("refugees", "Geflüchtete Familien", "Refugee families"),
    ("low-income-families", "Familien mit geringem Einkommen",
     "Low-income families"),
    ("disability", "Kinder und Eltern mit Behinderung",
     "Children and parents with disabilities"),
    ("parents-illness", "Familien mit psychisch oder suchtkranken Eltern",
     "Families with parents with mental illness or addiction"),
    ("foster-families", "Pflege- und Adoptivfamilien", "Foster and adoptive families"),
    ("professionals", "Fachkräfte", "Professionals"),
]

LANGUAGES = [
    # ISO 639-1, German, English, native name, right to left
    ("de", "Deutsch", "German", "Deutsch", False),
    ("en", "Englisch", "English", "English", False),
    ("tr", "Türkisch", "Turkish", "Türkçe", False),
    ("ar", "Arabisch", "Arabic", "العربية", True),
    ("ru", "Russisch", "Russian", "Русский", False),
    ("uk", "Ukrainisch", "Ukrainian", "Українська", False),
    ("pl", "Polnisch", "Polish", "Polski", False),
    ("ro", "Rumänisch", "Romanian", "Română", False),
    ("bg", "Bulgarisch", "Bulgarian", "Български", False),
    ("fa", "Persisch (Farsi, Dari)", "Persian (Farsi, Dari)", "فارسی", True),
    ("ku", "Kurdisch", "Kurdish", "Kurdî", False),
    ("sq", "Albanisch", "Albanian", "Shqip", False),
    ("sr", "Serbisch", "Serbian", "Српски", False),
    ("hr", "Kroatisch", "Croatian", "Hrvatski", False),
    ("bs", "Bosnisch", "Bosnian", "Bosanski", False),
    ("el", "Griechisch", "Greek", "Ελληνικά", False),
    ("it", "Italienisch", "Italian", "Italiano", False),
    ("es", "Spanisch", "Spanish", "Español", False),
    ("fr", "Französisch", "French", "Français", False),
    ("pt", "Portugiesisch", "Portuguese", "Português", False),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ", False),
    ("so", "Somali", "Somali", "Soomaali", False),
    ("vi", "Vietnamesisch", "Vietnamese", "Tiếng Việt", False),
    ("ur", "Urdu", "Urdu", "اردو", True),
]

BODY_TYPES = [
    ("steering-group", "Steuerungsgruppe", "Steering group"),
    ("project-group", "Projektgruppe", "Project group"),
    ("working-group", "Arbeitskreis / Arbeitsgruppe", "Working group"),
    ("ag78", "AG nach § 78 SGB VIII", "Working group under § 78 SGB VIII"),
    ("district-conference", "Stadtteilkonferenz", "District conference"),
    ("fruehe-hilfen", "Netzwerk Frühe Hilfen", "Frühe Hilfen network (early help)"),
    ("quality-circle", "Qualitätszirkel", "Quality circle"),
]

MEASURE_TYPES = [
    ("expand-offers", "Ausbau präventiver Angebote", "Expand preventive offers"),
    ("networking", "Bessere Vernetzung", "Networking"),
    ("analyse-offers", "Analyse vorhandener Angebote", "Analyse existing offers"),
    ("prevention-concepts", "Erstellung von Präventionskonzepten",
     "Prevention concepts"),
    ("training", "Schulungsmaßnahmen", "Training"),
    ("steering-bodies", "Bildung von Steuerungsgremien", "Steering bodies"),
    ("measurement-criteria", "Etablierung von Messkriterien",
     "Measurement criteria"),
]

MEASURE_STATUSES = [
    ("not-implemented", "nicht umgesetzt", "not implemented"),
    ("partly-implemented", "teilweise umgesetzt", "partly implemented"),
    ("fully-implemented", "voll umgesetzt", "fully implemented"),
]

SECTORS = [
    ("youth-welfare", "Kinder- und Jugendhilfe", "Child and youth welfare"),
    ("health", "Gesundheitswesen", "Health"),
    ("school", "Schule", "School"),
    ("day-care", "Kindertagesbetreuung", "Day care"),
    ("social-security", "Soziale Sicherung (Jobcenter, Sozialamt)",
     "Social security (job centre, social welfare office)"),
    ("sport", "Sport", "Sport"),
    ("culture", "Kultur", "Culture"),
    ("church", "Kirche und Religionsgemeinschaft", "Church and religious community"),
    ("welfare-association", "Freie Wohlfahrtspflege", "Free welfare association"),
    ("vocational", "Ausbildung und Arbeit", "Training and employment"),
    ("administration", "Kommunalverwaltung", "Municipal administration"),
    ("civil-society", "Bürgerschaftliches Engagement", "Civil society"),
]

STATIONS = [
    # number, code, German, English, standards [(German, English), ...]
    (1, "vision", "Kommunales Präventionsleitbild", "Municipal prevention vision", [
        ("Prävention ist „Chef-/Chefinnensache“", "Prevention is a matter for the top"),
        ("Leistungsverwaltung wertschätzend einbeziehen",
         "Involve the benefit administration with appreciation"),
        ("Beteiligungsorientierte Leitbilderstellung/-aktualisierung",
         "Participatory drafting and updating of the vision"),
        ("Leitbild demokratisch legitimieren", "Legitimise the vision democratically"),
    ]),
    (2, "strategic-goals", "Strategische Zielfindung", "Strategic goals", [
        ("Verbindliche Definition von Zielen und Meilensteinen (Planungsworkshops)",
         "Binding definition of goals and milestones (planning workshops)"),
        ("Entwicklung von Messgrößen und Verfahren zur Zielüberprüfung: Was kommt "
         "beim Kind/den Familien an?",
         "Measures and procedures to review goals: what reaches the child and the "
         "family?"),
        ("Verabschiedung eines kommunalen Aktionsplans",
         "Adoption of a municipal action plan"),
    ]),
    (3, "steering-structure", "Kommunale Steuerungsstruktur",
     "Municipal steering structure", [
        ("Aufbau einer verlässlichen kommunalen Steuerung",
         "Build reliable municipal steering"),
        ("Einsetzung einer hauptamtlichen Netzwerkkoordination",
         "Appoint a full-time network coordination"),
    ]),
    (4, "data-strategy", "Bereichsübergreifende Datengewinnungsstrategie",
     "Cross-sector data strategy", [
        ("Entwicklung eines bereichsübergreifend kohärenten Datenkonzepts für die "
         "gesamte Kommune mit kleinräumigem und ggf. einrichtungsbezogenem "
         "Auflösungsvermögen",
         "A coherent cross-sector data concept for the whole municipality, "
         "small-area and where needed per institution"),
        ("Kommunales Präventionsmonitoring", "Municipal prevention monitoring"),
        ("Datenkompatibilität in den Fachplanungsprozessen",
         "Compatible data across the planning processes"),
    ]),
    (5, "integrated-data-use", "Integrierte Datennutzung in der Fachplanung",
     "Integrated data use in planning", [
        ("Kommunale Detailplanungen werden zum Zwecke der Optimierung präventiver "
         "Angebots- und Netzwerkstrukturen miteinander verknüpft",
         "Detailed municipal plans are linked to improve preventive offers and "
         "networks"),
        ("Entwicklung eines überschaubaren Indikatorensets mit hohem "
         "fachplanerischem Orientierungspotenzial",
         "A manageable indicator set that gives planning clear orientation"),
    ]),
    (6, "impact-steering", "Wirkungsorientierte, bereichsübergreifende Steuerung",
     "Impact-oriented, cross-sector steering", [
        ("Leitprinzip „Ungleiches ungleich behandeln“: Zugangssteuerung und "
         "Wirkungsmessung als Kernelemente",
         "Guiding principle 'treat unequal unequally': access steering and impact "
         "measurement at the core"),
        ("Evidenzbasierte Maßnahmenplanung", "Evidence-based planning of measures"),
        ("„Gemeinsam besser werden!“", "'Getting better together!'"),
        ("Verknüpfung von Controlling und trägerübergreifender Qualitätsentwicklung",
         "Link controlling with quality development across providers"),
    ]),
]


def seed(apps, schema_editor):
    def simple(model_name, rows):
        model = apps.get_model("kette_core", model_name)
        for position, (code, de, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"label_de": de, "label_en": en, "position": position}
            )

    def ranged(model_name, rows):
        model = apps.get_model("kette_core", model_name)
        for position, (code, de, en, low, high) in enumerate(rows):
            model.objects.update_or_create(
                code=code,
                defaults={
                    "label_de": de, "label_en": en, "position": position,
                    "min_months": low, "max_months": high,
                },
            )

    ranged("AgeBand", AGE_BANDS)
    ranged("LifePhase", LIFE_PHASES)
    simple("FieldOfAction", FIELDS_OF_ACTION)
    simple("PreventionStandard", PREVENTION_STANDARDS)
    simple("TargetGroup", TARGET_GROUPS)
    simple("BodyType", BODY_TYPES)
    simple("MeasureType", MEASURE_TYPES)
    simple("MeasureStatus", MEASURE_STATUSES)
    simple("Sector", SECTORS)

    language = apps.get_model("kette_core", "Language")
    for position, (code, de, en, native, rtl) in enumerate(LANGUAGES):
        language.objects.update_or_create(
            code=code,
            defaults={
                "label_de": de, "label_en": en, "native_name": native,
                "right_to_left": rtl, "position": position,
            },
        )

    station_model = apps.get_model("kette_core", "QualityStation")
    standard_model = apps.get_model("kette_core", "StationStandard")
    for number, code, de, en, standards in STATIONS:
        station, _ = station_model.objects.update_or_create(
            code=code,
            defaults={"number": number, "label_de": de, "label_en": en, "position": number},
        )
        for position, (standard_de, standard_en) in enumerate(standards, start=1):
            standard_model.objects.update_or_create(
                code=f"s{number}-{position}",
                defaults={
                    "station": station, "label_de": standard_de,
                    "label_en": standard_en, "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("kette_core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

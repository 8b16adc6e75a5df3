"""The Checkliste Netzwerkmanagement's themes and items (seed 004: the
coordinators' guide to keep the overview and miss no area of work; the
themes follow the programme's network-management topics). The state admin
edits them afterwards; codes stay stable."""

from django.db import migrations

THEMES = [
    (
        "overview",
        "Überblick über Netzwerke und Akteure",
        "Overview of networks and actors",
        [
            (
                "overview-current",
                "Es gibt eine aktuelle Übersicht aller Netzwerke und Gremien mit ihren Akteuren.",
                "There is a current overview of all networks and working bodies with their actors.",
            ),
            (
                "unified-terms",
                "Für Gremien gelten einheitliche Bezeichnungen (Steuerungsgruppe, Arbeitskreis, Stadtteilkonferenz …).",
                "Working bodies are named with unified terms (steering group, working group, district conference …).",
            ),
            (
                "overlaps-known",
                "Überschneidungen und Parallelstrukturen zwischen Netzwerken sind bekannt und besprochen.",
                "Overlaps and parallel structures between networks are known and have been discussed.",
            ),
        ],
    ),
    (
        "goals",
        "Ziele und Auftrag",
        "Goals and mandate",
        [
            (
                "goals-written",
                "Jedes Netzwerk hat schriftlich festgehaltene Ziele.",
                "Every network has written goals.",
            ),
            (
                "goals-aligned",
                "Die Ziele der Netzwerke sind mit den Zielen der Präventionskette abgestimmt.",
                "The networks' goals are aligned with the goals of the prevention chain.",
            ),
            (
                "mandate",
                "Der Auftrag der Netzwerke ist von Politik oder Verwaltungsspitze getragen.",
                "The networks' mandate is backed by the council or the head of the administration.",
            ),
        ],
    ),
    (
        "steering",
        "Steuerung und Struktur",
        "Steering and structure",
        [
            (
                "network-of-networks",
                "Eine Steuerungsgruppe stimmt die Netzwerke untereinander ab („Netzwerk der Netzwerke“).",
                "A steering group coordinates the networks with each other (a “network of networks”).",
            ),
            (
                "roles-clear",
                "Rollen (Leitung, Geschäftsführung, Mitglieder) sind geklärt und allen bekannt.",
                "Roles (lead, secretariat, members) are settled and known to all.",
            ),
            (
                "resources",
                "Für die Koordination stehen ausreichend Zeit und Mittel zur Verfügung.",
                "Enough time and money is available for the coordination.",
            ),
        ],
    ),
    (
        "participation",
        "Beteiligung und Zusammensetzung",
        "Participation and membership",
        [
            (
                "sectors-present",
                "Alle für die Lebensphase wichtigen Bereiche (Jugendhilfe, Gesundheit, Schule, Soziales …) sind vertreten.",
                "Every sector that matters for the life phase (youth welfare, health, school, social services …) takes part.",
            ),
            (
                "districts-present",
                "Die Sozialräume mit dem größten Bedarf sind in den Netzwerken vertreten.",
                "The districts with the greatest need are represented in the networks.",
            ),
            (
                "families-involved",
                "Eltern, Kinder und Jugendliche werden beteiligt.",
                "Parents, children and young people are involved.",
            ),
        ],
    ),
    (
        "working",
        "Arbeitsweise und Protokolle",
        "Ways of working and minutes",
        [
            (
                "meetings-prepared",
                "Sitzungen finden in einem festen Rhythmus statt und werden mit Einladung und Tagesordnung vorbereitet.",
                "Meetings take place at a fixed rhythm and are prepared with an invitation and an agenda.",
            ),
            (
                "unified-minutes",
                "Protokolle folgen einer einheitlichen Vorlage mit Vereinbarungen, Verantwortlichen und Terminen.",
                "Minutes follow one template with agreements, responsible persons and dates.",
            ),
            (
                "follow-up",
                "Offene Aufgaben kommen in der nächsten Sitzung wieder auf den Tisch (Wiedervorlage).",
                "Open action items come back at the next meeting (follow-up).",
            ),
        ],
    ),
    (
        "transparency",
        "Information und Transparenz",
        "Information and transparency",
        [
            (
                "results-reported",
                "Ergebnisse der Netzwerke werden der Steuerung und den anderen Netzwerken zurückgemeldet.",
                "The networks' results are reported back to the steering group and the other networks.",
            ),
            (
                "public-contacts",
                "Fachkräfte und Öffentlichkeit finden Informationen und Ansprechpersonen der Netzwerke.",
                "Professionals and the public find information about the networks and whom to contact.",
            ),
        ],
    ),
    (
        "development",
        "Wirkung und Weiterentwicklung",
        "Impact and development",
        [
            (
                "work-reviewed",
                "Die Arbeit der Netzwerke wird regelmäßig reflektiert und bewertet.",
                "The networks' work is reviewed and assessed regularly.",
            ),
            (
                "next-steps-followed",
                "Aus der Bewertung werden nächste Schritte abgeleitet und nachgehalten.",
                "Next steps are drawn from the assessment and followed up.",
            ),
            (
                "members-asked",
                "Die Mitglieder werden nach ihrer Zufriedenheit mit der Netzwerkarbeit gefragt.",
                "Members are asked how satisfied they are with the network's work.",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    theme_model = apps.get_model("kette_networks", "ChecklistTheme")
    item_model = apps.get_model("kette_networks", "ChecklistItem")
    position = 0
    for theme_position, (code, label_de, label_en, items) in enumerate(THEMES, 1):
        theme, _created = theme_model.objects.get_or_create(
            code=code,
            defaults={
                "label_de": label_de,
                "label_en": label_en,
                "position": theme_position,
            },
        )
        for item_code, item_de, item_en in items:
            position += 1
            item_model.objects.get_or_create(
                code=item_code,
                defaults={
                    "theme": theme,
                    "label_de": item_de,
                    "label_en": item_en,
                    "position": position,
                },
            )


def unseed(apps, schema_editor):
    apps.get_model("kette_networks", "ChecklistItem").objects.all().delete()
    apps.get_model("kette_networks", "ChecklistTheme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("kette_networks", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

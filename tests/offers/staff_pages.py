"""Helpers of the offer staff tests: reading forms back, URLs, fixtures, form data."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse


class FormFields(HTMLParser):
    """The values a browser would send, per POST form of the page."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("method") == "post"
            if self._in_form:
                self.forms.append([])
            return
        if not self._in_form:
            return
        values = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            values.append((a["name"], a.get("value", default)))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            values.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = self._text[1:] if self._text.startswith("\n") else self._text
            self.forms[-1].append((self._textarea, text))
            self._textarea = None


def fields_of(response) -> dict:
    """The page's biggest POST form (the offer form) as POST data."""
    parser = FormFields()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in max(parser.forms, key=len):
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data


def html(response) -> str:
    return response.content.decode()


def url(name: str, municipality, **kwargs) -> str:
    return reverse(
        f"offers_staff:{name}", kwargs={"municipality": municipality.slug, **kwargs}
    )


def post_data(organisation, **overrides) -> dict:
    data = {
        "organisation": str(organisation.pk),
        "title": "Hebammensprechstunde",
        "summary": "Beratung rund um Schwangerschaft und Geburt.",
        "description": "Offene Sprechstunde der Familienhebammen.",
        "from_pregnancy": "on",
        "max_years": "1",
        "fields_of_action": ["health"],
        "languages": ["de", "tr"],
        "cost": "free",
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-0-name": "Familienzentrum Mitte",
        "locations-0-street": "Marktstraße 1",
        "locations-0-postal_code": "46045",
        "locations-0-city": "Musterstadt",
        "locations-0-latitude": "51,405",
        "locations-0-longitude": "6.805",
        "weekly-TOTAL_FORMS": "1",
        "weekly-INITIAL_FORMS": "0",
        "weekly-0-weekday": "1",
        "weekly-0-opens_at": "09:00",
        "weekly-0-closes_at": "12:00",
        "weekly-0-location": "0",
        "dated-TOTAL_FORMS": "1",
        "dated-INITIAL_FORMS": "0",
        "dated-0-date": "2026-03-05",
        "dated-0-opens_at": "18:00",
        "dated-0-note": "Infoabend",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Anna Beispiel",
        "contacts-0-role": "Familienhebamme",
        "contacts-0-email": "anna@example.org",
        "save": "1",
    }
    data.update(overrides)
    return data

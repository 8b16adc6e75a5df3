"""German unless the visitor chose otherwise with the language switcher."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    """Activates the language from the cookie set by ``set_language``.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language:
    kette speaks German by default and English only when asked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.GET.get("lang") in self.supported:
            chosen = request.GET["lang"]
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        vary = response.headers.get("Vary", "")
        if "Cookie" not in vary:
            response.headers["Vary"] = f"{vary}, Cookie" if vary else "Cookie"
        translation.deactivate()
        return response

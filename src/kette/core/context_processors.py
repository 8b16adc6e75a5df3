from django.http import HttpRequest


def kette(request: HttpRequest) -> dict:
    return {"municipality": getattr(request, "municipality", None)}

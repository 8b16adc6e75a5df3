from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import selectors
from .tenancy import municipality_view


def home(request: HttpRequest) -> HttpResponse:
    municipalities = list(selectors.municipality_list())
    if len(municipalities) == 1:
        return redirect("core:municipality", municipality=municipalities[0].slug)
    return render(request, "kette_core/home.html", {"municipalities": municipalities})


@municipality_view()
def municipality_start(request: HttpRequest) -> HttpResponse:
    return render(request, "kette_core/municipality_start.html", {})

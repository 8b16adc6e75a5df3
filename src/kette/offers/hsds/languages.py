"""Language codes: HSDS gives ISO 639-1 or 639-3 (or a name); kette keeps 639-1."""

from __future__ import annotations

import re
from typing import Any

# ISO 639-2/B, 639-2/T and 639-3 codes of languages that have a 639-1 code,
# for the languages families in Germany most often speak (and a few more).
THREE_TO_TWO = dict(
    pair.split("=")
    for pair in """
deu=de ger=de eng=en tur=tr ara=ar arb=ar rus=ru ukr=uk pol=pl ron=ro rum=ro
bul=bg fas=fa per=fa pes=fa prs=fa kur=ku kmr=ku ckb=ku sqi=sq alb=sq srp=sr
hrv=hr bos=bs ell=el gre=el ita=it spa=es fra=fr fre=fr por=pt tir=ti som=so
vie=vi urd=ur pus=ps nld=nl dut=nl dan=da swe=sv nor=no nob=nb fin=fi ces=cs
cze=cs slk=sk slo=sk slv=sl hun=hu lit=lt lav=lv est=et mkd=mk mac=mk hye=hy
arm=hy kat=ka geo=ka aze=az uzb=uz kaz=kk tgk=tg heb=he hin=hi ben=bn pan=pa
tam=ta zho=zh chi=zh cmn=zh jpn=ja kor=ko tha=th ind=id msa=ms may=ms tgl=tl
amh=am orm=om swa=sw hau=ha yor=yo ibo=ig lin=ln wol=wo ful=ff kin=rw aar=aa
bel=be cat=ca eus=eu baq=eu glg=gl gle=ga isl=is ice=is lat=la ltz=lb mlt=mt
roh=rm ydd=yi yid=yi mon=mn nep=ne sin=si khm=km lao=lo mya=my bur=my div=dv
snd=sd kir=ky tuk=tk tat=tt uig=ug bak=ba che=ce epo=eo afr=af zul=zu xho=xh
""".split()
)
SEPARATORS = re.compile(r"[-_]")


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().split())


class LanguageMatcher:
    """Finds kette's language code for an HSDS language row."""

    def __init__(self, languages: dict[str, Any]) -> None:
        """``languages``: kette's Language terms by code."""
        self.codes = set(languages)
        self.names: dict[str, str] = {}
        for code, term in languages.items():
            for name in (term.label_de, term.label_en, term.native_name):
                for part in re.split(r"[(),/]", name or ""):
                    if part.strip():
                        self.names.setdefault(_fold(part), code)

    def iso_code(self, code: str | None) -> str | None:
        """The ISO 639-1 code for a 639-1/-2/-3 code or a tag like de-DE."""
        if not code:
            return None
        base = SEPARATORS.split(code.strip().lower(), maxsplit=1)[0]
        if len(base) == 2 and base.isalpha():
            return base
        return THREE_TO_TWO.get(base)

    def match(self, record: dict[str, Any]) -> str | None:
        """kette's code for the row, or None when kette does not list it."""
        code = self.iso_code(record.get("code"))
        if code in self.codes:
            return code
        if code is None and record.get("name"):
            found = self.names.get(_fold(record["name"]))
            if found:
                return found
            code = self.iso_code(record["name"])
            if code in self.codes:
                return code
        return None

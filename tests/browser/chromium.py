"""Headless Chromium from Debian's packages, driven by Selenium.

Browsers cannot be downloaded here, so the system's ``chromium`` and
``chromium-driver`` are used (``bash scripts/setup.sh test`` installs them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path(os.environ.get("KETTE_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("KETTE_CHROMEDRIVER", "/usr/bin/chromedriver"))
# Without the networking flags Chromium keeps calling home, which this
# machine's closed network refuses many times a second.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1024",
)
PAGE_LOAD_SECONDS = 30
MISSING = (
    "{what} not found at {path}: install Debian's chromium and chromium-driver "
    "with `bash scripts/setup.sh test` (or set {variable})."
)


def start_chromium(*, user_data_dir: Path, javascript: bool = True) -> WebDriver:
    """A fresh headless Chromium; fails the test clearly if it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            MISSING.format(what="Chromium", path=CHROMIUM, variable="KETTE_CHROMIUM")
        )
    if not CHROMEDRIVER.exists():
        pytest.fail(
            MISSING.format(
                what="ChromeDriver", path=CHROMEDRIVER, variable="KETTE_CHROMEDRIVER"
            )
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={user_data_dir}"):
        options.add_argument(flag)
    # The console, for the Content-Security-Policy violations Chromium reports.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(
        options=options, service=Service(executable_path=str(CHROMEDRIVER))
    )
    driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
    return driver


def rendering_problems(driver: WebDriver, url: str) -> list[str]:
    """Load ``url`` and say what is missing for a rendered page: <main>, <h1>.

    Meant for the browser without JavaScript: a page that builds its content
    in scripts has neither.
    """
    driver.get(url)
    problems = []
    mains = driver.find_elements(By.TAG_NAME, "main")
    if len(mains) != 1:
        problems.append(f"{len(mains)} <main> elements instead of one")
    headings = [
        (h.get_attribute("textContent") or "").strip()
        for h in driver.find_elements(By.TAG_NAME, "h1")
    ]
    if not any(headings):
        problems.append("no <h1> with text")
    return problems


def csp_violations(driver: WebDriver) -> list[str]:
    """What Chromium refused because of the Content-Security-Policy since the
    last call (reading the console empties it)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry.get("message", "")
    ]


def log_in(driver: WebDriver, base_url: str, user) -> None:
    """Give ``driver`` a session of ``user`` for the site at ``base_url``."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    driver.execute_cdp_cmd(
        "Network.setCookie",
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": session.value,
            "url": base_url,
            "path": "/",
            "httpOnly": True,
        },
    )

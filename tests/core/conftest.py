"""Fixtures of the core tests."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def write(tmp_path):
    """``write(content, name)``: a file holding JSON-ready data, text or bytes."""

    def write(content, name="districts.geojson"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write

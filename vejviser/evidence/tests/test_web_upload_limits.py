"""Uploads over the limits are refused before any parsing, with a clear message next to
the file field, and nothing is saved."""

from __future__ import annotations

import pytest

from vejviser.evidence.models import ValidationRun
from vejviser.kernel.tests.test_uploads import zip_bomb_xlsx

from .web import READMISSION, binary_data, upload, url


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return personas


def _refused(client, project, file):
    response = client.post(url(project, "new", kind="binary"), binary_data(file=file))
    assert response.status_code == 200
    assert not ValidationRun.objects.exists()
    return response.content.decode()


def test_a_zip_bomb_xlsx_is_refused_without_opening_it(
    client, alice, settings, tmp_path, monkeypatch
):
    import openpyxl  # type: ignore[import-untyped]

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a refused file")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    settings.VEJVISER_UPLOAD_MAX_UNPACKED_BYTES = 5_000_000
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", rows=40_000)
    page = _refused(client, alice.project, upload(bomb))
    assert "pakket ud" in page and "bomb.xlsx" in page


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(client, alice, settings):
    settings.VEJVISER_UPLOAD_MAX_BYTES = 10_000
    page = _refused(client, alice.project, upload(READMISSION))
    assert "der kan højst uploades 0,01 MB" in page


def test_a_csv_over_the_row_limit_is_refused(client, alice, settings):
    settings.VEJVISER_UPLOAD_MAX_ROWS = 1_000
    page = _refused(client, alice.project, upload(READMISSION))
    assert "højst uploades 1.000 rækker" in page

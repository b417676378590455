"""Fixtures for the estimation tests: the published tables used most often."""

from __future__ import annotations

import pytest

from gavah.estimate import CaptureTable

from .mse_data import published


@pytest.fixture
def kosovo() -> CaptureTable:
    """Kosovo 1999, four lists (Ball et al. 2002; LCMCR's ``kosovo_aggregate``)."""
    return published("kosovo_1999_lcmcr.csv")


@pytest.fixture
def uk5() -> CaptureTable:
    """UK modern slavery 2013, five lists (Silverman 2014; SparseMSE ``UKdat_5``)."""
    return published("uk_modern_slavery_2013_5lists.csv")

"""Units and officials need a name in at least one script."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import Official, Unit, UnitKind


def test_units_and_officials_need_a_name() -> None:
    with pytest.raises(InvariantError, match="needs a name"):
        Unit("u-1")
    with pytest.raises(InvariantError, match="needs a name"):
        Official("o-1")
    assert Unit("u-1", name_en="Provincial corps", kind=UnitKind.IRGC).name_fa is None
    assert Official("o-1", name_fa="فرمانده").name_en is None

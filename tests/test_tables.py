"""stargate.tables: data tables validated like facts, citing only facts the register holds."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from stargate import tables


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    fact_id: str


@pytest.fixture
def table_dir(tmp_path, monkeypatch):
    root = tmp_path / "tables"
    root.mkdir()
    monkeypatch.setattr(tables, "_table_path", lambda name: root / f"{name}.yaml")
    tables._raw.cache_clear()
    tables.load_table.cache_clear()
    yield root
    tables._raw.cache_clear()
    tables.load_table.cache_clear()


def test_rows_load_and_validate(table_dir):
    (table_dir / "t.yaml").write_text(
        "description: A test table.\nrows:\n  - {name: a, fact_id: sg_total_commitment}\n"
    )
    rows = tables.load_table("t", _Row)
    assert [r.name for r in rows] == ["a"]
    assert tables.describe_table("t") == "A test table."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rows: []\n", "'description'"),
        ("description: x\nrows: {}\n", "'description' and 'rows'"),
        ("description: x\nrows:\n  - {name: a}\n", "row 1: fact_id: Field required"),
        ("description: x\nrows:\n  - {name: a, fact_id: f, extra: 1}\n", "row 1: extra"),
        ("description: x\nrows:\n  - {name: a, fact_id: no_such_fact}\n", "unknown fact id"),
    ],
)
def test_bad_tables_name_file_and_row(table_dir, text, message):
    (table_dir / "t.yaml").write_text(text)
    with pytest.raises(tables.TableError, match=message) as info:
        tables.load_table("t", _Row)
    assert str(info.value).startswith("data/tables/t.yaml")

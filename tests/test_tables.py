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


# --------------------------------------------------------------------------- reader-visible texts


def test_declared_text_fields_exist_and_are_extracted():
    # Every declared field is a field of its table's rows (a typo would extract nothing), and
    # the extractor yields each text as written, placeholders unfilled.
    import io

    from stargate.present import i18n

    for name, fields in tables.TEXT_FIELDS.items():
        rows = tables._raw(name)["rows"]
        for field in fields:
            assert any(field in row for row in rows), f"{name}.{field}"
        texts = [text for _n, _f, text in tables.reader_texts(name)]
        assert texts and all(isinstance(t, str) and t for t in texts)
        data = io.BytesIO(b"")
        data.name = f"stargate/data/tables/{name}.yaml"
        extracted = [m for _l, _f, m, _c in i18n.extract_table_texts(data, [], [], {})]
        assert extracted == texts, name
    flows = [t for _n, f, t in tables.reader_texts("payment_flows") if f == "what"]
    assert "funding commitment (of which {oa_msft_invest_funded} funded by Sep 2025)" in flows


def test_reader_texts_lists_declared_fields_only(table_dir, monkeypatch):
    (table_dir / "t.yaml").write_text(
        "description: A test table.\nrows:\n"
        "  - {name: 'a {sg_total_commitment} plan', fact_id: sg_total_commitment}\n"
        "  - {name: '', fact_id: sg_total_commitment}\n"
    )
    assert tables.reader_texts("t") == []  # nothing declared: nothing readers see
    monkeypatch.setitem(tables.TEXT_FIELDS, "t", ("name",))
    assert tables.reader_texts("t") == [(1, "name", "a {sg_total_commitment} plan")]

"""The SQL fragments that differ between SQLite and PostgreSQL, for the Cypher compiler.

Value model: every compiled expression has a kind. Node/edge columns (id, label, name, type…) are
"text"; properties are "json" (SQLite: JSON text from `->`; PostgreSQL: jsonb); literals and
parameters keep their Python type ("text", "num", "bool", "null"). Comparisons convert a json value
to the other side's type with a type guard, so `n.tier = '1'` is false on both stores, and strings
compare byte-wise on both (PostgreSQL uses COLLATE "C").
"""

from __future__ import annotations


class SqlDialect:
    pg = False

    # --- literals --------------------------------------------------------------------------
    def text_param(self, marker: str) -> str:
        return marker

    def num_param(self, marker: str, is_float: bool) -> str:
        return marker

    def bool_param(self, marker: str) -> str:
        return marker

    def true(self) -> str:
        return "1"

    def false(self) -> str:
        return "0"

    # --- JSON ------------------------------------------------------------------------------
    def json_get(self, json_sql: str, key_marker: str) -> str:
        """The JSON value under one key (the marker binds the path/key parameter)."""
        return f"({json_sql} -> {key_marker})"

    def json_key(self, key: str) -> str:
        """The parameter value that json_get expects for a key."""
        return '$."' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def json_type(self, x: str) -> str:
        return f"json_type({x})"

    def is_string(self, x: str) -> str:
        return f"{self.json_type(x)} = 'text'"

    def is_number(self, x: str) -> str:
        return f"{self.json_type(x)} IN ('integer', 'real')"

    def is_array(self, x: str) -> str:
        return f"{self.json_type(x)} = 'array'"

    def is_bool(self, x: str) -> str:
        return f"{self.json_type(x)} IN ('true', 'false')"

    def scalar(self, x: str) -> str:
        return f"({x} ->> '$')"

    def as_text(self, x: str) -> str:
        return f"(CASE WHEN {self.is_string(x)} THEN {self.scalar(x)} END)"

    def as_num(self, x: str) -> str:
        return f"(CASE WHEN {self.is_number(x)} THEN {self.scalar(x)} END)"

    def as_bool(self, x: str) -> str:
        return f"(CASE {self.json_type(x)} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)"

    def text_to_json(self, x: str) -> str:
        # json_quote(NULL) is the JSON text 'null', not SQL NULL: keep NULL NULL (COALESCE).
        return f"(CASE WHEN ({x}) IS NULL THEN NULL ELSE json_quote({x}) END)"

    def num_to_json(self, x: str) -> str:
        return f"(CASE WHEN ({x}) IS NULL THEN NULL ELSE json_quote({x}) END)"

    def bool_to_json(self, x: str) -> str:
        return f"(CASE WHEN {x} THEN 'true' WHEN NOT ({x}) THEN 'false' END)"

    def json_object(self, pairs: list[tuple[str, str]], json_keys: set[str]) -> str:
        parts = ", ".join(f"'{k}', " + (f"json({v})" if k in json_keys else v) for k, v in pairs)
        return f"json_object({parts})"

    def json_array(self, items: list[str]) -> str:
        return "json_array(" + ", ".join(f"json({i})" for i in items) + ")"

    def array_contains(self, array_json: str, value_json: str) -> str:
        return (
            f"({self.is_array(array_json)} AND EXISTS (SELECT 1 FROM json_each({array_json}) j "
            f"WHERE ({array_json} -> j.fullkey) = {value_json}))"
        )

    def array_length(self, x: str) -> str:
        return f"json_array_length({x})"

    def collect(self, x: str, distinct: bool) -> str:
        d = "DISTINCT " if distinct else ""
        return f"('[' || COALESCE(group_concat({d}{x}), '') || ']')"

    # --- text ------------------------------------------------------------------------------
    def collate(self, x: str) -> str:
        return x

    def starts_with(self, a: str, b: str) -> str:
        return f"(substr({a}, 1, length({b})) = {b})"

    def ends_with(self, a: str, b: str) -> str:
        return f"(length({b}) = 0 OR substr({a}, -length({b})) = {b})"

    def contains(self, a: str, b: str) -> str:
        return f"(instr({a}, {b}) > 0)"

    def strpos(self, haystack: str, needle: str) -> str:
        return f"instr({haystack}, {needle})"

    def to_real(self, x: str) -> str:
        return f"CAST({x} AS REAL)"

    def edge_id_text(self, x: str) -> str:
        return f"CAST({x} AS TEXT)"

    def no_limit(self) -> int | None:
        return -1

    def limit_param(self, marker: str) -> str:
        return marker


class PgDialect(SqlDialect):
    pg = True

    def text_param(self, marker: str) -> str:
        return f"CAST({marker} AS text)"

    def num_param(self, marker: str, is_float: bool) -> str:
        return f"CAST({marker} AS {'double precision' if is_float else 'numeric'})"

    def bool_param(self, marker: str) -> str:
        return f"CAST({marker} AS boolean)"

    def true(self) -> str:
        return "TRUE"

    def false(self) -> str:
        return "FALSE"

    def json_get(self, json_sql: str, key_marker: str) -> str:
        return f"({json_sql} -> CAST({key_marker} AS text))"

    def json_key(self, key: str) -> str:
        return key

    def json_type(self, x: str) -> str:
        return f"jsonb_typeof({x})"

    def is_string(self, x: str) -> str:
        return f"{self.json_type(x)} = 'string'"

    def is_number(self, x: str) -> str:
        return f"{self.json_type(x)} = 'number'"

    def is_bool(self, x: str) -> str:
        return f"{self.json_type(x)} = 'boolean'"

    def scalar(self, x: str) -> str:
        return f"({x} #>> '{{}}')"

    def as_text(self, x: str) -> str:
        return f'(CASE WHEN {self.is_string(x)} THEN {self.scalar(x)} END) COLLATE "C"'

    def as_num(self, x: str) -> str:
        return f"(CASE WHEN {self.is_number(x)} THEN CAST({self.scalar(x)} AS numeric) END)"

    def as_bool(self, x: str) -> str:
        return (
            f"(CASE WHEN {self.json_type(x)} = 'boolean' "
            f"THEN CAST({self.scalar(x)} AS boolean) END)"
        )

    def text_to_json(self, x: str) -> str:
        return f"to_jsonb(CAST({x} AS text))"

    def num_to_json(self, x: str) -> str:
        return f"to_jsonb({x})"

    def bool_to_json(self, x: str) -> str:
        return f"to_jsonb({x})"

    def json_object(self, pairs: list[tuple[str, str]], json_keys: set[str]) -> str:
        return "jsonb_build_object(" + ", ".join(f"'{k}', {v}" for k, v in pairs) + ")"

    def json_array(self, items: list[str]) -> str:
        return "jsonb_build_array(" + ", ".join(items) + ")"

    def array_contains(self, array_json: str, value_json: str) -> str:
        return (
            f"({self.is_array(array_json)} AND EXISTS (SELECT 1 FROM jsonb_array_elements("
            f"CASE WHEN {self.is_array(array_json)} THEN {array_json} ELSE '[]'::jsonb END) "
            f"j(v) WHERE j.v = {value_json}))"
        )

    def is_array(self, x: str) -> str:
        return f"{self.json_type(x)} = 'array'"

    def array_length(self, x: str) -> str:
        return f"jsonb_array_length({x})"

    def collect(self, x: str, distinct: bool) -> str:
        d = "DISTINCT " if distinct else ""
        return f"COALESCE(jsonb_agg({d}{x}) FILTER (WHERE {x} IS NOT NULL), '[]'::jsonb)"

    def collate(self, x: str) -> str:
        return f'({x}) COLLATE "C"'

    def starts_with(self, a: str, b: str) -> str:
        return f"starts_with({a}, {b})"

    def ends_with(self, a: str, b: str) -> str:
        return f"(right({a}, length({b})) = {b})"

    def contains(self, a: str, b: str) -> str:
        return f"(strpos({a}, {b}) > 0)"

    def strpos(self, haystack: str, needle: str) -> str:
        return f"strpos({haystack}, {needle})"

    def to_real(self, x: str) -> str:
        return f"CAST({x} AS double precision)"

    def edge_id_text(self, x: str) -> str:
        return f"CAST({x} AS text)"

    def no_limit(self) -> int | None:
        return None

    def limit_param(self, marker: str) -> str:
        return f"CAST({marker} AS bigint)"

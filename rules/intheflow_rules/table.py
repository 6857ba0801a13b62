"""Decision tables compiled into an evaluation plan.

Rows are bits of Python ints. Each input column becomes a function from the input value to the
mask of rows whose cell may match:
  * constants (strings, bools, null) go into a hash index: key -> mask;
  * numeric tests (points, comparisons, ranges) become sorted elementary segments: the value is
    located with one binary search and the segment's precomputed mask is returned;
  * empty cells are in every column's `any` mask; other cells ("generic") are in a `maybe` mask
    and are tested only for rows still standing after the indexed columns were ANDed.
So a fully indexed table decides all its rows with a handful of dict lookups, bisects and ANDs,
whatever its size. Hit policy `first` stops at the lowest surviving row; `collect` walks the
survivors in row order.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from intheflow_rules.cells import Cell
from intheflow_rules.errors import EvalError, Location, Problem
from intheflow_rules.nodes import Env, Node
from intheflow_rules.values import Range, index_key


def lookup(root: dict[str, object], path: list[str]) -> object:
    cur: object = root
    for part in path:
        if isinstance(cur, dict):
            cur = cur.get(part)
        else:
            return None
    return cur


def assign(out: dict[str, object], path: list[str], value: object) -> None:
    cur = out
    for part in path[:-1]:
        nxt = cur.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            cur[part] = nxt
        cur = nxt
    cur[path[-1]] = value


class Column:
    def __init__(self, field: str | None, cells: list[Cell]) -> None:
        self.field = field
        self.path: list[str] = field.split(".") if field else []
        self.cells = cells
        self.any_mask = 0
        self.maybe_mask = 0
        self.hash: dict[object, int] = {}
        self.bounds: list[Decimal] = []
        self.segments: list[int] = []
        self.build()

    def build(self) -> None:
        row_intervals: list[tuple[int, list[Range]]] = []
        points: set[Decimal] = set()
        for r, cell in enumerate(self.cells):
            bit = 1 << r
            if cell.is_any:
                self.any_mask |= bit
                continue
            if not cell.indexable:
                self.maybe_mask |= bit
                continue
            for key in cell.keys_before_first_interval():
                self.hash[key] = self.hash.get(key, 0) | bit
            ivs = cell.intervals()
            if ivs:
                row_intervals.append((r, ivs))
                for iv in ivs:
                    if iv.lo.is_finite():
                        points.add(iv.lo)
                    if iv.hi.is_finite():
                        points.add(iv.hi)
        self.bounds = sorted(points)
        nseg = 2 * len(self.bounds) + 1
        # Segment 2i+1 is the point bounds[i]; segment 2i is the open gap before it.
        toggles = [0] * (nseg + 1)
        for r, ivs in row_intervals:
            spans = sorted(self.span(iv) for iv in ivs)
            merged: list[list[int]] = []
            for s, e in spans:
                if s > e:
                    continue
                if merged and s <= merged[-1][1] + 1:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            bit = 1 << r
            for s, e in merged:
                toggles[s] ^= bit
                toggles[e + 1] ^= bit
        acc = 0
        self.segments = []
        for k in range(nseg):
            acc ^= toggles[k]
            self.segments.append(acc)

    def span(self, iv: Range) -> tuple[int, int]:
        """The first and last segment index covered by the interval."""
        if iv.lo.is_finite():
            i = bisect_left(self.bounds, iv.lo)
            s = 2 * i + 1 if iv.lo_closed else 2 * i + 2
        else:
            s = 0
        if iv.hi.is_finite():
            j = bisect_left(self.bounds, iv.hi)
            e = 2 * j + 1 if iv.hi_closed else 2 * j
        else:
            e = 2 * len(self.bounds)
        return s, e

    def mask(self, v: object) -> int:
        base = self.any_mask | self.maybe_mask
        if isinstance(v, Decimal):
            if not self.segments:
                return base
            i = bisect_left(self.bounds, v)
            if i < len(self.bounds) and self.bounds[i] == v:
                return base | self.segments[2 * i + 1]
            return base | self.segments[2 * i]
        return base | self.hash.get(index_key(v), 0)


class Output:
    def __init__(self, field: str, node: Node | None, constant: object) -> None:
        self.field = field
        self.path = field.split(".")
        self.node = node  # None: the cell was empty (the output is null)
        self.constant = constant
        self.is_constant = node is None


class Row:
    def __init__(self, rid: str, outputs: list[Output], generic: list[int]) -> None:
        self.rid = rid
        self.outputs = outputs
        self.generic = generic  # column indexes whose cell must be tested for this row


class DecisionTable:
    def __init__(
        self,
        name: str,
        hit_policy: str,
        columns: list[Column],
        rows: list[Row],
        location: Location,
    ) -> None:
        self.name = name
        self.hit_policy = hit_policy
        self.columns = columns
        self.rows = rows
        self.location = location
        # DMN UNIQUE: overlapping rows are a modelling error, not just a priority choice.
        self.unique = False
        self.all_mask = (1 << len(rows)) - 1
        self.generic_rows = 0
        for r, row in enumerate(rows):
            if row.generic:
                self.generic_rows |= 1 << r
        # Indexed columns first; columns with only generic cells add nothing to the mask.
        self.indexed = [c for c in columns if c.maybe_mask != self.all_mask]

    def candidates(self, root: dict[str, object]) -> int:
        cand = self.all_mask
        for col in self.indexed:
            if col.path:
                cand &= col.mask(lookup(root, col.path))
            else:
                cand &= col.any_mask | col.maybe_mask
            if not cand:
                break
        return cand

    def row_matches(self, r: int, root: dict[str, object], env: Env) -> bool:
        for c in self.rows[r].generic:
            col = self.columns[c]
            v = lookup(root, col.path) if col.path else None
            if not col.cells[r].matches(v, env):
                return False
        return True

    def outputs(self, r: int, env: Env, keep_null: bool) -> dict[str, object] | None:
        """The row's outputs, or None when one fails: zen then skips the row."""
        out: dict[str, object] = {}
        env.dollar = None
        for o in self.rows[r].outputs:
            if o.is_constant:
                value = o.constant
            else:
                node = o.node
                assert node is not None
                try:
                    value = node.eval(env)
                except (EvalError, ArithmeticError) as exc:
                    env.errors.append(
                        f"{self.name or 'table'}: rule {self.rows[r].rid} skipped: "
                        f"output `{o.field}`: {exc}"
                    )
                    return None
            if value is None and not keep_null:
                continue
            assign(out, o.path, value)
        return out

    def _take_match(self, cand: int, root: dict[str, object], env: Env) -> tuple[int, int]:
        """Pop candidate rows, lowest first, until one matches: (that row or -1, the rest)."""
        generic = self.generic_rows
        while cand:
            low = cand & -cand
            cand ^= low
            r = low.bit_length() - 1
            if not (generic & low) or self.row_matches(r, root, env):
                return r, cand
        return -1, 0

    def evaluate(self, root: dict[str, object], errors: list[str] | None = None) -> object:
        env = Env(root, None, errors)
        collect = self.hit_policy == "collect"
        results: list[object] = []
        r, cand = self._take_match(self.candidates(root), root, env)
        while r >= 0:
            produced = self.outputs(r, env, collect)
            if produced is not None:
                if not collect:
                    return produced
                results.append(produced)
            r, cand = self._take_match(cand, root, env)
        return results if collect else {}

    def matching_rows(self, root: dict[str, object]) -> list[int]:
        env = Env(root)
        out: list[int] = []
        r, cand = self._take_match(self.candidates(root), root, env)
        while r >= 0:
            out.append(r)
            r, cand = self._take_match(cand, root, env)
        return out

    def lint(self, row_locations: list[Location], max_pairs: int = 200_000) -> list[Problem]:
        """Rows that can never match; in `first` tables, rows shadowed by or overlapping an
        earlier row."""
        problems: list[Problem] = []
        n = len(self.rows)
        for r in range(n):
            for col in self.columns:
                if not col.cells[r].can_match():
                    problems.append(
                        Problem(
                            "warning",
                            "rule-never-matches",
                            f"row {r + 1} ({self.rows[r].rid}) can never match: "
                            f"`{col.cells[r].text}` is empty for {col.field or 'its column'}",
                            row_locations[r],
                        )
                    )
                    break
        if self.hit_policy != "first" or n * n // 2 > max_pairs:
            return problems
        for j in range(n):
            for i in range(j):
                rel = self.relation(i, j)
                if rel == 2:
                    problems.append(
                        Problem(
                            "warning",
                            "rule-unreachable",
                            f"row {j + 1} ({self.rows[j].rid}) is unreachable: row {i + 1} "
                            f"({self.rows[i].rid}) matches every input it matches (hit policy "
                            "first)",
                            row_locations[j],
                        )
                    )
                    break
                if rel == 1:
                    problems.append(
                        Problem(
                            "warning" if self.unique else "info",
                            "rule-overlap",
                            f"row {j + 1} ({self.rows[j].rid}) overlaps row {i + 1} "
                            f"({self.rows[i].rid})"
                            + (
                                "; hit policy UNIQUE allows one match"
                                if self.unique
                                else "; with hit policy first the earlier row wins"
                            ),
                            row_locations[j],
                        )
                    )
                    break
        return problems

    def relation(self, i: int, j: int) -> int:
        """0: rows i and j are disjoint; 1: they overlap; 2: row i covers row j."""
        covers = True
        for col in self.columns:
            a = col.cells[i]
            b = col.cells[j]
            if a.is_any:
                continue
            if b.is_any:
                covers = False
                continue
            if not (a.indexable and b.indexable):
                if _excludes(a, b) or _excludes(b, a):
                    return 0
                if a.text.strip() != b.text.strip():
                    covers = False
                continue
            ka = set(a.keys_before_first_interval())
            kb = set(b.keys_before_first_interval())
            ia = a.intervals()
            ib = b.intervals()
            meet = bool(ka & kb) or any(_meet(x, y) for x in ia for y in ib)
            if not meet:
                return 0
            if not (kb <= ka and all(any(_within(y, x) for x in ia) for y in ib)):
                covers = False
        return 2 if covers else 1


def _excludes(neg: Cell, other: Cell) -> bool:
    """`not in ["x"]` against `"x"`: the two cells never match the same value."""
    excluded = neg.excluded_keys()
    if excluded is None or not other.indexable or other.is_any or other.intervals():
        return False
    keys = other.keys_before_first_interval()
    return bool(keys) and all(k in excluded for k in keys)


def _meet(a: Range, b: Range) -> bool:
    if a.hi < b.lo or b.hi < a.lo:
        return False
    if a.hi == b.lo and not (a.hi_closed and b.lo_closed):
        return False
    return not (b.hi == a.lo and not (b.hi_closed and a.lo_closed))


def _within(inner: Range, outer: Range) -> bool:
    lo_ok = outer.lo < inner.lo or (
        outer.lo == inner.lo and (outer.lo_closed or not inner.lo_closed)
    )
    hi_ok = inner.hi < outer.hi or (
        inner.hi == outer.hi and (outer.hi_closed or not inner.hi_closed)
    )
    return lo_ok and hi_ok

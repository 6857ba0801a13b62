"""The syntax tree of an expression. Each node evaluates itself (`eval`) and infers its static type
(`infer`) so type errors and unknown names are found when the rules are loaded, not at run time.

Static types are strings: number, string, bool, null, list, object, range, any.
"""

from __future__ import annotations

from decimal import Decimal

from intheflow_rules.errors import EvalError
from intheflow_rules.functions import BUILTINS, Builtin
from intheflow_rules.lexer import ExprError
from intheflow_rules.values import ZERO, RangeSet, equal, num, range_parts, type_name


class Env:
    """What names resolve to during one evaluation."""

    def __init__(
        self, root: dict[str, object], dollar: object = None, errors: list[str] | None = None
    ) -> None:
        self.root = root
        self.dollar = dollar
        self.item: object = None
        # Rule-level failures that do not stop the evaluation (a skipped row), for the caller.
        self.errors: list[str] = [] if errors is None else errors


class Checker:
    """Load-time checks: unknown functions, arity, argument types, unknown names."""

    def __init__(self, known_names: set[str] | None = None, dollar_allowed: bool = True) -> None:
        self.known_names = known_names
        self.dollar_allowed = dollar_allowed
        self.closure_depth = 0
        self.errors: list[ExprError] = []

    def error(self, message: str, offset: int) -> None:
        self.errors.append(ExprError(message, offset, "expr-type"))


def _compatible(actual: str, wanted: str) -> bool:
    return actual == "any" or wanted == "any" or actual in wanted.split("|")


class Node:
    start: int = 0

    def eval(self, env: Env) -> object:
        raise NotImplementedError

    def infer(self, ck: Checker) -> str:
        return "any"

    def refs_dollar(self) -> bool:
        return False


class Lit(Node):
    def __init__(self, value: object, start: int) -> None:
        self.value = value
        self.start = start

    def eval(self, env: Env) -> object:
        return self.value

    def infer(self, ck: Checker) -> str:
        return type_name(self.value)


class Name(Node):
    """A root name from the input (`customer`), `$` or `#`."""

    def __init__(self, name: str, start: int) -> None:
        self.name = name
        self.start = start

    def eval(self, env: Env) -> object:
        if self.name == "$":
            return env.dollar
        if self.name == "#":
            return env.item
        return env.root.get(self.name)

    def infer(self, ck: Checker) -> str:
        if self.name == "$":
            if not ck.dollar_allowed:
                ck.error(
                    "`$` is only available in decision-table cells and expression nodes", self.start
                )
        elif self.name == "#":
            if ck.closure_depth == 0:
                ck.error(
                    "`#` is only available inside a closure such as map(list, # * 2)", self.start
                )
        elif ck.known_names is not None and self.name not in ck.known_names:
            known = ", ".join(sorted(ck.known_names)) or "none"
            ck.error(f"unknown name `{self.name}` (known: {known})", self.start)
        return "any"

    def refs_dollar(self) -> bool:
        return self.name == "$"


class Member(Node):
    def __init__(self, target: Node, key: str, start: int) -> None:
        self.target = target
        self.key = key
        self.start = start

    def eval(self, env: Env) -> object:
        obj = self.target.eval(env)
        if isinstance(obj, dict):
            return obj.get(self.key)
        return None

    def infer(self, ck: Checker) -> str:
        t = self.target.infer(ck)
        if t not in ("any", "object", "null"):
            ck.error(f"`.{self.key}` on a {t}", self.start)
        return "any"

    def refs_dollar(self) -> bool:
        return self.target.refs_dollar()


class Index(Node):
    def __init__(self, target: Node, index: Node, start: int) -> None:
        self.target = target
        self.index = index
        self.start = start

    def eval(self, env: Env) -> object:
        obj = self.target.eval(env)
        idx = self.index.eval(env)
        if isinstance(obj, (list, str)) and isinstance(idx, Decimal):
            i = int(idx)
            if i < 0:
                i += len(obj)
            return obj[i] if 0 <= i < len(obj) else None
        if isinstance(obj, dict) and isinstance(idx, str):
            return obj.get(idx)
        return None

    def infer(self, ck: Checker) -> str:
        self.target.infer(ck)
        self.index.infer(ck)
        return "any"

    def refs_dollar(self) -> bool:
        return self.target.refs_dollar() or self.index.refs_dollar()


class ListLit(Node):
    def __init__(self, items: list[Node], start: int) -> None:
        self.items = items
        self.start = start

    def eval(self, env: Env) -> object:
        return [i.eval(env) for i in self.items]

    def infer(self, ck: Checker) -> str:
        for i in self.items:
            i.infer(ck)
        return "list"

    def refs_dollar(self) -> bool:
        return any(i.refs_dollar() for i in self.items)


class ObjectLit(Node):
    def __init__(self, keys: list[str], values: list[Node], start: int) -> None:
        self.keys = keys
        self.values = values
        self.start = start

    def eval(self, env: Env) -> object:
        return {k: v.eval(env) for k, v in zip(self.keys, self.values, strict=True)}

    def infer(self, ck: Checker) -> str:
        for v in self.values:
            v.infer(ck)
        return "object"

    def refs_dollar(self) -> bool:
        return any(v.refs_dollar() for v in self.values)


class RangeLit(Node):
    def __init__(self, lo: Node, hi: Node, open_br: str, close_br: str, start: int) -> None:
        self.lo = lo
        self.hi = hi
        self.open_br = open_br
        self.close_br = close_br
        self.start = start

    def eval(self, env: Env) -> object:
        lo = num(self.lo.eval(env), "range")
        hi = num(self.hi.eval(env), "range")
        return RangeSet(range_parts(lo, hi, self.open_br, self.close_br))

    def infer(self, ck: Checker) -> str:
        for end in (self.lo, self.hi):
            t = end.infer(ck)
            if not _compatible(t, "number"):
                ck.error(f"range bounds must be numbers, got {t}", end.start)
        return "range"

    def refs_dollar(self) -> bool:
        return self.lo.refs_dollar() or self.hi.refs_dollar()


class Template(Node):
    def __init__(self, parts: list[Node], start: int) -> None:
        self.parts = parts
        self.start = start

    def eval(self, env: Env) -> object:
        out: list[str] = []
        for p in self.parts:
            v = p.eval(env)
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, Decimal):
                out.append(format(v, "f"))
            elif isinstance(v, bool):
                out.append("true" if v else "false")
            elif v is None:
                out.append("null")
            else:
                raise EvalError(f"cannot put a {type_name(v)} in a template")
        return "".join(out)

    def infer(self, ck: Checker) -> str:
        for p in self.parts:
            p.infer(ck)
        return "string"

    def refs_dollar(self) -> bool:
        return any(p.refs_dollar() for p in self.parts)


class Neg(Node):
    def __init__(self, operand: Node, start: int) -> None:
        self.operand = operand
        self.start = start

    def eval(self, env: Env) -> object:
        return -num(self.operand.eval(env), "-")

    def infer(self, ck: Checker) -> str:
        t = self.operand.infer(ck)
        if not _compatible(t, "number"):
            ck.error(f"unary `-` needs a number, got {t}", self.start)
        return "number"

    def refs_dollar(self) -> bool:
        return self.operand.refs_dollar()


class Not(Node):
    def __init__(self, operand: Node, start: int) -> None:
        self.operand = operand
        self.start = start

    def eval(self, env: Env) -> object:
        v = self.operand.eval(env)
        if isinstance(v, bool):
            return not v
        raise EvalError(f"not: expected a bool, got {type_name(v)}")

    def infer(self, ck: Checker) -> str:
        t = self.operand.infer(ck)
        if not _compatible(t, "bool"):
            ck.error(f"`not` needs a bool, got {t}", self.start)
        return "bool"

    def refs_dollar(self) -> bool:
        return self.operand.refs_dollar()


ARITH = frozenset({"+", "-", "*", "/", "%", "^"})
ORDER = frozenset({"<", ">", "<=", ">="})


class Pair(Node):
    """A node with two operands; the binary operators below share this shape."""

    def __init__(self, left: Node, right: Node, start: int) -> None:
        self.left = left
        self.right = right
        self.start = start

    def refs_dollar(self) -> bool:
        return self.left.refs_dollar() or self.right.refs_dollar()


def _infer_logic(node: Pair, ck: Checker, word: str) -> str:
    lt = node.left.infer(ck)
    if not _compatible(lt, "bool"):
        ck.error(f"`{word}` needs bools, got {lt}", node.left.start)
    node.right.infer(ck)
    return "bool"


class Binary(Pair):
    def __init__(self, op: str, left: Node, right: Node, start: int) -> None:
        super().__init__(left, right, start)
        self.op = op

    def eval(self, env: Env) -> object:
        op = self.op
        a = self.left.eval(env)
        b = self.right.eval(env)
        if op == "==":
            return equal(a, b)
        if op == "!=":
            return not equal(a, b)
        if op == "+" and isinstance(a, str) and isinstance(b, str):
            return a + b
        x = num(a, op)
        y = num(b, op)
        if op == "<":
            return x < y
        if op == ">":
            return x > y
        if op == "<=":
            return x <= y
        if op == ">=":
            return x >= y
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            return None if y == ZERO else x / y
        if op == "%":
            return None if y == ZERO else x % y
        if op == "^":
            try:
                return x**y
            except ArithmeticError:
                raise EvalError("^: result is not a real number") from None
        raise EvalError(f"unknown operator {op}")

    def infer(self, ck: Checker) -> str:
        lt = self.left.infer(ck)
        rt = self.right.infer(ck)
        op = self.op
        if op in ("==", "!="):
            return "bool"
        if op == "+" and (lt == "string" or rt == "string"):
            if not (_compatible(lt, "string") and _compatible(rt, "string")):
                ck.error(f"`+` cannot add {lt} and {rt}", self.start)
            return "string"
        for t, node in ((lt, self.left), (rt, self.right)):
            if not _compatible(t, "number"):
                ck.error(f"`{op}` needs numbers, got {t}", node.start)
        return "bool" if op in ORDER else "number"


class In(Pair):
    def __init__(self, left: Node, right: Node, negate: bool, start: int) -> None:
        super().__init__(left, right, start)
        self.negate = negate

    def eval(self, env: Env) -> object:
        a = self.left.eval(env)
        b = self.right.eval(env)
        if isinstance(b, RangeSet):
            found = b.contains(num(a, "in"))
        elif isinstance(b, list):
            if isinstance(a, (list, dict)):
                raise EvalError(f"in: cannot look for a {type_name(a)} in a list")
            found = any(equal(a, v) for v in b)
        else:
            raise EvalError(f"in: expected a list or range, got {type_name(b)}")
        return found != self.negate

    def infer(self, ck: Checker) -> str:
        lt = self.left.infer(ck)
        rt = self.right.infer(ck)
        if not _compatible(rt, "list|range"):
            ck.error(f"`in` needs a list or a range on the right, got {rt}", self.right.start)
        elif rt == "range" and not _compatible(lt, "number"):
            ck.error(f"a range only contains numbers, got {lt}", self.left.start)
        return "bool"


class And(Pair):
    def eval(self, env: Env) -> object:
        a = self.left.eval(env)
        if a is False:
            return False
        if a is True:
            return self.right.eval(env)
        raise EvalError(f"and: expected a bool, got {type_name(a)}")

    def infer(self, ck: Checker) -> str:
        return _infer_logic(self, ck, "and")


class Or(Pair):
    def eval(self, env: Env) -> object:
        a = self.left.eval(env)
        if a is True:
            return True
        if a is False:
            return self.right.eval(env)
        raise EvalError(f"or: expected a bool, got {type_name(a)}")

    def infer(self, ck: Checker) -> str:
        return _infer_logic(self, ck, "or")


class Coalesce(Pair):
    def eval(self, env: Env) -> object:
        a = self.left.eval(env)
        return self.right.eval(env) if a is None else a

    def infer(self, ck: Checker) -> str:
        self.left.infer(ck)
        self.right.infer(ck)
        return "any"


class Cond(Node):
    def __init__(self, test: Node, then: Node, other: Node, start: int) -> None:
        self.test = test
        self.then = then
        self.other = other
        self.start = start

    def eval(self, env: Env) -> object:
        t = self.test.eval(env)
        if t is True:
            return self.then.eval(env)
        if t is False or t is None:
            return self.other.eval(env)
        raise EvalError(f"?: expected a bool condition, got {type_name(t)}")

    def infer(self, ck: Checker) -> str:
        t = self.test.infer(ck)
        if not _compatible(t, "bool|null"):
            ck.error(f"the condition of `?:` must be a bool, got {t}", self.test.start)
        a = self.then.infer(ck)
        b = self.other.infer(ck)
        return a if a == b else "any"

    def refs_dollar(self) -> bool:
        return self.test.refs_dollar() or self.then.refs_dollar() or self.other.refs_dollar()


class Call(Node):
    def __init__(self, name: str, fn: Builtin | None, args: list[Node], start: int) -> None:
        self.name = name
        self.fn = fn
        self.args = args
        self.start = start

    def eval(self, env: Env) -> object:
        fn = self.fn
        if fn is None:
            raise EvalError(f"unknown function {self.name}")
        if fn.closure:
            return self.eval_closure(env)
        impl = fn.impl
        assert impl is not None
        return impl([a.eval(env) for a in self.args])

    def eval_closure(self, env: Env) -> object:
        items = self.args[0].eval(env)
        if not isinstance(items, list):
            raise EvalError(f"{self.name}: expected a list, got {type_name(items)}")
        body = self.args[1]
        saved = env.item
        results: list[object] = []
        try:
            for item in items:
                env.item = item
                results.append(body.eval(env))
        finally:
            env.item = saved
        name = self.name
        if name == "map":
            return results
        if name == "filter":
            return [i for i, r in zip(items, results, strict=True) if r is True]
        if name == "count":
            return Decimal(sum(1 for r in results if r is True))
        if name == "all":
            return all(r is True for r in results)
        if name == "some":
            return any(r is True for r in results)
        if name == "none":
            return not any(r is True for r in results)
        if name == "one":
            return sum(1 for r in results if r is True) == 1
        raise EvalError(f"unknown closure function {name}")

    def infer(self, ck: Checker) -> str:
        fn = self.fn
        if fn is None:
            known = ", ".join(sorted(BUILTINS))
            ck.error(f"unknown function `{self.name}` (known: {known})", self.start)
            for a in self.args:
                a.infer(ck)
            return "any"
        n = len(self.args)
        if n < fn.min_args or n > fn.max_args:
            want = (
                str(fn.min_args) if fn.min_args == fn.max_args else f"{fn.min_args}-{fn.max_args}"
            )
            ck.error(f"`{self.name}` takes {want} argument(s), got {n}", self.start)
        for a, wanted in zip(self.args, fn.arg_types, strict=False):
            if wanted == "closure":
                ck.closure_depth += 1
                a.infer(ck)
                ck.closure_depth -= 1
                continue
            t = a.infer(ck)
            if not _compatible(t, wanted):
                ck.error(f"`{self.name}` expects {wanted.replace('|', ' or ')}, got {t}", a.start)
        return fn.result

    def refs_dollar(self) -> bool:
        return any(a.refs_dollar() for a in self.args)

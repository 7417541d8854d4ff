"""A small, safe expression language for rule conditions (pure: no Django import).

Rules and visibility conditions in ``content/assessments/*.yaml`` are written as short
expressions that a lawyer can read::

    annex_iii_area != "none" and (profiling or art6_3_exception == "none")
    count(evaluation_scoring, automated_decision, sensitive_data) >= 2
    which(evaluation_scoring, sensitive_data)    # the names of those that are true
    estimated_value_dkk >= threshold.dkk

The text is tokenised and parsed into a tree here; nothing is ever passed to Python's
``eval``. Only names, literals, ``and or not``, comparisons (``== != < <= > >= in``,
``not in``), ``+ - * /`` and the functions in :data:`FUNCTIONS` exist.

Missing values are ``None`` (a question that is not shown and has no default). They never
raise: ``None`` is false, an ordering comparison with ``None`` is false, and arithmetic
with ``None`` gives ``None``. So a rule over an unanswered question simply does not fire.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class ExprError(ValueError):
    """A syntax error in an expression, with the character position."""

    def __init__(self, message: str, source: str, pos: int) -> None:
        self.pos = pos
        super().__init__(f"{message} at position {pos + 1} in {source!r}")


@dataclass(frozen=True)
class Lit:
    value: Any


@dataclass(frozen=True)
class Name:
    path: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.path[0]


@dataclass(frozen=True)
class ListExpr:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Call:
    fn: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary:
    op: str  # "not" or "-"
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


Node = Lit | Name | ListExpr | Call | Unary | Binary


def _count(*args: Any) -> int:
    return sum(1 for a in args if a)


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def _num(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        if not args or any(not _is_number(a) for a in args):
            return None
        return fn(*args)

    return wrapped


def _len(value: Any) -> int | None:
    return len(value) if isinstance(value, list) else None


#: The only functions an expression may call. ``which(a, b, …)`` is special: it gives
#: the *names* of its arguments that are true (see :func:`evaluate`).
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "which": _count,  # never called: evaluate() returns the argument names
    "len": _len,
    "count": _count,  # how many of the arguments are true
    "abs": _num(abs),
    "min": _num(min),
    "max": _num(max),
    "date": _date,  # date("2026-08-02")
}

_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d[\d_]*(?:\.\d+)?)
  | (?P<string>"[^"\\]*"|'[^'\\]*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # number, string, name, kw, op, end
    text: str
    pos: int


def _tokenise(source: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ExprError(f"unexpected character {source[pos]!r}", source, pos)
        kind = m.lastgroup or ""
        text = m.group()
        if kind == "name" and text in _KEYWORDS:
            kind = "kw"
        if kind != "ws":
            tokens.append(_Tok(kind, text, pos))
        pos = m.end()
    tokens.append(_Tok("end", "", len(source)))
    return tokens


class _Parser:
    """Recursive descent: or > and > not > comparison > sum > product > unary > atom."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenise(source)
        self.i = 0

    @property
    def tok(self) -> _Tok:
        return self.tokens[self.i]

    def error(self, message: str) -> ExprError:
        return ExprError(message, self.source, self.tok.pos)

    def accept(self, *texts: str) -> bool:
        if self.tok.kind in ("op", "kw") and self.tok.text in texts:
            self.i += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            raise self.error(f"expected {text!r}")

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise self.error("empty expression")
        node = self.or_()
        if self.tok.kind != "end":
            raise self.error(f"unexpected {self.tok.text!r}")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.accept("or"):
            node = Binary("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.accept("and"):
            node = Binary("and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.accept("not"):
            return Unary("not", self.not_())
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum_()
        for op in ("==", "!=", "<=", ">=", "<", ">", "in"):
            if self.accept(op):
                return Binary(op, left, self.sum_())
        if self.tok.text == "not" and self.tokens[self.i + 1].text == "in":
            self.i += 2
            return Binary("not in", left, self.sum_())
        return left

    def sum_(self) -> Node:
        node = self.product()
        while self.tok.kind == "op" and self.tok.text in "+-":
            op = self.tok.text
            self.i += 1
            node = Binary(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in "*/":
            op = self.tok.text
            self.i += 1
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.accept("-"):
            return Unary("-", self.unary())
        return self.atom()

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind == "number":
            self.i += 1
            text = tok.text.replace("_", "")
            return Lit(float(text) if "." in text else int(text))
        if tok.kind == "string":
            self.i += 1
            return Lit(tok.text[1:-1])
        if tok.kind == "kw" and tok.text in ("true", "false", "null"):
            self.i += 1
            return Lit({"true": True, "false": False, "null": None}[tok.text])
        if tok.kind == "name":
            self.i += 1
            if self.accept("("):
                if tok.text not in FUNCTIONS:
                    raise ExprError(f"unknown function {tok.text!r}", self.source, tok.pos)
                return Call(tok.text, self.items(")"))
            return Name(tuple(tok.text.split(".")))
        if self.accept("("):
            node = self.or_()
            self.expect(")")
            return node
        if self.accept("["):
            return ListExpr(self.items("]"))
        raise self.error(f"unexpected {tok.text or 'end of expression'!r}")

    def items(self, close: str) -> tuple[Node, ...]:
        items: list[Node] = []
        if self.accept(close):
            return ()
        while True:
            items.append(self.or_())
            if self.accept(close):
                return tuple(items)
            self.expect(",")


@lru_cache(maxsize=2048)
def parse(source: str) -> Node:
    """Parse an expression; raises :class:`ExprError` with the position on bad syntax."""
    return _Parser(source).parse()


def check_syntax(source: str) -> str:
    """A pydantic validator: the text must parse."""
    parse(source)
    return source


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, the root first."""
    yield node
    if isinstance(node, ListExpr | Call):
        children: tuple[Node, ...] = node.items if isinstance(node, ListExpr) else node.args
        for child in children:
            yield from walk(child)
    elif isinstance(node, Unary):
        yield from walk(node.operand)
    elif isinstance(node, Binary):
        yield from walk(node.left)
        yield from walk(node.right)


def names(node: Node) -> set[str]:
    """The root names an expression reads (``threshold`` for ``threshold.dkk``)."""
    return {n.root for n in walk(node) if isinstance(n, Name)}


def choice_literals(node: Node) -> Iterator[tuple[str, str]]:
    """Pairs (name, string literal) compared with ``== != in`` — to check choice values."""
    for n in walk(node):
        if not isinstance(n, Binary) or n.op not in ("==", "!=", "in", "not in"):
            continue
        for a, b in ((n.left, n.right), (n.right, n.left)):
            if not isinstance(a, Name) or len(a.path) != 1:
                continue
            literals = b.items if isinstance(b, ListExpr) else (b,)
            for lit in literals:
                if isinstance(lit, Lit) and isinstance(lit.value, str):
                    yield a.root, lit.value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _label(node: Node) -> str:
    return ".".join(node.path) if isinstance(node, Name) else repr(node)


def _lookup(env: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value = env.get(path[0])
    for part in path[1:]:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _order(op: str, a: Any, b: Any) -> bool:
    comparable = (_is_number(a) and _is_number(b)) or (
        type(a) is type(b) and isinstance(a, str | dt.date)
    )
    if not comparable:
        return False
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def _arith(op: str, a: Any, b: Any) -> Any:
    if not (_is_number(a) and _is_number(b)):
        return None
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b if b else None


def evaluate(node: Node, env: Mapping[str, Any]) -> Any:
    """The value of an expression; never raises for any values in ``env``."""
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Name):
        return _lookup(env, node.path)
    if isinstance(node, ListExpr):
        return [evaluate(item, env) for item in node.items]
    if isinstance(node, Call):
        if node.fn == "which":
            return [_label(a) for a in node.args if evaluate(a, env)]
        return FUNCTIONS[node.fn](*(evaluate(arg, env) for arg in node.args))
    if isinstance(node, Unary):
        value = evaluate(node.operand, env)
        if node.op == "not":
            return not value
        return -value if _is_number(value) else None
    if node.op == "and":
        return bool(evaluate(node.left, env)) and bool(evaluate(node.right, env))
    if node.op == "or":
        return bool(evaluate(node.left, env)) or bool(evaluate(node.right, env))
    a, b = evaluate(node.left, env), evaluate(node.right, env)
    if node.op == "==":
        return bool(a == b)
    if node.op == "!=":
        return bool(a != b)
    if node.op in ("in", "not in"):
        found = isinstance(b, list) and a in b
        return found if node.op == "in" else not found
    if node.op in ("<", "<=", ">", ">="):
        return _order(node.op, a, b)
    return _arith(node.op, a, b)

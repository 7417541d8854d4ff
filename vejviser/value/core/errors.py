"""Problems with a case, named by input, file and line, in Danish and English."""

from __future__ import annotations

from dataclasses import dataclass, field

from vejviser.value.core.messages import Lang, error_text

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: where (path, file, line), what (kind + context)."""

    path: Path
    kind: str
    context: dict[str, object] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None

    @property
    def input(self) -> str | None:
        """The input the problem is about, if any."""
        if "input" in self.context:
            return str(self.context["input"])
        if len(self.path) >= 2 and self.path[0] == "inputs":
            return str(self.path[1])
        if len(self.path) >= 4 and self.path[0] == "scenarios" and self.path[2] == "overrides":
            return str(self.path[3])
        return None

    def where(self) -> str:
        place = ".".join(str(p) for p in self.path) or "/"
        if self.file is None:
            return place
        return f"{self.file}:{self.line}: {place}" if self.line else f"{self.file}: {place}"

    def message(self, lang: Lang) -> str:
        context = dict(self.context)
        if self.input is not None:
            context.setdefault("input", self.input)
        text = error_text(self.kind, lang, **context)
        if self.input is not None and f"'{self.input}'" not in text:
            text = f"input '{self.input}': {text}"
        return f"{self.where()}: {text}"


class CaseError(Exception):
    """A case that cannot be used, with every problem found (not only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.text())

    def text(self, langs: tuple[Lang, ...] = ("da", "en")) -> str:
        lines = []
        for problem in self.problems:
            for lang in langs:
                lines.append(problem.message(lang))
        return "\n".join(lines)

    @property
    def inputs(self) -> list[str]:
        return [p.input for p in self.problems if p.input is not None]

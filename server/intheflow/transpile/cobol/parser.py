"""Recursive-descent COBOL parser producing the typed IR, with error recovery.

Syntax errors become `Problem`s with line and column and parsing resumes at the next period (data
division) or the next verb (procedure division). Constructs the transpiler does not handle yet are
parsed past and reported as `unsupported: <construct>`, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from intheflow.transpile.cobol.copybooks import expand
from intheflow.transpile.cobol.corresponding import corresponding_refs
from intheflow.transpile.cobol.files import FileParser
from intheflow.transpile.cobol.lexer import Token, tokenize
from intheflow.transpile.cobol.pictures import PictureError, decode
from intheflow.transpile.cobol.programs import split_programs
from intheflow.transpile.cobol.sentences import close_sentence
from intheflow.transpile.ir import model as ir

VERBS = {
    "MOVE", "ADD", "SUBTRACT", "MULTIPLY", "DIVIDE", "COMPUTE", "IF", "EVALUATE", "PERFORM",
    "DISPLAY", "ACCEPT", "STOP", "GOBACK", "GO", "EXIT", "CONTINUE", "INITIALIZE", "SET",
    "STRING", "UNSTRING", "INSPECT", "SEARCH", "CALL", "OPEN", "CLOSE", "READ", "WRITE",
    "REWRITE", "SORT", "MERGE", "RELEASE", "RETURN", "START", "DELETE", "ALTER", "CANCEL",
    "NEXT", "ENTRY", "EXEC",
}  # fmt: skip
TERMINATORS = {
    "ELSE", "END-IF", "WHEN", "END-EVALUATE", "END-PERFORM", "END-ADD", "END-SUBTRACT",
    "END-MULTIPLY", "END-DIVIDE", "END-COMPUTE", "END-DISPLAY", "END-ACCEPT", "NOT", "ON",
    "SIZE", "END-STRING", "END-UNSTRING", "END-SEARCH", "END-READ", "END-WRITE", "END-CALL",
    "AT", "END", "INVALID", "END-RETURN", "END-START", "END-DELETE", "END-REWRITE",
}  # fmt: skip
FIGURATIVE = {
    "SPACE": "SPACE", "SPACES": "SPACE", "ZERO": "ZERO", "ZEROS": "ZERO", "ZEROES": "ZERO",
    "HIGH-VALUE": "HIGH-VALUE", "HIGH-VALUES": "HIGH-VALUE", "LOW-VALUE": "LOW-VALUE",
    "LOW-VALUES": "LOW-VALUE", "QUOTE": "QUOTE", "QUOTES": "QUOTE",
}  # fmt: skip
CLASS_WORDS = {"NUMERIC", "ALPHABETIC", "POSITIVE", "NEGATIVE", "ZERO", "ZEROS", "ZEROES"}


@dataclass
class Problem:
    message: str
    line: int  # 0-based
    col: int
    path: str
    kind: str = "syntax"  # syntax | unsupported | semantic
    length: int = 1


@dataclass
class ParseResult:
    program: ir.Program | None
    problems: list[Problem] = field(default_factory=list)
    items: dict[str, list[ir.DataItem]] = field(default_factory=dict)
    conditions: dict[str, list[tuple[ir.DataItem, ir.Condition88]]] = field(default_factory=dict)
    programs: list[ir.Program] = field(default_factory=list)  # all; the first is `program`

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.kind != "unsupported"]

    @property
    def unsupported(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "unsupported"]


def is_integer_item(item: ir.DataItem) -> bool:
    pic = item.picture
    return pic is not None and pic.category == "numeric" and pic.scale == 0


class ParseError(Exception):
    def __init__(self, message: str, tok: Token) -> None:
        super().__init__(message)
        self.tok = tok


def parse(text: str, path: str = "", copy_dirs: list[Path] | None = None) -> ParseResult:
    tokens, lex_errors = tokenize(text, path)
    dirs = [Path(path).parent] if path else []
    tokens, copy_errors = expand(tokens, path, dirs + list(copy_dirs or []))
    first: Parser | None = None
    programs: list[ir.Program] = []
    problems: list[Problem] = []
    for segment in split_programs(tokens):
        parser = Parser(segment, path)
        if first is None:
            first = parser
            for err in lex_errors + copy_errors:
                parser.problem(err.message, err.line, err.col)
        program = parser.program()
        problems.extend(parser.problems)
        if program is not None:
            program.source_lines = text.count("\n") + 1
            programs.append(program)
    assert first is not None
    main = programs[0] if programs else None
    return ParseResult(main, problems, first.by_name, first.conds, programs)


def parse_copybook(text: str, path: str = "") -> ParseResult:
    """A copybook alone: its data entries (if it holds data) checked as WORKING-STORAGE."""
    tokens, lex_errors = tokenize(text, path)
    parser = Parser(tokens, path)
    for err in lex_errors:
        parser.problem(err.message, err.line, err.col)
    if tokens and tokens[0].kind == "num":
        records = parser.data_division(initial_section="WORKING-STORAGE")
        program = ir.Program(Path(path).stem.upper(), path, records, [])
        return ParseResult(program, parser.problems, parser.by_name, parser.conds)
    return ParseResult(None, parser.problems)


class Parser:
    def __init__(self, tokens: list[Token], path: str) -> None:
        self.file_parser = FileParser(self)
        self.toks = tokens
        self.i = 0
        self.path = path
        self.problems: list[Problem] = []
        self.by_name: dict[str, list[ir.DataItem]] = {}
        self.pending_names: list[tuple[ir.DataItem, str, Token]] = []  # OCCURS names to resolve
        self.index_items: list[ir.DataItem] = []  # INDEXED BY items, records of their own
        self.conds: dict[str, list[tuple[ir.DataItem, ir.Condition88]]] = {}
        self.paragraph_names: set[str] = set()
        self.eof = Token("eof", "", tokens[-1].line if tokens else 0, 0, path)

    # ---- token helpers --------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else self.eof

    def next(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def at(self, *words: str) -> bool:
        return self.peek().is_word(*words)

    def accept(self, *words: str) -> bool:
        if self.at(*words):
            self.i += 1
            return True
        return False

    def expect(self, *words: str) -> Token:
        if not self.at(*words):
            raise ParseError(f"expected {' or '.join(words)}, found {self.desc()}", self.peek())
        return self.next()

    def desc(self, tok: Token | None = None) -> str:
        tok = tok or self.peek()
        return "end of file" if tok.kind == "eof" else repr(tok.text)

    def period(self) -> None:
        if self.peek().kind == "period":
            self.i += 1

    def problem(
        self, message: str, line: int, col: int, kind: str = "syntax", path: str = ""
    ) -> None:
        self.problems.append(Problem(message, line, col, path or self.path, kind))

    def error_at(self, message: str, tok: Token, kind: str = "syntax") -> None:
        self.problem(message, tok.line, tok.col, kind, tok.path)
        self.problems[-1].length = max(1, len(tok.text))

    def skip_to_period(self) -> None:
        while self.peek().kind not in ("period", "eof"):
            self.i += 1
        self.period()

    def at_division(self, name: str) -> bool:
        return self.at(name) and self.peek(1).is_word("DIVISION")

    # ---- program --------------------------------------------------------------------------------
    def program(self) -> ir.Program | None:
        name = ""
        initial = False
        while self.peek().kind != "eof" and not self.at_division("DATA"):
            if self.at_division("PROCEDURE"):
                break
            if self.accept("PROGRAM-ID"):
                self.period()
                name = self.next().text
                while self.peek().kind not in ("period", "eof"):
                    initial = initial or self.next().is_word("INITIAL")
                continue
            elif self.at("SELECT"):
                self.file_parser.select_entry()
                continue
            self.i += 1
        if not name:
            tok = self.toks[0] if self.toks else self.eof
            self.error_at("missing PROGRAM-ID", tok)
        records: list[ir.DataItem] = []
        if self.at_division("DATA"):
            self.i += 2
            self.period()
            records = self.data_division()
        records += self.special_registers()
        files = self.file_parser.resolve_files(records)
        paragraphs: list[ir.Paragraph] = []
        if self.at_division("PROCEDURE"):
            tok = self.next()
            self.i += 1
            params = self.using_params() if self.accept("USING") else []
            self.period()
            paragraphs = self.procedure_division()
        else:
            params = []
            self.error_at("missing PROCEDURE DIVISION", self.peek())
        program = ir.Program(name or Path(self.path).stem.upper(), self.path, records, paragraphs)
        program.params, program.initial = params, initial
        program.files = files
        return program

    def special_registers(self) -> list[ir.DataItem]:
        """RETURN-CODE, when the program uses it: as in GnuCOBOL each program has its own
        binary S9(9) item, and a CALL hands the called program's value to the caller's."""
        uses = [t for t in self.toks[self.i :] if t.is_word("RETURN-CODE")]
        if not uses or "RETURN-CODE" in self.by_name:
            return []
        item = ir.DataItem("RETURN-CODE", 1, uses[0].line, picture=decode("S9(9)"), usage="comp")
        item.section = "SPECIAL-REGISTER"
        self.by_name["RETURN-CODE"] = [item]
        return [item]

    def using_params(self) -> list[ir.DataItem]:
        """PROCEDURE DIVISION USING [BY REFERENCE] item …: 01/77 items of the LINKAGE SECTION."""
        params: list[ir.DataItem] = []
        while self.peek().kind not in ("period", "eof") and not self.at("RETURNING"):
            tok = self.next()
            if tok.is_word("BY", "REFERENCE"):
                continue
            if tok.is_word("VALUE"):
                self.error_at("unsupported: PROCEDURE DIVISION USING BY VALUE", tok, "unsupported")
                continue
            found = [i for i in self.by_name.get(tok.text, []) if i.parent is None]
            if not found or found[0].section != "LINKAGE":
                self.error_at(f"{tok.text} is not a level 01/77 item of the LINKAGE SECTION", tok)
                continue
            params.append(found[0])
        if self.at("RETURNING"):
            self.error_at("unsupported: PROCEDURE DIVISION RETURNING", self.peek(), "unsupported")
            while self.peek().kind not in ("period", "eof"):
                self.i += 1
        return params

    # ---- data division --------------------------------------------------------------------------
    def data_division(self, initial_section: str = "") -> list[ir.DataItem]:
        records: list[ir.DataItem] = []
        stack: list[ir.DataItem] = []
        section = initial_section
        while self.peek().kind != "eof" and not self.at_division("PROCEDURE"):
            tok = self.peek()
            if tok.kind == "word" and self.peek(1).is_word("SECTION"):
                section = tok.text
                self.i += 2
                self.period()
                self.file_parser.current_fd = None
                if section not in ("WORKING-STORAGE", "LOCAL-STORAGE", "LINKAGE", "FILE"):
                    self.error_at(f"unsupported: {section} SECTION", tok, "unsupported")
                continue
            if tok.is_word("FD", "SD") and section == "FILE":
                self.file_parser.fd_entry()
                continue
            if tok.is_word("FD", "SD", "RD", "CD"):
                self.error_at(f"unsupported: {tok.text} outside the FILE SECTION", tok,
                              "unsupported")  # fmt: skip
                self.skip_to_period()
                continue
            if not section:
                self.i += 1
                continue
            if tok.kind != "num":
                self.error_at(f"expected a level number, found {self.desc()}", tok)
                self.skip_to_period()
                continue
            try:
                known = len(records)
                self.data_entry(records, stack)
                for record in records[known:]:
                    record.section = section
                fd = self.file_parser.current_fd
                if fd is not None and len(records) > known:
                    fd.records.append(records[-1])
            except ParseError as exc:
                self.error_at(str(exc), exc.tok)
                self.skip_to_period()
        self.resolve_table_names()
        records.extend(self.index_items)
        self.index_items = []
        return records

    def data_entry(self, records: list[ir.DataItem], stack: list[ir.DataItem]) -> None:
        level_tok = self.next()
        level = int(level_tok.text) if level_tok.text.isdigit() else -1
        if level not in (*range(1, 50), 66, 77, 88):
            raise ParseError(f"invalid level number {level_tok.text}", level_tok)
        if self.peek().kind == "word" and not self.is_clause_word(self.peek()):
            name_tok = self.next()
            name = name_tok.text
        else:
            name_tok, name = level_tok, "FILLER"
        if level == 66:
            self.renames_entry(name_tok, stack)
            return
        if level == 88:
            self.condition_entry(name_tok, stack)
            return
        item = ir.DataItem(name, level, name_tok.line + 1, name_tok.col, path=name_tok.path)
        pic_tok: Token | None = None
        while self.peek().kind not in ("period", "eof"):
            tok = self.next()
            if tok.is_word("PIC", "PICTURE"):
                self.accept("IS")
                pic_tok = self.next()
                if pic_tok.kind != "pic":
                    raise ParseError("expected a PICTURE string", pic_tok)
            elif tok.is_word("USAGE"):
                self.accept("IS")
                item.usage = self.usage(self.next())
            elif tok.is_word(
                "COMP", "COMPUTATIONAL", "BINARY", "COMP-3", "COMPUTATIONAL-3", "PACKED-DECIMAL",
                "COMP-5", "COMPUTATIONAL-5", "DISPLAY", "COMP-4", "COMPUTATIONAL-4",
            ):  # fmt: skip
                item.usage = self.usage(tok)
            elif tok.is_word("VALUE", "VALUES"):
                self.accept("IS", "ARE")
                item.value = self.literal()
            elif tok.is_word("OCCURS"):
                if level in (1, 77):
                    raise ParseError(f"OCCURS is not allowed on a level {level:02d} item", tok)
                self.occurs_clause(item, tok)
            elif tok.is_word("REDEFINES"):
                item.redefines = self.next().text
            elif tok.is_word("SIGN", "LEADING", "TRAILING"):
                self.sign_clause(item, tok)
            elif tok.is_word("JUSTIFIED", "JUST"):
                self.accept("RIGHT")
                item.justified = True
            elif tok.is_word("BLANK", "SYNC", "SYNCHRONIZED"):
                self.error_at(f"unsupported: {tok.text} clause", tok, "unsupported")
            elif tok.is_word("CHARACTER", "WHEN", "ZERO", "IS", "LEFT", "GLOBAL", "EXTERNAL"):
                continue
            else:
                raise ParseError(f"unexpected {self.desc(tok)} in data description", tok)
        self.expect_period()
        if pic_tok is not None:
            try:
                item.picture = decode(pic_tok.text)
            except PictureError as exc:
                kind = "unsupported" if str(exc).startswith("unsupported") else "syntax"
                self.error_at(str(exc), pic_tok, kind)
                item.picture = ir.Picture(pic_tok.text, "alphanumeric", size=1)
            if item.usage != "display" and item.picture.category != "numeric":
                self.error_at(f"USAGE {item.usage.upper()} needs a numeric PICTURE", pic_tok)
            elif item.usage != "display" and item.picture.digits > 18:
                message = f"unsupported: USAGE {item.usage.upper()} with more than 18 digits"
                self.error_at(message, pic_tok, "unsupported")
            elif item.picture.digits > 18 and (item.occurs or any(p.occurs for p in stack)):
                message = "unsupported: a table of numbers of more than 18 digits"
                self.error_at(message, pic_tok, "unsupported")
            self.check_sign_and_justified(item, pic_tok)
        elif item.usage != "display":
            self.error_at("unsupported: USAGE on a group item", level_tok, "unsupported")
        if pic_tok is None and (item.justified or item.sign_leading or item.sign_separate):
            clause = "JUSTIFIED" if item.justified else "SIGN"
            self.error_at(f"unsupported: {clause} on a group item", level_tok, "unsupported")
        while stack and (stack[-1].level >= level or level in (1, 77) or stack[-1].level == 77):
            stack.pop()
        if stack:
            parent = stack[-1]
            if parent.picture is not None:
                self.error_at(f"{parent.name} has a PICTURE and cannot have sub-items", level_tok)
            item.parent = parent
            self.resolve_redefines(item, parent.children, level_tok)
            parent.children.append(item)
        elif level not in (1, 77):
            self.error_at(f"level {level} item without an 01 record", level_tok)
            return
        else:
            self.resolve_redefines(item, records, level_tok)
            records.append(item)
        if item.picture is None and level == 77:
            self.error_at("a 77 item needs a PICTURE", level_tok)
        stack.append(item)
        self.by_name.setdefault(name, []).append(item)

    def sign_clause(self, item: ir.DataItem, tok: Token) -> None:
        """[SIGN [IS]] LEADING | TRAILING [SEPARATE [CHARACTER]]."""
        if tok.is_word("SIGN"):
            self.accept("IS")
            tok = self.expect("LEADING", "TRAILING")
        item.sign_leading = tok.is_word("LEADING")
        if self.accept("SEPARATE"):
            item.sign_separate = True
            self.accept("CHARACTER")

    def check_sign_and_justified(self, item: ir.DataItem, pic_tok: Token) -> None:
        pic = item.picture
        assert pic is not None
        if (item.sign_leading or item.sign_separate) and not (
            pic.category == "numeric" and pic.signed and item.usage == "display"
        ):
            self.error_at(f"SIGN needs a signed DISPLAY number, {item.name} is not", pic_tok)
            item.sign_leading = item.sign_separate = False
        if item.justified and pic.category not in ("alphanumeric", "alphabetic"):
            self.error_at(f"JUSTIFIED needs an alphanumeric item, {item.name} is not", pic_tok)
            item.justified = False

    def occurs_clause(self, item: ir.DataItem, tok: Token) -> None:
        """OCCURS n [TO m] [TIMES] [DEPENDING ON x] [ASCENDING|DESCENDING KEY IS k…]…
        [INDEXED BY i…]; names are resolved once the data division is read."""
        count = self.next()
        if count.kind != "num":
            raise ParseError("OCCURS needs a number", count)
        item.occurs = int(count.text)
        if self.accept("TO"):
            top = self.next()
            if top.kind != "num":
                raise ParseError("OCCURS … TO needs a number", top)
            item.occurs_min, item.occurs = item.occurs, int(top.text)
        self.accept("TIMES")
        while self.at("DEPENDING", "ASCENDING", "DESCENDING", "INDEXED"):
            clause = self.next()
            if clause.is_word("DEPENDING"):
                self.accept("ON")
                self.pending_names.append((item, "DEPENDING", self.next()))
            elif clause.is_word("INDEXED"):
                self.accept("BY")
                while self.peek().kind == "word" and not self.is_clause_word(self.peek()):
                    self.add_index(item, self.next())
            else:
                self.accept("KEY")
                self.accept("IS")
                while (
                    self.peek().kind == "word"
                    and not self.is_clause_word(self.peek())
                    and not self.at("ASCENDING", "DESCENDING", "INDEXED", "DEPENDING")
                ):
                    self.pending_names.append((item, clause.text, self.next()))
        if (
            item.depending is None
            and item.occurs_min
            and not any(
                kind == "DEPENDING" and owner is item for owner, kind, _ in self.pending_names
            )
        ):
            raise ParseError("OCCURS … TO needs DEPENDING ON", tok)

    def add_index(self, table: ir.DataItem, tok: Token) -> None:
        """An index is its own item holding an occurrence number (GnuCOBOL's view of it)."""
        index = ir.DataItem(tok.text, 77, tok.line + 1, tok.col, path=tok.path)
        index.picture = ir.Picture("S9(9)", "numeric", digits=9, signed=True, size=9)
        index.index_of = table
        table.indexes.append(index)
        self.index_items.append(index)
        self.by_name.setdefault(index.name, []).append(index)

    def resolve_table_names(self) -> None:
        """DEPENDING ON objects and KEY items, named in OCCURS before they may be declared."""
        for table, kind, tok in self.pending_names:
            try:
                target = self.resolve(tok, [])
            except ParseError as exc:
                self.error_at(str(exc), tok)
                continue
            if kind == "DEPENDING":
                if not target.is_numeric or target.occurs:
                    self.error_at(f"DEPENDING ON {tok.text} needs a numeric item", tok)
                    continue
                table.depending = ir.Ref(target, [], tok.line + 1)
            elif not any(node is table for node in target.lineage()):
                self.error_at(f"KEY {tok.text} is not an item of the table {table.name}", tok)
            else:
                table.keys.append((kind, target))
        self.pending_names = []

    def resolve_redefines(
        self, item: ir.DataItem, earlier: list[ir.DataItem], level_tok: Token
    ) -> None:
        """REDEFINES names the entry just before at the same level (or what that one redefines)."""
        if item.redefines is None:
            return
        base = earlier[-1] if earlier else None
        while base is not None and base.name != item.redefines and base.redefined is not None:
            base = base.redefined if base.redefined.name == item.redefines else None
        if base is None or base.name != item.redefines or base.level != item.level:
            self.error_at(
                f"{item.name} REDEFINES {item.redefines}: it must be the entry just before,"
                " at the same level",
                level_tok,
            )
            item.redefines = None
            return
        while base.redefined is not None:
            base = base.redefined
        item.redefined = base

    def renames_entry(self, name_tok: Token, stack: list[ir.DataItem]) -> None:
        """66 name RENAMES first [THRU last]: an alias of a run of the last record's bytes."""
        self.expect("RENAMES")
        if not stack or not stack[0].children:
            raise ParseError("66 RENAMES needs an 01 record before it", name_tok)
        record = stack[0]
        covered = [self.renamed_item(record)]
        if self.accept("THRU", "THROUGH"):
            covered.append(self.renamed_item(record))
            order = [id(item) for item in record.walk()]
            if order.index(id(covered[1])) < order.index(id(covered[0])):
                raise ParseError(f"RENAMES … THRU {covered[1].name} runs backwards", name_tok)
        self.expect_period()
        alias = ir.DataItem(name_tok.text, 66, name_tok.line + 1, name_tok.col, path=name_tok.path)
        alias.parent, alias.renames = record, covered
        if len(covered) == 1:
            alias.picture, alias.usage = covered[0].picture, covered[0].usage
        record.aliases.append(alias)
        self.by_name.setdefault(alias.name, []).append(alias)

    def qualified_item(self) -> tuple[ir.DataItem, Token]:
        """A data name with OF/IN qualifiers, without subscripts (RENAMES, SEARCH)."""
        tok = self.next()
        quals: list[str] = []
        while self.at("OF", "IN"):
            self.i += 1
            quals.append(self.next().text)
        return self.resolve(tok, quals), tok

    def renamed_item(self, record: ir.DataItem) -> ir.DataItem:
        item, tok = self.qualified_item()
        if item.record() is not record or item is record:
            raise ParseError(f"{tok.text} is not an item of {record.name}", tok)
        node: ir.DataItem | None = item
        while node is not None:
            if node.occurs:
                raise ParseError(f"RENAMES cannot cover the table {node.name}", tok)
            node = node.parent
        return item

    def expect_period(self) -> None:
        if self.peek().kind != "period":
            raise ParseError(f"expected '.', found {self.desc()}", self.peek())
        self.i += 1

    def is_clause_word(self, tok: Token) -> bool:
        return tok.is_word(
            "PIC", "PICTURE", "USAGE", "VALUE", "VALUES", "OCCURS", "REDEFINES", "COMP", "COMP-3",
            "COMP-5", "BINARY", "PACKED-DECIMAL", "COMPUTATIONAL", "COMPUTATIONAL-3", "SIGN",
            "DISPLAY", "JUSTIFIED", "JUST", "BLANK", "SYNC", "SYNCHRONIZED", "FILLER",
        ) and not tok.is_word("FILLER")  # fmt: skip

    def usage(self, tok: Token) -> str:
        text = tok.text.replace("COMPUTATIONAL", "COMP")
        mapping = {"COMP": "comp", "BINARY": "comp", "COMP-4": "comp", "COMP-3": "comp-3",
                   "PACKED-DECIMAL": "comp-3", "COMP-5": "comp-5", "DISPLAY": "display"}  # fmt: skip  # noqa: E501
        if text not in mapping:
            self.error_at(f"unsupported: USAGE {tok.text}", tok, "unsupported")
            return "display"
        return mapping[text]

    def condition_entry(self, name_tok: Token, stack: list[ir.DataItem]) -> None:
        if not stack:
            raise ParseError("88 level without a data item", name_tok)
        self.expect("VALUE", "VALUES")
        self.accept("IS", "ARE")
        values: list[tuple[ir.Literal, ir.Literal | None]] = []
        while self.peek().kind in ("num", "str") or self.peek().text in FIGURATIVE:
            low = self.literal()
            high = self.literal() if self.accept("THRU", "THROUGH") else None
            values.append((low, high))
        if not values:
            raise ParseError("88 level needs a VALUE", self.peek())
        self.expect_period()
        owner = stack[-1]
        cond = ir.Condition88(name_tok.text, values, name_tok.line + 1)
        owner.conditions.append(cond)
        self.conds.setdefault(name_tok.text, []).append((owner, cond))

    def literal(self) -> ir.Literal:
        tok = self.next()
        is_all = False
        if tok.is_word("ALL"):
            is_all = True
            tok = self.next()
        if tok.kind == "num":
            return ir.Literal("num", tok.text, is_all)
        if tok.kind == "str":
            return ir.Literal("str", tok.text, is_all)
        if tok.kind == "word" and tok.text in FIGURATIVE:
            return ir.Literal("figurative", FIGURATIVE[tok.text], is_all)
        raise ParseError(f"expected a literal, found {self.desc(tok)}", tok)

    # ---- procedure division ---------------------------------------------------------------------
    def procedure_division(self) -> list[ir.Paragraph]:
        # First pass: paragraph and section names, so PERFORM can tell them from data names.
        for k in range(self.i, len(self.toks) - 1):
            tok = self.toks[k]
            prev = self.toks[k - 1] if k > 0 else None
            if (
                tok.kind in ("word", "num")
                and tok.text not in VERBS
                and (prev is None or prev.kind == "period")
                and (self.toks[k + 1].kind == "period" or self.toks[k + 1].is_word("SECTION"))
            ):
                self.paragraph_names.add(tok.text)
        paragraphs: list[ir.Paragraph] = []
        current: ir.Paragraph | None = None
        section: str | None = None
        while self.peek().kind != "eof":
            tok = self.peek()
            if (
                tok.kind in ("word", "num")
                and tok.text in self.paragraph_names
                and (self.peek(1).kind == "period" or self.peek(1).is_word("SECTION"))
            ):
                self.i += 1
                if self.accept("SECTION"):
                    section = tok.text
                    current = ir.Paragraph(tok.text, tok.line + 1, [], None)
                    current.section = "*"  # marks a section header paragraph
                else:
                    current = ir.Paragraph(tok.text, tok.line + 1, [], section)
                paragraphs.append(current)
                self.period()
                continue
            if current is None:
                current = ir.Paragraph("MAIN-PROCEDURE", tok.line + 1, [])
                paragraphs.append(current)
            if tok.kind == "period":
                self.i += 1
                continue
            current.body.extend(close_sentence(self.statements(set()), tok.line + 1))
            if self.peek().kind == "period":
                self.i += 1
            elif self.peek().kind != "eof" and not self.at_label():
                bad = self.next()
                self.error_at(f"unexpected {self.desc(bad)}", bad)
                self.recover()
        return paragraphs

    def at_label(self) -> bool:
        tok = self.peek()
        return tok.text in self.paragraph_names and (
            self.peek(1).kind == "period" or self.peek(1).is_word("SECTION")
        )

    def recover(self) -> None:
        """Skip to the next verb, period or paragraph label."""
        while self.peek().kind not in ("period", "eof"):
            if self.peek().kind == "word" and self.peek().text in VERBS:
                return
            self.i += 1

    def statements(self, stop: set[str]) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        while True:
            tok = self.peek()
            if tok.kind in ("period", "eof") or (tok.kind == "word" and tok.text in stop):
                return out
            if tok.kind != "word" or tok.text not in VERBS:
                if tok.kind == "word" and tok.text in TERMINATORS:
                    return out
                if self.at_label():
                    return out
                self.error_at(f"expected a statement, found {self.desc()}", tok)
                self.i += 1
                self.recover()
                continue
            try:
                stmt = self.statement()
                if isinstance(stmt, list):  # MOVE CORRESPONDING: one MOVE per pair
                    out.extend(stmt)
                elif stmt is not None:
                    out.append(stmt)
            except ParseError as exc:
                message = str(exc)
                if message.startswith("unsupported: "):
                    # Refused, not malformed: --best-effort marks the gap where it was.
                    self.error_at(message, exc.tok, "unsupported")
                    out.append(ir.Unsupported(message.removeprefix("unsupported: "), tok.line + 1))
                else:
                    self.error_at(message, exc.tok)
                self.recover()

    def statement(self) -> ir.Stmt | list[ir.Stmt] | None:
        tok = self.next()
        verb = tok.text
        line = tok.line + 1
        method = "stmt_" + verb.replace("-", "_").lower()
        handler = getattr(self, method, None) or getattr(self.file_parser, method, None)
        if handler is None:
            self.error_at(f"unsupported: {verb}", tok, "unsupported")
            self.skip_unsupported(verb)
            return ir.Unsupported(verb, line)
        result: ir.Stmt | list[ir.Stmt] | None = handler(tok, line)
        return result

    def skip_unsupported(self, verb: str) -> None:
        """Skip a statement we do not translate, parsing its conditional phrases (AT END, INVALID
        KEY, ON EXCEPTION/OVERFLOW and their NOT forms) so their statements still get checked."""
        phrase_words = {"AT", "END", "INVALID", "KEY", "ON", "NOT", "EXCEPTION", "OVERFLOW",
                        "SIZE", "ERROR", "EOP", "END-OF-PAGE"}  # fmt: skip
        while self.peek().kind not in ("period", "eof"):
            tok = self.peek()
            if tok.is_word(f"END-{verb}"):
                self.i += 1
                return
            starts_phrase = tok.is_word("AT", "INVALID") or (
                tok.is_word("ON", "NOT")
                and self.peek(1).is_word("EXCEPTION", "OVERFLOW", "SIZE", "AT", "INVALID", "ON")
            )
            if starts_phrase:
                while self.peek().kind == "word" and self.peek().text in phrase_words:
                    self.i += 1
                self.statements({"NOT", "AT", "INVALID", "ON", f"END-{verb}"})
                continue
            if tok.kind == "word" and tok.text in VERBS:
                return
            self.i += 1

    def skip_statement(self) -> None:
        depth = 0
        while self.peek().kind not in ("period", "eof"):
            tok = self.peek()
            if tok.kind == "word" and tok.text.startswith("END-") and depth == 0:
                self.i += 1
                return
            if tok.kind == "word" and tok.text in VERBS and depth == 0:
                return
            self.i += 1

    # ---- operands -------------------------------------------------------------------------------
    def is_operand_start(self) -> bool:
        tok = self.peek()
        if tok.kind in ("num", "str"):
            return True
        if tok.kind == "word":
            return (
                tok.text in self.by_name
                or tok.text in FIGURATIVE
                or tok.text in ("ALL", "FUNCTION")
            )
        return False

    def ref(self) -> ir.Ref:
        tok = self.next()
        if tok.kind != "word":
            raise ParseError(f"expected a data name, found {self.desc(tok)}", tok)
        quals: list[str] = []
        while self.at("OF", "IN"):
            self.i += 1
            quals.append(self.next().text)
        item = self.resolve(tok, quals)
        subs: list[ir.Expr] = []
        refmod: ir.RefMod | None = None
        if self.at_op("("):
            self.i += 1
            while not self.at_op(")"):
                if self.peek().kind == "eof":
                    raise ParseError("unclosed subscript", tok)
                subs.append(self.expr())
                if self.at_op(":") and len(subs) == 1:
                    refmod = self.refmod_rest(subs.pop(), item, tok)
                    break
            else:
                self.i += 1
        if refmod is None and subs and self.at_op("("):
            self.i += 1
            refmod = self.refmod_rest(self.expr(), item, tok)
        ref = ir.Ref(item, subs, tok.line + 1, refmod)
        self.check_subscripts(ref, tok)
        return ref

    def at_op(self, text: str) -> bool:
        return self.peek().kind == "op" and self.peek().text == text

    def refmod_rest(self, start: ir.Expr, item: ir.DataItem, tok: Token) -> ir.RefMod:
        """After `(start`: `:length)` or `:)`, checked against the item's size when constant."""
        if not self.at_op(":"):
            raise ParseError(f"expected ':' in reference modification, found {self.desc()}", tok)
        self.i += 1
        length = None if self.at_op(")") else self.expr()
        if not self.at_op(")"):
            raise ParseError("unclosed reference modification", tok)
        self.i += 1
        size = item.picture.size if item.picture is not None else 0
        first = _constant(start)
        count = _constant(length) if length is not None else None
        if first is not None and size and not 1 <= first <= size:
            raise ParseError(f"{item.name}({first}:) starts outside its {size} characters", tok)
        if count is not None and (count < 1 or (size and (first or 1) + count - 1 > size)):
            raise ParseError(f"{item.name}(…:{count}) is outside its {size} characters", tok)
        return ir.RefMod(start, length)

    def check_subscripts(self, ref: ir.Ref, tok: Token) -> None:
        dims = 0
        node: ir.DataItem | None = ref.item
        while node is not None:
            dims += 1 if node.occurs else 0
            node = node.parent
        if len(ref.subscripts) != dims:
            raise ParseError(
                f"{ref.item.name} needs {dims} subscript(s), has {len(ref.subscripts)}", tok
            )

    def resolve(self, tok: Token, quals: list[str]) -> ir.DataItem:
        found = self.by_name.get(tok.text, [])
        if quals:

            def ok(item: ir.DataItem) -> bool:
                names = []
                node = item.parent
                while node is not None:
                    names.append(node.name)
                    node = node.parent
                pos = 0
                for q in quals:
                    if q not in names[pos:]:
                        return False
                    pos = names.index(q, pos) + 1
                return True

            found = [item for item in found if ok(item)]
        if not found:
            raise ParseError(f"unknown data item {tok.text}", tok)
        if len(found) > 1:
            raise ParseError(f"{tok.text} is ambiguous: qualify it with OF", tok)
        return found[0]

    def operand(self) -> ir.Expr:
        tok = self.peek()
        if tok.kind in ("num", "str") or tok.text in FIGURATIVE or tok.is_word("ALL"):
            return self.literal()
        if tok.is_word("FUNCTION"):
            return self.function()
        return self.ref()

    def function(self) -> ir.Func:
        tok = self.next()
        name_tok = self.next()
        name = name_tok.text
        if name not in ir.NUMERIC_FUNCTIONS | ir.TEXT_FUNCTIONS:
            raise ParseError(f"unsupported: FUNCTION {name}", name_tok)
        wanted = ir.FUNCTION_ARITY.get(name)
        func = ir.Func(name, [], tok.line + 1)
        if wanted == 0:
            return func
        if not (self.peek().kind == "op" and self.peek().text == "("):
            raise ParseError(f"FUNCTION {name} needs arguments in parentheses", self.peek())
        self.i += 1
        while not (self.peek().kind == "op" and self.peek().text == ")"):
            if self.peek().kind in ("eof", "period"):
                raise ParseError("unclosed FUNCTION arguments", tok)
            if name == "TRIM" and func.args and self.at("LEADING", "TRAILING"):
                func.mode = self.next().text
                continue
            text_arg = name in ir.TEXT_ARGUMENT_FUNCTIONS
            func.args.append(self.operand() if text_arg else self.expr())
        self.i += 1
        if (wanted is not None and len(func.args) != wanted) or not func.args:
            raise ParseError(
                f"FUNCTION {name} takes {wanted or 'one or more'} argument(s)", name_tok
            )
        return func

    def expr(self) -> ir.Expr:
        left = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.next().text
            left = ir.BinOp(op, left, self.term())
        return left

    def term(self) -> ir.Expr:
        left = self.power()
        while self.peek().kind == "op" and self.peek().text in ("*", "/"):
            op = self.next().text
            left = ir.BinOp(op, left, self.power())
        return left

    def power(self) -> ir.Expr:
        base = self.unary()
        if self.peek().kind == "op" and self.peek().text == "**":
            self.i += 1
            return ir.BinOp("**", base, self.power())
        return base

    def unary(self) -> ir.Expr:
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.i += 1
            inner = self.unary()
            return ir.Neg(inner) if tok.text == "-" else inner
        if tok.kind == "op" and tok.text == "(":
            self.i += 1
            inner = self.expr()
            if not (self.peek().kind == "op" and self.peek().text == ")"):
                raise ParseError(f"expected ')', found {self.desc()}", self.peek())
            self.i += 1
            return inner
        if tok.kind == "num":
            self.i += 1
            return ir.Literal("num", tok.text)
        if tok.is_word("ZERO", "ZEROS", "ZEROES"):
            self.i += 1
            return ir.Literal("num", "0")
        if tok.is_word("FUNCTION"):
            func = self.function()
            if func.name not in ir.NUMERIC_FUNCTIONS:
                raise ParseError(f"FUNCTION {func.name} is not numeric", tok)
            return func
        if tok.kind == "word" and tok.text not in FIGURATIVE:
            ref = self.operand()
            return ref
        raise ParseError(f"expected an arithmetic operand, found {self.desc()}", tok)

    # ---- conditions -----------------------------------------------------------------------------
    def condition(self) -> ir.Cond:
        self.last: tuple[ir.Expr, str] | None = None
        return self.or_cond()

    def or_cond(self) -> ir.Cond:
        left = self.and_cond()
        while self.accept("OR"):
            left = ir.Logic("OR", left, self.and_cond())
        return left

    def and_cond(self) -> ir.Cond:
        left = self.not_cond()
        while self.accept("AND"):
            left = ir.Logic("AND", left, self.not_cond())
        return left

    def not_cond(self) -> ir.Cond:
        if self.at("NOT") and not self.relop_ahead(1):
            self.i += 1
            return ir.Not(self.not_cond())
        return self.simple_cond()

    def relop_ahead(self, k: int) -> bool:
        tok = self.peek(k)
        return (tok.kind == "op" and tok.text in ("=", "<", ">", "<=", ">=", "<>")) or tok.is_word(
            "EQUAL", "GREATER", "LESS", "EQUALS"
        )

    def relop(self) -> str | None:
        negate = self.accept("NOT")
        tok = self.peek()
        op: str | None = None
        if tok.kind == "op" and tok.text in ("=", "<", ">", "<=", ">=", "<>"):
            self.i += 1
            op = tok.text
        elif self.accept("EQUAL", "EQUALS"):
            self.accept("TO")
            op = "="
        elif self.accept("GREATER"):
            self.accept("THAN")
            op = ">"
            if self.accept("OR"):
                self.expect("EQUAL")
                self.accept("TO")
                op = ">="
        elif self.accept("LESS"):
            self.accept("THAN")
            op = "<"
            if self.accept("OR"):
                self.expect("EQUAL")
                self.accept("TO")
                op = "<="
        if op is None:
            if negate:
                self.i -= 1
            return None
        if negate:
            op = {"=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}[op]
        return op

    def simple_cond(self) -> ir.Cond:
        tok = self.peek()
        if tok.kind == "op" and tok.text == "(":
            save = self.i
            saved_last = self.last
            try:
                self.i += 1
                inner = self.or_cond()
                if self.peek().kind == "op" and self.peek().text == ")":
                    self.i += 1
                    return inner
            except ParseError:
                pass
            self.i = save
            self.last = saved_last
        if tok.kind == "word" and tok.text in self.conds and tok.text not in self.by_name:
            return self.cond_ref()
        # Abbreviated relation: `A = 1 OR 2`, `A > B AND < C`.
        if self.last is not None:
            op = self.relop()
            if op is not None:
                return ir.Compare(op, self.last[0], self.cond_operand())
        subject = self.cond_operand()
        self.accept("IS")
        negate = False
        if self.at("NOT") and self.peek(1).kind == "word" and self.peek(1).text in CLASS_WORDS:
            negate = True
            self.i += 1
        if self.peek().kind == "word" and self.peek().text in CLASS_WORDS:
            kind = self.next().text
            kind = "ZERO" if kind.startswith("ZERO") else kind
            if not isinstance(subject, ir.Ref):
                raise ParseError(f"{kind} test needs a data item", tok)
            test: ir.Cond = ir.ClassTest(subject, kind)
            return ir.Not(test) if negate else test
        op = self.relop()
        if op is None:
            if self.last is not None:
                return ir.Compare(self.last[1], self.last[0], subject)
            raise ParseError(f"expected a relational operator, found {self.desc()}", self.peek())
        right = self.cond_operand()
        self.last = (subject, op)
        return ir.Compare(op, subject, right)

    def cond_operand(self) -> ir.Expr:
        tok = self.peek()
        if tok.kind == "str" or (
            tok.text in FIGURATIVE and not tok.is_word("ZERO", "ZEROS", "ZEROES")
        ):
            return self.literal()
        if tok.is_word("ALL"):
            return self.literal()
        return self.expr()

    def cond_ref(self) -> ir.CondRef:
        tok = self.next()
        options = self.conds[tok.text]
        quals: list[str] = []
        while self.at("OF", "IN"):
            self.i += 1
            quals.append(self.next().text)
        if quals:
            options = [
                o
                for o in options
                if o[0].name in quals or (o[0].parent and o[0].parent.name in quals)
            ]
        if len(options) != 1:
            raise ParseError(f"condition {tok.text} is ambiguous or unknown", tok)
        item, cond = options[0]
        subs: list[ir.Expr] = []
        if self.peek().kind == "op" and self.peek().text == "(":
            self.i += 1
            while not (self.peek().kind == "op" and self.peek().text == ")"):
                if self.peek().kind == "eof":
                    raise ParseError("unclosed subscript", tok)
                subs.append(self.expr())
            self.i += 1
        return ir.CondRef(item, cond, subs)

    # ---- statements -----------------------------------------------------------------------------
    def stmt_move(self, tok: Token, line: int) -> ir.Stmt | list[ir.Stmt]:
        if self.accept("CORRESPONDING", "CORR"):
            return self.move_corresponding(tok, line)
        source = self.operand()
        self.expect("TO")
        targets = [self.ref()]
        while self.peek().kind == "word" and self.peek().text in self.by_name:
            targets.append(self.ref())
        return ir.Move(source, targets, line)

    def corresponding_group(self) -> ir.Ref:
        tok = self.peek()
        ref = self.ref()
        if not ref.item.is_group:
            raise ParseError(
                f"CORRESPONDING needs a group item, {ref.item.name} is elementary", tok
            )
        return ref

    def move_corresponding(self, tok: Token, line: int) -> list[ir.Stmt]:
        source = self.corresponding_group()
        self.expect("TO")
        moves: list[ir.Stmt] = []
        while True:
            target = self.corresponding_group()
            pairs = corresponding_refs(source, target, arithmetic=False)
            moves.extend(ir.Move(a, [b], line) for a, b in pairs)
            if not (self.peek().kind == "word" and self.peek().text in self.by_name):
                return moves

    def arith_corresponding(self, tok: Token, line: int, verb: str) -> ir.Stmt:
        """ADD CORRESPONDING a TO b / SUBTRACT CORRESPONDING a FROM b: one store per pair."""
        source = self.corresponding_group()
        self.expect("TO" if verb == "ADD" else "FROM")
        target = self.corresponding_group()
        rounded = self.accept("ROUNDED")
        op = "+" if verb == "ADD" else "-"
        stores = [
            ir.Store(b, ir.BinOp(op, b, a), rounded)
            for a, b in corresponding_refs(source, target, arithmetic=True)
        ]
        return self.size_error(verb, stores, line)

    def targets(self, allow_rounded: bool = True) -> list[tuple[ir.Ref, bool]]:
        out = []
        while self.peek().kind == "word" and self.peek().text in self.by_name:
            ref = self.ref()
            out.append((ref, self.accept("ROUNDED")))
        if not out:
            raise ParseError(f"expected a receiving data item, found {self.desc()}", self.peek())
        for ref, _ in out:
            if not ref.item.is_numeric and not (
                ref.item.picture and ref.item.picture.category == "numeric-edited"
            ):
                raise ParseError(f"{ref.item.name} is not numeric", self.peek())
        return out

    def operands(self) -> list[ir.Expr]:
        out: list[ir.Expr] = []
        while self.peek().kind == "num" or (
            self.peek().kind == "word" and (self.peek().text in self.by_name or self.at("ZERO"))
        ):
            out.append(self.unary())
        if not out:
            raise ParseError(f"expected an arithmetic operand, found {self.desc()}", self.peek())
        return out

    def size_error(self, verb: str, stores: list[ir.Store], line: int) -> ir.Arith:
        arith = ir.Arith(verb, stores, line)
        if (self.at("ON") and self.peek(1).is_word("SIZE")) or self.at("SIZE"):
            self.accept("ON")
            self.expect("SIZE")
            self.expect("ERROR")
            arith.on_size_error = self.statements({"NOT", f"END-{verb}"})
        if self.at("NOT"):
            self.i += 1
            self.accept("ON")
            self.expect("SIZE")
            self.expect("ERROR")
            arith.not_on_size_error = self.statements({f"END-{verb}"})
        self.accept(f"END-{verb}")
        return arith

    @staticmethod
    def _sum(values: list[ir.Expr]) -> ir.Expr:
        total = values[0]
        for v in values[1:]:
            total = ir.BinOp("+", total, v)
        return total

    def stmt_add(self, tok: Token, line: int) -> ir.Stmt:
        if self.accept("CORRESPONDING", "CORR"):
            return self.arith_corresponding(tok, line, "ADD")
        addends = self.operands()
        stores: list[ir.Store] = []
        if self.accept("TO"):
            if self.peek().kind == "num" or self.peek(1).is_word("GIVING"):
                addends.append(self.unary())
                self.expect("GIVING")
                stores = [ir.Store(r, self._sum(addends), rd) for r, rd in self.targets()]
            else:
                for ref, rounded in self.targets():
                    stores.append(ir.Store(ref, ir.BinOp("+", ref, self._sum(addends)), rounded))
                if self.accept("GIVING"):
                    raise ParseError("ADD … TO several items GIVING is not valid", tok)
        else:
            self.expect("GIVING")
            stores = [ir.Store(r, self._sum(addends), rd) for r, rd in self.targets()]
        return self.size_error("ADD", stores, line)

    def stmt_subtract(self, tok: Token, line: int) -> ir.Stmt:
        if self.accept("CORRESPONDING", "CORR"):
            return self.arith_corresponding(tok, line, "SUBTRACT")
        subtrahends = self.operands()
        self.expect("FROM")
        if self.peek().kind == "num" or self.peek(1).is_word("GIVING"):
            minuend = self.unary()
            self.expect("GIVING")
            value = ir.BinOp("-", minuend, self._sum(subtrahends))
            stores = [ir.Store(r, value, rd) for r, rd in self.targets()]
        else:
            stores = [
                ir.Store(r, ir.BinOp("-", r, self._sum(subtrahends)), rd)
                for r, rd in self.targets()
            ]
            if self.accept("GIVING"):
                raise ParseError("SUBTRACT … FROM several items GIVING is not valid", tok)
        return self.size_error("SUBTRACT", stores, line)

    def stmt_multiply(self, tok: Token, line: int) -> ir.Stmt:
        factor = self.unary()
        self.expect("BY")
        if self.peek().kind == "num" or self.peek(1).is_word("GIVING"):
            other = self.unary()
            self.expect("GIVING")
            value = ir.BinOp("*", factor, other)
            stores = [ir.Store(r, value, rd) for r, rd in self.targets()]
        else:
            stores = [ir.Store(r, ir.BinOp("*", factor, r), rd) for r, rd in self.targets()]
        return self.size_error("MULTIPLY", stores, line)

    def stmt_divide(self, tok: Token, line: int) -> ir.Stmt:
        first = self.unary()
        into = self.accept("INTO")
        if not into:
            self.expect("BY")
        if into and not (self.peek().kind == "num" or self.peek(1).is_word("GIVING")):
            stores = [ir.Store(r, ir.BinOp("/", r, first), rd) for r, rd in self.targets()]
            return self.size_error("DIVIDE", stores, line)
        second = self.unary()
        dividend, divisor = (second, first) if into else (first, second)
        self.expect("GIVING")
        targets = self.targets()
        stores = [ir.Store(r, ir.BinOp("/", dividend, divisor), rd) for r, rd in targets]
        if self.accept("REMAINDER"):
            rem = self.ref()
            if len(targets) != 1:
                raise ParseError("REMAINDER needs exactly one GIVING item", tok)
            qpic = targets[0][0].item.picture
            assert qpic is not None
            quotient = ir.TruncTo(ir.BinOp("/", dividend, divisor), qpic.scale)
            value = ir.BinOp("-", dividend, ir.BinOp("*", quotient, divisor))
            stores.append(ir.Store(rem, value, False))
        return self.size_error("DIVIDE", stores, line)

    def stmt_compute(self, tok: Token, line: int) -> ir.Stmt:
        targets = self.targets()
        if not (self.peek().kind == "op" and self.peek().text == "=") and not self.at("EQUAL"):
            raise ParseError(f"expected '=', found {self.desc()}", self.peek())
        self.i += 1
        value = self.expr()
        stores = [ir.Store(r, value, rd) for r, rd in targets]
        return self.size_error("COMPUTE", stores, line)

    def stmt_if(self, tok: Token, line: int) -> ir.Stmt:
        cond = self.condition()
        self.accept("THEN")
        then = self.statements({"ELSE", "END-IF"})
        orelse: list[ir.Stmt] = []
        if self.accept("ELSE"):
            orelse = self.statements({"END-IF"})
        self.accept("END-IF")
        return ir.If(cond, then, orelse, line)

    def stmt_evaluate(self, tok: Token, line: int) -> ir.Stmt:
        subjects: list[ir.Expr | str] = []
        while True:
            if self.accept("TRUE"):
                subjects.append("TRUE")
            elif self.accept("FALSE"):
                subjects.append("FALSE")
            else:
                subjects.append(self.cond_operand())
            if not self.accept("ALSO"):
                break
        whens: list[ir.When] = []
        while self.accept("WHEN"):
            if self.accept("OTHER"):
                whens.append(ir.When([], self.statements({"WHEN", "END-EVALUATE"}), other=True))
                continue
            conds = self.when_objects(subjects)
            while self.at("WHEN") and not self.peek(1).is_word("OTHER"):
                self.i += 1
                more = self.when_objects(subjects)
                conds = [
                    None if a is None or b is None else ir.Logic("OR", a, b)
                    for a, b in zip(conds, more, strict=True)
                ]
            whens.append(ir.When(conds, self.statements({"WHEN", "END-EVALUATE"})))
        self.accept("END-EVALUATE")
        return ir.Evaluate(whens, line)

    def when_objects(self, subjects: list[ir.Expr | str]) -> list[ir.Cond | None]:
        conds: list[ir.Cond | None] = []
        for n, subject in enumerate(subjects):
            if n:
                self.expect("ALSO")
            if self.accept("ANY"):
                conds.append(None)
                continue
            if isinstance(subject, str):
                if self.at("TRUE", "FALSE"):
                    raise ParseError("unsupported: WHEN TRUE/FALSE object", self.peek())
                cond = self.condition()
                conds.append(ir.Not(cond) if subject == "FALSE" else cond)
                continue
            negate = self.accept("NOT")
            low = self.cond_operand()
            if self.accept("THRU", "THROUGH"):
                high = self.cond_operand()
                obj: ir.Cond = ir.Logic(
                    "AND", ir.Compare(">=", subject, low), ir.Compare("<=", subject, high)
                )
            else:
                obj = ir.Compare("=", subject, low)
            conds.append(ir.Not(obj) if negate else obj)
        return conds

    def stmt_perform(self, tok: Token, line: int) -> ir.Stmt:
        perform = ir.Perform(line)
        nxt = self.peek()
        if (
            nxt.kind in ("word", "num")
            and nxt.text in self.paragraph_names
            and not self.peek(1).is_word("TIMES")
        ):
            perform.target = self.next().text
            if self.accept("THRU", "THROUGH"):
                perform.thru = self.next().text
        self.perform_loop(perform)
        if perform.target is None:
            perform.body = self.statements({"END-PERFORM"})
            self.expect("END-PERFORM")
        return perform

    def perform_loop(self, perform: ir.Perform) -> None:
        if self.accept("WITH"):
            self.expect("TEST")
            perform.test_after = self.next().text == "AFTER"
        elif self.at("TEST"):
            self.i += 1
            perform.test_after = self.next().text == "AFTER"
        if self.accept("UNTIL"):
            perform.until = self.condition()
        elif self.accept("VARYING"):
            while True:
                var = self.ref()
                self.expect("FROM")
                start = self.unary()
                self.expect("BY")
                step = self.unary()
                self.expect("UNTIL")
                perform.varying.append((var, start, step, self.condition()))
                if not self.accept("AFTER"):
                    break
        elif self.peek(1).is_word("TIMES") and self.peek().kind in ("num", "word"):
            perform.times = self.unary()
            self.expect("TIMES")

    def stmt_display(self, tok: Token, line: int) -> ir.Stmt:
        items: list[ir.Expr] = []
        while self.is_operand_start():
            items.append(self.operand())
        advancing = True
        if self.accept("UPON"):
            self.next()
        if self.at("WITH") or self.at("NO"):
            self.accept("WITH")
            self.expect("NO")
            self.expect("ADVANCING")
            advancing = False
        self.accept("END-DISPLAY")
        if not items:
            raise ParseError("DISPLAY needs at least one item", tok)
        return ir.Display(items, advancing, line)

    def stmt_accept(self, tok: Token, line: int) -> ir.Stmt:
        target = self.ref()
        source = ""
        if self.accept("FROM"):
            tok = self.next()
            source = tok.text
            if source not in ("DATE", "DAY", "DAY-OF-WEEK", "TIME"):
                raise ParseError(f"unsupported: ACCEPT FROM {source}", tok)
            if (source, self.peek().text) in (("DATE", "YYYYMMDD"), ("DAY", "YYYYDDD")):
                source += "-" + self.next().text
            if target.item.is_group or target.item.usage != "display":
                raise ParseError(f"unsupported: ACCEPT FROM {source} into {target.item.name}", tok)
        self.accept("END-ACCEPT")
        return ir.Accept(target, line, source)

    def stmt_stop(self, tok: Token, line: int) -> ir.Stmt:
        self.expect("RUN")
        return ir.Stop(line)

    def stmt_goback(self, tok: Token, line: int) -> ir.Stmt:
        return ir.Stop(line, "goback")

    def stmt_continue(self, tok: Token, line: int) -> ir.Stmt:
        return ir.Exit(line)

    def stmt_exit(self, tok: Token, line: int) -> ir.Stmt:
        if self.accept("PROGRAM"):
            return ir.Stop(line, "exit-program")
        if self.at("PERFORM", "SECTION", "PARAGRAPH"):
            raise ParseError(f"unsupported: EXIT {self.peek().text}", self.peek())
        return ir.Exit(line)

    def stmt_go(self, tok: Token, line: int) -> ir.Stmt:
        self.accept("TO")
        targets = [self.next()]
        while self.peek().text in self.paragraph_names and not self.at_label():
            targets.append(self.next())
        for target in targets:
            if target.text not in self.paragraph_names:
                raise ParseError(f"unknown paragraph {target.text}", target)
        if not self.accept("DEPENDING"):
            if len(targets) > 1:
                raise ParseError("expected DEPENDING ON after several paragraphs", self.peek())
            return ir.GoTo(targets[0].text, line)
        self.accept("ON")
        selector = self.ref()
        if not is_integer_item(selector.item):
            raise ParseError("GO TO … DEPENDING ON needs an integer item", tok)
        # GO TO p1 p2 … DEPENDING ON n: to the n-th paragraph; any other value falls through.
        whens = [
            ir.When([ir.Compare("=", selector, ir.Literal("num", str(n)))], [ir.GoTo(t.text, line)])
            for n, t in enumerate(targets, start=1)
        ]
        return ir.Evaluate(whens, line, "GO TO … DEPENDING ON")

    def stmt_call(self, tok: Token, line: int) -> ir.Stmt:
        target = self.next()
        if target.kind == "period" or (target.kind == "word" and target.text in VERBS):
            raise ParseError("expected the name of the program to CALL", tok)
        if target.kind != "str":
            raise ParseError(
                "unsupported: CALL of a program named by a data item (dynamic)", target
            )
        call = ir.CallProgram(target.text.strip().upper(), [], line)
        mode = "REFERENCE"
        if self.accept("USING"):
            while True:
                if self.accept("BY") or self.at("REFERENCE", "CONTENT", "VALUE"):
                    mode = self.next().text
                if mode == "VALUE":
                    raise ParseError("unsupported: CALL … BY VALUE", self.peek())
                if mode not in ("REFERENCE", "CONTENT"):
                    raise ParseError(f"expected REFERENCE or CONTENT, found {mode}", tok)
                if not self.is_operand_start():
                    break
                arg = self.operand()
                if mode == "REFERENCE" and not isinstance(arg, ir.Ref):
                    raise ParseError("CALL … BY REFERENCE needs a data item", tok)
                call.args.append((mode, arg))
        if self.at("RETURNING", "GIVING"):
            raise ParseError("unsupported: CALL … RETURNING", self.peek())
        if self.accept("ON"):
            self.expect("EXCEPTION", "OVERFLOW")
            # A static call always finds its program (a missing one is a translation error).
            self.statements({"NOT", "END-CALL"})
        elif self.at("EXCEPTION", "OVERFLOW"):
            self.i += 1
            self.statements({"NOT", "END-CALL"})
        if self.at("NOT") and self.peek(1).is_word("ON", "EXCEPTION", "OVERFLOW"):
            self.i += 1
            self.accept("ON")
            self.next()
            call.not_on_exception = self.statements({"END-CALL"})
        self.accept("END-CALL")
        return call

    def stmt_alter(self, tok: Token, line: int) -> ir.Stmt:
        raise ParseError("unsupported: ALTER (it changes where a GO TO goes while running)", tok)

    def stmt_cancel(self, tok: Token, line: int) -> ir.Stmt:
        names: list[str] = []
        while self.peek().kind == "str" or (
            self.peek().kind == "word" and self.peek().text in self.by_name
        ):
            target = self.next()
            if target.kind != "str":
                raise ParseError("unsupported: CANCEL of a program named by a data item", target)
            names.append(target.text.strip().upper())
        if not names:
            raise ParseError("expected the name of the program to CANCEL", tok)
        return ir.Cancel(names, line)

    def stmt_next(self, tok: Token, line: int) -> ir.Stmt:
        self.expect("SENTENCE")
        return ir.NextSentence(line)

    def stmt_initialize(self, tok: Token, line: int) -> ir.Stmt:
        targets = [self.ref()]
        while self.peek().kind == "word" and self.peek().text in self.by_name:
            targets.append(self.ref())
        if self.at("REPLACING"):
            raise ParseError("unsupported: INITIALIZE … REPLACING", self.peek())
        return ir.Initialize(targets, line)

    def stmt_inspect(self, tok: Token, line: int) -> ir.Stmt:
        target = self.ref()
        pic = target.item.picture
        if pic is None or pic.category not in ("alphanumeric", "alphabetic"):
            raise ParseError("unsupported: INSPECT of a non-alphanumeric item", tok)
        stmt = ir.Inspect(target, line)
        if self.accept("TALLYING"):
            while self.peek().kind == "word" and self.peek().text in self.by_name:
                counter = self.ref()
                if not counter.item.is_numeric:
                    raise ParseError(f"{counter.item.name} is not numeric", tok)
                self.expect("FOR")
                stmt.tallying.extend(
                    self.inspect_phrases(("ALL", "LEADING", "CHARACTERS"), counter)
                )
        if self.accept("REPLACING"):
            stmt.replacing = self.inspect_phrases(("ALL", "LEADING", "FIRST", "CHARACTERS"), None)
        if self.accept("CONVERTING"):
            source = self.inspect_operand()
            self.expect("TO")
            stmt.converting = (source, self.inspect_operand())
            stmt.converting_bounds = self.inspect_bounds()
        if not (stmt.tallying or stmt.replacing or stmt.converting):
            raise ParseError("INSPECT needs TALLYING, REPLACING or CONVERTING", tok)
        return stmt

    def inspect_phrases(
        self, modes: tuple[str, ...], counter: ir.Ref | None
    ) -> list[ir.InspectClause]:
        """`ALL x [BY y] [bounds] y [BY z] …` or `CHARACTERS [BY y] [bounds]`, repeated; a bare
        operand keeps the mode before it. Stops at the next counter (`n FOR`) or clause."""
        out: list[ir.InspectClause] = []
        mode = ""
        while True:
            if self.at(*modes):
                mode = self.next().text
            elif not (mode and mode != "CHARACTERS" and self.inspect_operand_ahead()):
                return out
            clause = ir.InspectClause(mode, None, counter)
            if mode != "CHARACTERS":
                clause.what = self.inspect_operand()
            if counter is None:
                self.expect("BY")
                clause.by = self.inspect_operand()
            clause.bounds = self.inspect_bounds()
            out.append(clause)

    def inspect_operand_ahead(self) -> bool:
        tok = self.peek()
        if tok.kind == "str" or (tok.kind == "word" and tok.text in FIGURATIVE):
            return True
        return tok.kind == "word" and tok.text in self.by_name and not self.peek(1).is_word("FOR")

    def inspect_bounds(self) -> list[tuple[str, ir.Expr]]:
        bounds: list[tuple[str, ir.Expr]] = []
        while self.at("BEFORE", "AFTER"):
            side = self.next().text
            self.accept("INITIAL")
            bounds.append((side, self.inspect_operand()))
        return bounds

    def inspect_operand(self) -> ir.Expr:
        tok = self.peek()
        if tok.kind == "str" or tok.text in FIGURATIVE:
            return self.literal()
        ref = self.ref()
        if ref.item.is_numeric:
            raise ParseError("unsupported: numeric INSPECT operand", tok)
        return ref

    def stmt_string(self, tok: Token, line: int) -> ir.Stmt:
        parts: list[tuple[ir.Expr, ir.Expr | None]] = []
        while not self.at("INTO"):
            pending: list[ir.Expr] = []
            while not self.at("DELIMITED", "INTO"):
                if self.peek().kind in ("period", "eof"):
                    raise ParseError("STRING needs INTO", tok)
                pending.append(self.inspect_operand_or_number())
            delim: ir.Expr | None = None
            if self.accept("DELIMITED"):
                self.accept("BY")
                delim = None if self.accept("SIZE") else self.inspect_operand()
            if not pending:
                raise ParseError("STRING needs sending items before DELIMITED", self.peek())
            parts.extend((p, delim) for p in pending)
        self.expect("INTO")
        target = self.ref()
        pic = target.item.picture
        if pic is None or pic.category not in ("alphanumeric", "alphabetic"):
            raise ParseError("unsupported: STRING into a non-alphanumeric item", tok)
        stmt = ir.StringStmt(parts, target, line, pointer=self.pointer_phrase())
        stmt.on_overflow, stmt.not_on_overflow = self.overflow_phrases("STRING")
        self.accept("END-STRING")
        return stmt

    def pointer_phrase(self) -> ir.Ref | None:
        """[WITH] POINTER p: an integer item counting character positions from 1."""
        if not (self.at("POINTER") or (self.at("WITH") and self.peek(1).is_word("POINTER"))):
            return None
        self.accept("WITH")
        return self.integer_ref(self.expect("POINTER"))

    def integer_ref(self, tok: Token) -> ir.Ref:
        ref = self.ref()
        pic = ref.item.picture
        if pic is None or pic.category != "numeric" or pic.scale:
            raise ParseError(f"{ref.item.name} must be an integer item", tok)
        return ref

    def overflow_phrases(self, verb: str) -> tuple[list[ir.Stmt] | None, list[ir.Stmt] | None]:
        """[ON] OVERFLOW statements [NOT [ON] OVERFLOW statements] of STRING and UNSTRING."""
        on: list[ir.Stmt] | None = None
        off: list[ir.Stmt] | None = None
        if self.at("OVERFLOW") or (self.at("ON") and self.peek(1).is_word("OVERFLOW")):
            self.accept("ON")
            self.expect("OVERFLOW")
            on = self.statements({"NOT", f"END-{verb}"})
        if self.at("NOT"):
            self.i += 1
            self.accept("ON")
            self.expect("OVERFLOW")
            off = self.statements({f"END-{verb}"})
        return on, off

    def stmt_unstring(self, tok: Token, line: int) -> ir.Stmt:
        source = self.ref()
        if not self.is_text_item(source.item):
            raise ParseError("unsupported: UNSTRING of a non-alphanumeric item", tok)
        delimiters: list[tuple[ir.Expr, bool]] = []
        if self.accept("DELIMITED"):
            self.accept("BY")
            while True:
                every = self.accept("ALL")
                delimiters.append((self.inspect_operand(), every))
                if not self.accept("OR"):
                    break
        self.expect("INTO")
        into: list[ir.UnstringInto] = []
        while self.peek().kind == "word" and self.peek().text in self.by_name:
            receiver = ir.UnstringInto(self.unstring_receiver())
            if self.accept("DELIMITER"):
                self.accept("IN")
                receiver.delimiter_in = self.ref()
                if not self.is_text_item(receiver.delimiter_in.item):
                    raise ParseError("DELIMITER IN needs an alphanumeric item", tok)
            if self.accept("COUNT"):
                self.accept("IN")
                receiver.count_in = self.integer_ref(tok)
            if (receiver.delimiter_in or receiver.count_in) and not delimiters:
                raise ParseError("DELIMITER IN and COUNT IN need DELIMITED BY", tok)
            into.append(receiver)
        if not into:
            raise ParseError(f"UNSTRING needs receiving items, found {self.desc()}", self.peek())
        stmt = ir.Unstring(source, delimiters, into, line, pointer=self.pointer_phrase())
        if self.accept("TALLYING"):
            self.accept("IN")
            stmt.tallying = self.integer_ref(tok)
        stmt.on_overflow, stmt.not_on_overflow = self.overflow_phrases("UNSTRING")
        self.accept("END-UNSTRING")
        return stmt

    def unstring_receiver(self) -> ir.Ref:
        tok = self.peek()
        ref = self.ref()
        item = ref.item
        if self.is_text_item(item):
            return ref
        pic = item.picture
        if pic is not None and pic.category == "numeric" and item.usage == "display":
            # GnuCOBOL moves the field as alphanumeric text: exact for unsigned integers only.
            if pic.signed or pic.scale:
                raise ParseError("unsupported: UNSTRING into a signed or non-integer item", tok)
            return ref
        raise ParseError(f"unsupported: UNSTRING into {item.name} (group, edited or binary)", tok)

    @staticmethod
    def is_text_item(item: ir.DataItem) -> bool:
        pic = item.picture
        return pic is not None and pic.category in ("alphanumeric", "alphabetic")

    def inspect_operand_or_number(self) -> ir.Expr:
        tok = self.peek()
        if tok.is_word("FUNCTION"):
            return self.function()
        if tok.kind == "num":
            self.i += 1
            return ir.Literal("str", tok.text)  # a numeric literal sends its digits as written
        ref_or_lit = (
            self.inspect_operand() if tok.kind != "word" or tok.text in FIGURATIVE else None
        )
        if ref_or_lit is not None:
            return ref_or_lit
        ref = self.ref()
        if ref.item.is_numeric and (ref.item.usage != "display" or ref.item.picture.scale):  # type: ignore[union-attr]
            raise ParseError("unsupported: STRING of a non-integer or binary number", tok)
        return ref

    def stmt_set(self, tok: Token, line: int) -> ir.Stmt:
        if self.peek().text in self.conds and self.peek().text not in self.by_name:
            cond = self.cond_ref()
            self.expect("TO")
            self.expect("TRUE")
            return ir.SetCond(cond, line)
        targets = [self.ref()]
        while not self.at("TO", "UP", "DOWN") and self.peek().kind == "word":
            targets.append(self.ref())
        if self.accept("TO"):
            source = self.operand()
            indexes = [r.item for r in targets] + (
                [source.item] if isinstance(source, ir.Ref) else []
            )
            if not any(item.index_of is not None for item in indexes):
                raise ParseError("SET … TO needs an index (INDEXED BY) on one side", tok)
            return ir.Move(source, targets, line)
        op = "+" if self.next().is_word("UP") else "-"
        self.expect("BY")
        step = self.expr()
        for ref in targets:
            if ref.item.index_of is None:
                raise ParseError(f"SET … UP/DOWN BY needs an index, {ref.item.name} is not", tok)
        return ir.Arith("SET", [ir.Store(r, ir.BinOp(op, r, step)) for r in targets], line)

    def stmt_search(self, tok: Token, line: int) -> ir.Stmt:
        binary = self.accept("ALL")
        table = self.table_name()
        varying = None
        if self.accept("VARYING"):
            varying = self.ref()
        index = ir.Ref(table.indexes[0], [], line)
        if varying is not None and any(varying.item is index for index in table.indexes):
            index, varying = varying, None
        at_end: list[ir.Stmt] = []
        if self.at("AT", "END") and not self.at("END-SEARCH"):
            self.accept("AT")
            self.expect("END")
            at_end = self.statements({"WHEN"})
        whens: list[tuple[ir.Cond, list[ir.Stmt]]] = []
        while self.accept("WHEN"):
            cond = self.condition()
            whens.append((cond, self.statements({"WHEN", "END-SEARCH"})))
        if not whens:
            raise ParseError(f"SEARCH needs a WHEN, found {self.desc()}", self.peek())
        self.accept("END-SEARCH")
        search = ir.Search(table, index, whens, at_end, line, binary, varying)
        if binary:
            self.check_binary_search(search, tok)
        return search

    def table_name(self) -> ir.DataItem:
        table, tok = self.qualified_item()
        if not table.occurs:
            raise ParseError(f"SEARCH needs a table, {table.name} has no OCCURS", tok)
        if any(node.occurs for node in table.lineage()[1:]):
            raise ParseError("unsupported: SEARCH of a table inside a table", tok)
        if not table.indexes:
            raise ParseError(f"SEARCH needs INDEXED BY on {table.name}", tok)
        return table

    def check_binary_search(self, search: ir.Search, tok: Token) -> None:
        """SEARCH ALL: one WHEN, `key(index) = value` terms joined by AND, keys declared."""
        if len(search.whens) != 1:
            raise ParseError("SEARCH ALL takes exactly one WHEN", tok)
        keys = {id(item) for _, item in search.table.keys}
        if not keys:
            raise ParseError(
                f"SEARCH ALL needs ASCENDING/DESCENDING KEY on {search.table.name}", tok
            )
        for term in _conjuncts(search.whens[0][0]):
            if not (
                isinstance(term, ir.Compare)
                and term.op == "="
                and isinstance(term.left, ir.Ref)
                and id(term.left.item) in keys
                and len(term.left.subscripts) == 1
                and isinstance(term.left.subscripts[0], ir.Ref)
                and term.left.subscripts[0].item is search.index.item
            ):
                raise ParseError(
                    "unsupported: SEARCH ALL condition other than KEY(index) = value AND …", tok
                )


def _constant(e: ir.Expr) -> int | None:
    if isinstance(e, ir.Literal) and e.kind == "num" and "." not in e.text:
        return int(e.text)
    return None


def _conjuncts(cond: ir.Cond) -> list[ir.Cond]:
    if isinstance(cond, ir.Logic) and cond.op == "AND":
        return _conjuncts(cond.left) + _conjuncts(cond.right)
    return [cond]

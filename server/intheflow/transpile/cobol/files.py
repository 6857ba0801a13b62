"""Parsing of files: FILE-CONTROL `SELECT`s, `FD`/`SD` entries and the statements that use them
(OPEN CLOSE READ WRITE REWRITE, SORT MERGE RELEASE RETURN).

`FileParser` works on the parser's tokens through its helpers; it builds `ir.FileDef`s and the
file statements of the IR. Anything the runtimes cannot reproduce byte for byte (indexed and
relative files, LINAGE, variable records, dynamic ASSIGN) is refused with its location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intheflow.transpile.cobol.lexer import Token
from intheflow.transpile.ir import model as ir

if TYPE_CHECKING:
    from intheflow.transpile.cobol.parser import Parser

OPEN_MODES = ("INPUT", "OUTPUT", "I-O", "EXTEND")
# SELECT clauses that only tune the platform (buffers, locking) and change no bytes.
IGNORED_SELECT_WORDS = {"RESERVE", "AREA", "AREAS", "LOCK", "MODE", "MANUAL", "AUTOMATIC",
                        "EXCLUSIVE", "SHARING", "WITH", "ALL", "OTHER", "NO", "READ", "ONLY",
                        "PADDING", "CHARACTER"}  # fmt: skip
REFUSED_FD_WORDS = {"LINAGE", "CODE-SET", "REPORT", "REPORTS", "VARYING", "DEPENDING"}


def record_size(record: ir.DataItem) -> int:
    """Bytes of a record before layout (DISPLAY sizes; COMP sizes are close enough to rank)."""
    if record.picture is not None:
        return record.picture.size * max(1, record.occurs)
    return sum(record_size(child) for child in record.children if child.redefines is None) * max(
        1, record.occurs
    )


def _error(message: str, tok: Token) -> Exception:
    from intheflow.transpile.cobol.parser import ParseError

    return ParseError(message, tok)


class FileParser:
    """FILE-CONTROL, FILE SECTION and file statements, parsed with the parser's token helpers."""

    def __init__(self, parser: Parser) -> None:
        self.p = parser
        self.files: dict[str, ir.FileDef] = {}
        self.file_status_names: dict[str, Token] = {}
        self.assign_words: dict[str, Token] = {}
        self.current_fd: ir.FileDef | None = None

    # ---- ENVIRONMENT DIVISION -------------------------------------------------------------------
    def select_entry(self) -> None:
        select = self.p.next()
        optional = self.p.accept("OPTIONAL")
        name_tok = self.p.next()
        if name_tok.kind != "word":
            self.p.error_at(f"expected a file name, found {self.p.desc(name_tok)}", name_tok)
            self.p.skip_to_period()
            return
        fd = ir.FileDef(name_tok.text, name_tok.line + 1, col=name_tok.col, optional=optional)
        if name_tok.text in self.files:
            self.p.error_at(f"file {name_tok.text} is selected twice", name_tok)
        self.files[name_tok.text] = fd
        organization = ""
        while self.p.peek().kind not in ("period", "eof"):
            tok = self.p.next()
            if tok.is_word("ASSIGN"):
                self.p.accept("TO", "USING")
                target = self.p.next()
                if target.kind not in ("str", "word"):
                    self.p.error_at(
                        f"expected a file name after ASSIGN, found {target.text}", target
                    )
                fd.assign = target.text
                if target.kind == "word":
                    self.assign_words[fd.name] = target
            elif tok.is_word("ORGANIZATION", "LINE", "RECORD", "SEQUENTIAL", "INDEXED", "RELATIVE"):
                self.p.accept("IS")
                word = tok if not tok.is_word("ORGANIZATION") else self.p.next()
                if word.is_word("LINE", "RECORD"):
                    organization = word.text
                    word = self.p.next()
                if word.is_word("INDEXED", "RELATIVE"):
                    self.p.error_at(f"unsupported: ORGANIZATION {word.text}", word, "unsupported")
                elif not word.is_word("SEQUENTIAL"):
                    self.p.error_at(f"expected SEQUENTIAL, found {self.p.desc(word)}", word)
                fd.organization = "line-sequential" if organization == "LINE" else "sequential"
            elif tok.is_word("ACCESS"):
                self.p.accept("MODE")
                self.p.accept("IS")
                mode = self.p.next()
                if not mode.is_word("SEQUENTIAL"):
                    self.p.error_at(f"unsupported: ACCESS {mode.text}", mode, "unsupported")
            elif tok.is_word("FILE") or tok.is_word("STATUS"):
                if tok.is_word("FILE") and not self.p.accept("STATUS"):
                    self.p.error_at(f"expected STATUS, found {self.p.desc()}", self.p.peek())
                    continue
                self.p.accept("IS")
                status = self.p.next()
                if status.kind != "word":
                    self.p.error_at(f"expected a data name after FILE STATUS, found {status.text}",
                                  status)  # fmt: skip
                self.file_status_names[fd.name] = status
            elif tok.is_word("RECORD", "ALTERNATE", "RELATIVE", "KEY"):
                self.p.error_at(f"unsupported: {tok.text} KEY", tok, "unsupported")
            elif (
                (
                    tok.is_word("COLLATING")
                    or (tok.kind == "word" and tok.text in IGNORED_SELECT_WORDS)
                )
                or tok.kind == "num"
                or tok.is_word("IS", "TO")
            ):
                continue
            else:
                self.p.error_at(f"unexpected {self.p.desc(tok)} in SELECT {fd.name}", tok)
        if not fd.assign:
            self.p.error_at(f"SELECT {fd.name} needs ASSIGN", select)
        self.p.period()

    # ---- FILE SECTION ---------------------------------------------------------------------------
    def fd_entry(self) -> None:
        kind = self.p.next()
        name = self.p.next()
        fd = self.files.get(name.text)
        if fd is None:
            self.p.error_at(f"{kind.text} {name.text} has no SELECT", name)
            fd = ir.FileDef(name.text, name.line + 1, col=name.col)
        fd.is_sort = kind.is_word("SD")
        if fd.records:
            self.p.error_at(f"file {name.text} has two {kind.text} entries", name)
        self.current_fd = fd
        # LABEL RECORDS, BLOCK CONTAINS, DATA RECORDS, VALUE OF, RECORDING MODE: documentation
        # only, as in cobc; the 01 entries that follow give the record layout. RECORD CONTAINS
        # is kept: a size other than the records' makes cobc write variable-length records.
        while self.p.peek().kind not in ("period", "eof"):
            tok = self.p.next()
            if tok.kind == "word" and tok.text in REFUSED_FD_WORDS:
                self.p.error_at(f"unsupported: {tok.text} in {kind.text} {name.text}", tok,
                              "unsupported")  # fmt: skip
            elif tok.is_word("RECORD") and not self.p.at("IS", "ARE"):
                self.p.accept("CONTAINS")
                sizes = [self.p.next().text]
                if self.p.accept("TO"):
                    sizes.append(self.p.next().text)
                if all(size.isdigit() for size in sizes):
                    fd.record_contains = (int(sizes[0]), int(sizes[-1]))
        self.p.period()

    def resolve_files(self, records: list[ir.DataItem]) -> list[ir.FileDef]:
        """After the DATA DIVISION: FILE STATUS items, dynamic ASSIGNs, records of each file."""
        for name, tok in self.file_status_names.items():
            items = self.p.by_name.get(tok.text, [])
            if len(items) != 1:
                self.p.error_at(f"FILE STATUS item {tok.text} is unknown or ambiguous", tok)
                continue
            item = items[0]
            pic = item.picture
            if pic is None or pic.category != "alphanumeric" or pic.size != 2:
                self.p.error_at(f"FILE STATUS item {tok.text} must be PIC XX", tok)
            self.files[name].status = item
        for name, tok in self.assign_words.items():
            items = self.p.by_name.get(tok.text, [])
            if not items:
                continue  # an external name, mapped like a literal
            pic = items[0].picture
            if len(items) > 1 or pic is None or pic.category != "alphanumeric":
                self.p.error_at(f"ASSIGN TO {tok.text} needs one alphanumeric item", tok)
                continue
            self.files[name].assign_item = items[0]
        for fd in self.files.values():
            if not fd.records:
                self.p.problem(f"file {fd.name} has no FD/SD with a record", fd.line - 1, fd.col)
            # The 01s of one FD/SD share the record area: each redefines the largest (cobc's
            # implicit REDEFINES), so the back ends hold them as one byte string.
            if len(fd.records) > 1:
                base = max(fd.records, key=record_size)
                for record in fd.records:
                    if record is not base:
                        record.redefined = base
                # Laid out first, as a REDEFINES base precedes what redefines it.
                first = min(records.index(r) for r in fd.records)
                records.remove(base)
                records.insert(first, base)
                fd.records.remove(base)
                fd.records.insert(0, base)
        return list(self.files.values())

    # ---- statements -----------------------------------------------------------------------------
    def file_ref(self, sort: bool | None = None) -> ir.FileDef:
        tok = self.p.next()
        fd = self.files.get(tok.text)
        if fd is None:
            raise _error(f"unknown file {tok.text}", tok)
        if sort is not None and fd.is_sort != sort:
            kind = "a sort file (SD)" if sort else "a file (FD), not a sort file"
            raise _error(f"{tok.text} must be {kind}", tok)
        return fd

    def record_ref(self, sort: bool) -> tuple[ir.Ref, ir.FileDef]:
        tok = self.p.peek()
        if tok.text in self.files:
            raise _error(f"{tok.text} is a file: WRITE, REWRITE and RELEASE name a record", tok)
        ref = self.p.ref()
        for fd in self.files.values():
            if ref.item in fd.records:
                if fd.is_sort != sort:
                    raise _error(f"{tok.text} is not a record of {'an SD' if sort else 'an FD'}",
                                 tok)  # fmt: skip
                return ref, fd
        raise _error(f"{tok.text} is not a record of a file", tok)

    def stmt_open(self, tok: Token, line: int) -> ir.Stmt:
        files: list[tuple[str, ir.FileDef]] = []
        while self.p.at(*OPEN_MODES):
            mode = self.p.next().text
            before = len(files)
            while self.p.peek().kind == "word" and self.p.peek().text in self.files:
                name = self.p.peek()
                files.append((mode, self.file_ref(sort=False)))
                if mode == "I-O" and files[-1][1].organization == "line-sequential":
                    raise _error("OPEN I-O not allowed on LINE SEQUENTIAL files", name)
                if self.p.at("WITH", "REVERSED", "NO"):
                    raise _error("unsupported: OPEN … WITH NO REWIND / LOCK", self.p.peek())
            if len(files) == before:
                raise _error(f"OPEN {mode} needs a file name", self.p.peek())
        if not files:
            raise _error("expected INPUT, OUTPUT, I-O or EXTEND after OPEN", self.p.peek())
        return ir.Open(files, line)

    def stmt_close(self, tok: Token, line: int) -> ir.Stmt:
        files: list[ir.FileDef] = []
        while self.p.peek().kind == "word" and self.p.peek().text in self.files:
            files.append(self.file_ref(sort=False))
            if self.p.at("WITH", "LOCK", "NO", "REEL", "UNIT"):
                raise _error("unsupported: CLOSE … WITH LOCK / NO REWIND / REEL", self.p.peek())
        if not files:
            raise _error("CLOSE needs a file name", self.p.peek())
        return ir.Close(files, line)

    def stmt_read(self, tok: Token, line: int) -> ir.Stmt:
        stmt = ir.Read(self.file_ref(sort=False), line)
        self.p.accept("NEXT")
        self.p.accept("RECORD")
        if self.p.at("KEY", "INVALID", "WITH", "LOCK"):
            raise _error(f"unsupported: READ … {self.p.peek().text}", self.p.peek())
        return self.at_end_phrases(stmt, "READ")

    def stmt_return(self, tok: Token, line: int) -> ir.Stmt:
        stmt = ir.Read(self.file_ref(sort=True), line)
        self.p.accept("RECORD")
        stmt = self.at_end_phrases(stmt, "RETURN")
        if stmt.at_end is None:
            raise _error("RETURN needs AT END", tok)
        return stmt

    def at_end_phrases(self, stmt: ir.Read, verb: str) -> ir.Read:
        if self.p.accept("INTO"):
            stmt.into = self.p.ref()
        if self.p.at("AT") or (self.p.at("END") and not self.p.peek(1).is_word(f"END-{verb}")):
            self.p.accept("AT")
            self.p.expect("END")
            stmt.at_end = self.p.statements({"NOT", f"END-{verb}"})
        if self.p.at("NOT") and self.p.peek(1).is_word("AT", "END"):
            self.p.i += 1
            self.p.accept("AT")
            self.p.expect("END")
            stmt.not_at_end = self.p.statements({f"END-{verb}"})
        self.p.accept(f"END-{verb}")
        return stmt

    def stmt_write(self, tok: Token, line: int) -> ir.Stmt:
        record, fd = self.record_ref(sort=False)
        stmt = ir.Write("WRITE", record, fd, line)
        if self.p.accept("FROM"):
            stmt.source = self.p.operand()
        if self.p.at("BEFORE", "AFTER"):
            adv = self.p.next()
            if fd.organization != "line-sequential":
                raise _error("unsupported: ADVANCING on a record-sequential file", adv)
            stmt.advancing = adv.text
            self.p.accept("ADVANCING")
            if self.p.accept("PAGE"):
                stmt.lines = None
            else:
                stmt.lines = self.p.unary()
                self.p.accept("LINE", "LINES")
        if self.p.at("AT", "END-OF-PAGE", "EOP", "INVALID", "NOT"):
            raise _error(f"unsupported: WRITE … {self.p.peek().text}", self.p.peek())
        self.p.accept("END-WRITE")
        return stmt

    def stmt_rewrite(self, tok: Token, line: int) -> ir.Stmt:
        record, fd = self.record_ref(sort=False)
        if fd.organization == "line-sequential":
            raise _error("unsupported: REWRITE of a LINE SEQUENTIAL file", tok)
        stmt = ir.Write("REWRITE", record, fd, line)
        if self.p.accept("FROM"):
            stmt.source = self.p.operand()
        if self.p.at("INVALID", "NOT"):
            raise _error("unsupported: REWRITE … INVALID KEY", self.p.peek())
        self.p.accept("END-REWRITE")
        return stmt

    def stmt_release(self, tok: Token, line: int) -> ir.Stmt:
        record, fd = self.record_ref(sort=True)
        stmt = ir.Write("RELEASE", record, fd, line)
        if self.p.accept("FROM"):
            stmt.source = self.p.operand()
        return stmt

    def stmt_sort(self, tok: Token, line: int) -> ir.Stmt:
        return self.sort_or_merge(tok, line)

    def stmt_merge(self, tok: Token, line: int) -> ir.Stmt:
        return self.sort_or_merge(tok, line)

    def sort_or_merge(self, tok: Token, line: int) -> ir.Sort:
        stmt = ir.Sort(tok.text, self.file_ref(sort=True), [], line)
        while self.p.at("ON", "ASCENDING", "DESCENDING"):
            self.p.accept("ON")
            ascending = self.p.expect("ASCENDING", "DESCENDING").text == "ASCENDING"
            self.p.accept("KEY")
            self.p.accept("IS")
            while self.p.peek().kind == "word" and self.p.peek().text in self.p.by_name:
                key_tok = self.p.peek()
                key = self.p.ref()
                if key.item.record() not in stmt.file.records:
                    raise _error(f"sort key {key_tok.text} is not in {stmt.file.name}", key_tok)
                if key.item.is_group or key.item.usage != "display" or key.subscripts:
                    raise _error(f"unsupported: sort key {key_tok.text} (group, table or binary)",
                                 key_tok)  # fmt: skip
                stmt.keys.append(ir.SortKey(ascending, key))
        if not stmt.keys:
            raise _error(f"{tok.text} needs ON ASCENDING/DESCENDING KEY", self.p.peek())
        if self.p.accept("WITH"):
            self.p.expect("DUPLICATES")
        if self.p.accept("DUPLICATES"):
            self.p.accept("IN")
            self.p.accept("ORDER")
        if self.p.at("COLLATING", "SEQUENCE"):
            raise _error(f"unsupported: {tok.text} … COLLATING SEQUENCE", self.p.peek())
        if self.p.accept("USING"):
            while self.p.peek().kind == "word" and self.p.peek().text in self.files:
                stmt.using.append(self.file_ref(sort=False))
        elif tok.is_word("SORT") and self.p.accept("INPUT"):
            stmt.input_procedure = [self.procedure_range(line)]
        else:
            raise _error(f"{tok.text} needs USING" + (" or INPUT PROCEDURE" if
                         tok.is_word("SORT") else ""), self.p.peek())  # fmt: skip
        if self.p.accept("GIVING"):
            while self.p.peek().kind == "word" and self.p.peek().text in self.files:
                stmt.giving.append(self.file_ref(sort=False))
        elif self.p.accept("OUTPUT"):
            stmt.output_procedure = [self.procedure_range(line)]
        else:
            raise _error(f"{tok.text} needs GIVING or OUTPUT PROCEDURE", self.p.peek())
        if tok.is_word("MERGE") and len(stmt.using) < 2:
            raise _error("MERGE needs at least two USING files", tok)
        if (stmt.input_procedure is None and not stmt.using) or (
            stmt.output_procedure is None and not stmt.giving
        ):
            raise _error(f"{tok.text} USING/GIVING needs file names", tok)
        return stmt

    def procedure_range(self, line: int) -> ir.Perform:
        self.p.expect("PROCEDURE")
        self.p.accept("IS")
        first = self.p.next()
        if first.text not in self.p.paragraph_names:
            raise _error(f"unknown paragraph or section {first.text}", first)
        perform = ir.Perform(line, target=first.text)
        if self.p.accept("THRU", "THROUGH"):
            last = self.p.next()
            if last.text not in self.p.paragraph_names:
                raise _error(f"unknown paragraph or section {last.text}", last)
            perform.thru = last.text
        return perform

"""The typed IR: data items with decoded pictures and storage layout, and structured statements.

The parser produces it directly (names already resolved to items); passes rewrite it; back ends
print it. Every node keeps the COBOL line it came from so generated code can point back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Picture:
    """A decoded PICTURE string."""

    text: str  # as written, e.g. "S9(5)V99"
    category: str  # numeric | alphanumeric | alphabetic | numeric-edited | alphanumeric-edited
    digits: int = 0  # numeric: total digit positions
    scale: int = 0  # numeric: digits after the implied decimal point
    signed: bool = False
    size: int = 0  # characters in DISPLAY form
    edit: str = ""  # expanded edit mask for edited pictures, e.g. "ZZ,ZZ9.99-"


@dataclass
class Condition88:
    name: str
    values: list[tuple[Literal, Literal | None]]  # (value, THRU value)
    line: int


@dataclass
class DataItem:
    name: str  # COBOL name, upper case; FILLER items get "FILLER"
    level: int
    line: int
    col: int = 0
    picture: Picture | None = None
    usage: str = "display"  # display | comp | comp-3 | comp-5
    occurs: int = 0  # 0: not a table
    value: Literal | None = None
    redefines: str | None = None
    # Shared storage: the item whose bytes this one REDEFINES (resolved by the parser), the first
    # and last items a 66 RENAMES covers, the 66 items of an 01 record, and whether an 01 record
    # is held as one byte string (it or an item in it shares bytes; see passes.layout_records).
    redefined: DataItem | None = field(default=None, repr=False)
    renames: list[DataItem] = field(default_factory=list, repr=False)
    aliases: list[DataItem] = field(default_factory=list, repr=False)
    bytes_backed: bool = False
    # Tables: OCCURS min TO max DEPENDING ON (occurs is the max), the KEY items of SEARCH ALL
    # ("ASCENDING"/"DESCENDING", key item) and the INDEXED BY index items (their own 77 records).
    # SIGN LEADING / SEPARATE on a signed DISPLAY number (TRAILING overpunched is the default),
    # JUSTIFIED RIGHT on an alphanumeric item.
    sign_leading: bool = False
    sign_separate: bool = False
    justified: bool = False
    occurs_min: int = 0
    depending: Ref | None = field(default=None, repr=False)
    keys: list[tuple[str, DataItem]] = field(default_factory=list, repr=False)
    indexes: list[DataItem] = field(default_factory=list, repr=False)
    index_of: DataItem | None = field(default=None, repr=False)  # for an index: its table
    children: list[DataItem] = field(default_factory=list)
    conditions: list[Condition88] = field(default_factory=list)
    parent: DataItem | None = field(default=None, repr=False)
    offset: int = 0  # byte offset in its 01 record (set by passes.layout_records)
    size: int = 0  # bytes of one occurrence
    path: str = ""  # where it was declared (copybooks differ from the program)
    section: str = "WORKING-STORAGE"  # of a record: WORKING-STORAGE | LOCAL-STORAGE | LINKAGE

    @property
    def is_group(self) -> bool:
        return self.picture is None

    @property
    def is_numeric(self) -> bool:
        return self.picture is not None and self.picture.category == "numeric"

    @property
    def is_filler(self) -> bool:
        return self.name == "FILLER"

    def lineage(self) -> list[DataItem]:
        """The item, then each group it belongs to, up to its 01 record."""
        out = [self]
        while out[-1].parent is not None:
            parent = out[-1].parent
            assert parent is not None
            out.append(parent)
        return out

    def record(self) -> DataItem:
        item = self
        while item.parent is not None:
            item = item.parent
        return item

    def walk(self) -> list[DataItem]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


# ---- expressions -------------------------------------------------------------------------------


@dataclass
class Literal:
    """A literal: numeric (text kept exact), alphanumeric, or figurative constant."""

    kind: str  # num | str | figurative
    text: (
        str  # num: "-12.50"; str: the characters; figurative: SPACE ZERO HIGH-VALUE LOW-VALUE QUOTE
    )
    all: bool = False  # ALL "x"

    @property
    def scale(self) -> int:
        return len(self.text.split(".")[1]) if self.kind == "num" and "." in self.text else 0


@dataclass
class RefMod:
    """Reference modification item(start:length): characters of the item's bytes, 1-based."""

    start: Expr
    length: Expr | None  # None: to the end of the item


@dataclass
class Ref:
    item: DataItem
    subscripts: list[Expr] = field(default_factory=list)
    line: int = 0
    refmod: RefMod | None = None


@dataclass
class CondRef:
    """A reference to an 88-level condition name."""

    item: DataItem
    cond: Condition88
    subscripts: list[Expr] = field(default_factory=list)


@dataclass
class BinOp:
    op: str  # + - * / **
    left: Expr
    right: Expr


@dataclass
class Neg:
    operand: Expr


@dataclass
class TruncTo:
    """Truncate toward zero to `scale` decimals (the quotient stored by DIVIDE … REMAINDER)."""

    operand: Expr
    scale: int


@dataclass
class Func:
    """An intrinsic FUNCTION (see NUMERIC_FUNCTIONS and TEXT_FUNCTIONS)."""

    name: str
    args: list[Expr]
    line: int = 0
    mode: str = ""  # TRIM: LEADING | TRAILING


NUMERIC_FUNCTIONS = {
    "ABS", "INTEGER", "INTEGER-PART", "MOD", "REM", "MAX", "MIN", "SUM", "MEAN", "MEDIAN",
    "LENGTH", "NUMVAL", "NUMVAL-C", "ORD", "INTEGER-OF-DATE", "DATE-OF-INTEGER",
    "DAY-OF-INTEGER", "INTEGER-OF-DAY",
}  # fmt: skip
TEXT_FUNCTIONS = {"UPPER-CASE", "LOWER-CASE", "REVERSE", "TRIM", "CHAR", "CURRENT-DATE"}
# Functions whose arguments are text (the others take arithmetic expressions).
TEXT_ARGUMENT_FUNCTIONS = {
    "UPPER-CASE", "LOWER-CASE", "REVERSE", "TRIM", "LENGTH", "NUMVAL", "NUMVAL-C", "ORD",
}  # fmt: skip
# How many arguments each takes; the rest take one or more.
FUNCTION_ARITY = {
    "MOD": 2, "REM": 2, "CURRENT-DATE": 0,
    **{name: 1 for name in ("ABS", "INTEGER", "INTEGER-PART", "CHAR", "INTEGER-OF-DATE",
                            "DATE-OF-INTEGER", "DAY-OF-INTEGER", "INTEGER-OF-DAY")},
    **{name: 1 for name in TEXT_ARGUMENT_FUNCTIONS},
}  # fmt: skip

Expr = Literal | Ref | BinOp | Neg | TruncTo | Func


@dataclass
class Compare:
    op: str  # = <> < <= > >=
    left: Expr
    right: Expr


@dataclass
class ClassTest:
    operand: Ref
    kind: str  # NUMERIC ALPHABETIC POSITIVE NEGATIVE ZERO


@dataclass
class Logic:
    op: str  # AND OR
    left: Cond
    right: Cond


@dataclass
class Not:
    operand: Cond


Cond = Compare | ClassTest | Logic | Not | CondRef


# ---- statements --------------------------------------------------------------------------------


@dataclass
class Move:
    source: Expr
    targets: list[Ref]
    line: int


@dataclass
class Store:
    target: Ref
    value: Expr
    rounded: bool = False


@dataclass
class Arith:
    """Any arithmetic statement, lowered to stores; on size error only if the clause is present."""

    verb: str  # ADD SUBTRACT MULTIPLY DIVIDE COMPUTE
    stores: list[Store]
    line: int
    on_size_error: list[Stmt] | None = None
    not_on_size_error: list[Stmt] | None = None


@dataclass
class If:
    cond: Cond
    then: list[Stmt]
    orelse: list[Stmt]
    line: int


@dataclass
class When:
    # One entry per subject (ALSO); None means ANY. Conditions are already combined with subjects.
    conds: list[Cond | None]
    body: list[Stmt]
    other: bool = False


@dataclass
class Evaluate:
    whens: list[When]
    line: int
    verb: str = "EVALUATE"  # or "GO TO … DEPENDING ON", lowered to one WHEN per paragraph


@dataclass
class Perform:
    """PERFORM: of paragraphs (target..thru) or an inline body, with a loop form."""

    line: int
    target: str | None = None  # paragraph/section name
    thru: str | None = None
    body: list[Stmt] | None = None  # inline PERFORM
    times: Expr | None = None
    until: Cond | None = None
    test_after: bool = False
    varying: list[tuple[Ref, Expr, Expr, Cond]] = field(
        default_factory=list
    )  # var, from, by, until


@dataclass
class Call:
    """A call of a generated function (PERFORM of a paragraph after passes.build_functions)."""

    function: str
    line: int


@dataclass
class Display:
    items: list[Expr]
    advancing: bool
    line: int


@dataclass
class Accept:
    """ACCEPT from stdin, or from the clock: source DATE, DATE-YYYYMMDD, DAY, DAY-YYYYDDD,
    DAY-OF-WEEK or TIME."""

    target: Ref
    line: int
    source: str = ""


@dataclass
class GoTo:
    target: str
    line: int


@dataclass
class Stop:
    line: int
    # run: STOP RUN ends the run unit. goback / exit-program: GOBACK and EXIT PROGRAM return to
    # the caller in a called program; in the main program GOBACK ends the run.
    kind: str = "run"


@dataclass
class CallProgram:
    """Static CALL "NAME" USING …: the called program runs with the caller's items as its
    LINKAGE (BY REFERENCE: its changes come back; BY CONTENT: it works on a copy)."""

    program: str  # PROGRAM-ID of the called program
    args: list[tuple[str, Expr]]  # (REFERENCE | CONTENT, item or literal)
    line: int
    not_on_exception: list[Stmt] = field(default_factory=list)  # static calls always resolve


@dataclass
class Exit:
    line: int  # EXIT / CONTINUE: no-op


@dataclass
class Initialize:
    targets: list[Ref]
    line: int


@dataclass
class SetCond:
    """SET cond-name TO TRUE."""

    cond: CondRef
    line: int


@dataclass
class Return:
    """Leave the current function (a GO TO to the paragraph that follows)."""

    line: int


@dataclass
class Restart:
    """Start the current function again (a GO TO to the paragraph's own start)."""

    line: int


@dataclass
class InspectClause:
    """One ALL / LEADING / FIRST / CHARACTERS phrase of INSPECT, with its BEFORE/AFTER INITIAL
    bounds in the order written."""

    mode: str  # ALL LEADING FIRST CHARACTERS
    what: Expr | None  # None for CHARACTERS
    counter: Ref | None = None  # TALLYING
    by: Expr | None = None  # REPLACING
    bounds: list[tuple[str, Expr]] = field(default_factory=list)  # (BEFORE | AFTER, delimiter)


@dataclass
class Inspect:
    """INSPECT TALLYING / REPLACING / CONVERTING on an alphanumeric item. As in GnuCOBOL, the
    clauses run in order, each skipping characters an earlier clause already counted/replaced."""

    target: Ref
    line: int
    tallying: list[InspectClause] = field(default_factory=list)
    replacing: list[InspectClause] = field(default_factory=list)
    converting: tuple[Expr, Expr] | None = None
    converting_bounds: list[tuple[str, Expr]] = field(default_factory=list)


@dataclass
class StringStmt:
    """STRING … DELIMITED BY … INTO target [WITH POINTER p] [ON OVERFLOW …]."""

    parts: list[tuple[Expr, Expr | None]]  # (sending item, delimiter; None = SIZE)
    target: Ref
    line: int
    pointer: Ref | None = None
    on_overflow: list[Stmt] | None = None
    not_on_overflow: list[Stmt] | None = None


@dataclass
class UnstringInto:
    """One receiver of UNSTRING, with where its delimiter and character count go."""

    target: Ref
    delimiter_in: Ref | None = None
    count_in: Ref | None = None


@dataclass
class Unstring:
    """UNSTRING source DELIMITED BY [ALL] d OR … INTO receivers [WITH POINTER] [TALLYING IN]
    [ON OVERFLOW]. Without delimiters each receiver takes as many characters as it holds."""

    source: Ref
    delimiters: list[tuple[Expr, bool]]  # (delimiter, ALL)
    into: list[UnstringInto]
    line: int
    pointer: Ref | None = None
    tallying: Ref | None = None
    on_overflow: list[Stmt] | None = None
    not_on_overflow: list[Stmt] | None = None


@dataclass
class Jump:
    """A GO TO that loops and branches cannot express (structure_flow): the paragraph ends and the
    program's GO TO state machine continues at `target`."""

    target: str
    line: int


@dataclass
class Cancel:
    """CANCEL "NAME" …: the next CALL of each finds its working storage as at the start."""

    programs: list[str]
    line: int


END_OF_PROGRAM = "END-OF-PROGRAM"  # the state a called program's GOBACK jumps to


@dataclass
class Flow:
    """Run paragraphs `start` … `last` through the GO TO state machine: the main line, or a
    PERFORM of a range holding jumps. Ends when `last` runs to its end."""

    start: str
    last: str
    line: int


@dataclass
class Sentence:
    """A COBOL sentence (statements up to a period) that a NEXT SENTENCE leaves early; printed as
    a labelled block. Only made when a NEXT SENTENCE is not already the sentence's last action."""

    body: list[Stmt]
    line: int


@dataclass
class NextSentence:
    """NEXT SENTENCE: leave the enclosing `Sentence`."""

    line: int


@dataclass
class Search:
    """SEARCH: serial from the index's current occurrence (VARYING steps another item along),
    or SEARCH ALL: binary search on the table's KEYs with one WHEN of `key = value` terms."""

    table: DataItem  # the OCCURS item
    index: Ref  # the table's index that walks it
    whens: list[tuple[Cond, list[Stmt]]]
    at_end: list[Stmt]
    line: int
    binary: bool = False
    varying: Ref | None = None


@dataclass
class Unsupported:
    construct: str
    line: int


# ---- files and sorting (sequential and line-sequential files, SORT/MERGE work files) --------


@dataclass
class FileDef:
    """A SELECT with its FD (or SD) entry. Records are 01 items in `Program.records`."""

    name: str  # COBOL file name
    line: int
    assign: str = ""  # external name; the runtime maps it through DD_x / dd_x / x like libcob
    organization: str = "sequential"  # sequential (fixed records) | line-sequential
    status: DataItem | None = None  # FILE STATUS item
    records: list[DataItem] = field(default_factory=list)
    is_sort: bool = False  # an SD: a sort/merge work file
    optional: bool = False  # SELECT OPTIONAL: a missing input file reads as empty
    record_contains: tuple[int, int] | None = None  # RECORD CONTAINS [min TO] max CHARACTERS
    assign_item: DataItem | None = None  # ASSIGN TO a data item: the name is its value at OPEN
    col: int = 0

    @property
    def record_size(self) -> int:
        return max((r.size for r in self.records), default=0)


@dataclass
class Open:
    files: list[tuple[str, FileDef]]  # (INPUT | OUTPUT | I-O | EXTEND, file)
    line: int


@dataclass
class Close:
    files: list[FileDef]
    line: int


@dataclass
class Read:
    """READ file [INTO item] [AT END …] [NOT AT END …]; also RETURN of a sort file."""

    file: FileDef
    line: int
    into: Ref | None = None
    at_end: list[Stmt] | None = None
    not_at_end: list[Stmt] | None = None


@dataclass
class Write:
    """WRITE record [FROM x] [BEFORE|AFTER ADVANCING n LINES|PAGE]; REWRITE; RELEASE (sort)."""

    verb: str  # WRITE | REWRITE | RELEASE
    record: Ref
    file: FileDef
    line: int
    source: Expr | None = None
    advancing: str = ""  # "" | BEFORE | AFTER
    lines: Expr | None = None  # None with advancing: PAGE


@dataclass
class SortKey:
    ascending: bool
    key: Ref


@dataclass
class Sort:
    """SORT/MERGE work-file ON keys, USING files or INPUT PROCEDURE, GIVING files or OUTPUT
    PROCEDURE. Procedures are PERFORMs until build_functions turns them into calls."""

    verb: str  # SORT | MERGE
    file: FileDef
    keys: list[SortKey]
    line: int
    using: list[FileDef] = field(default_factory=list)
    giving: list[FileDef] = field(default_factory=list)
    input_procedure: list[Stmt] | None = None
    output_procedure: list[Stmt] | None = None


Stmt = (
    Move
    | Arith
    | If
    | Evaluate
    | Perform
    | Call
    | CallProgram
    | Cancel
    | Display
    | Accept
    | GoTo
    | Stop
    | Exit
    | Initialize
    | SetCond
    | Return
    | Restart
    | Inspect
    | StringStmt
    | Jump
    | Flow
    | Sentence
    | NextSentence
    | Unstring
    | Open
    | Close
    | Read
    | Write
    | Sort
    | Search
    | Unsupported
)


@dataclass
class Paragraph:
    name: str
    line: int
    body: list[Stmt]
    section: str | None = None


@dataclass
class Function:
    """A generated function: one per paragraph (sections become functions calling theirs)."""

    name: str  # COBOL paragraph name
    line: int
    body: list[Stmt]
    restarts: bool = False  # body runs in a loop that Restart continues
    jumps: bool = False  # holds a Jump: returns the paragraph to go to (or none: fall through)
    leaves: bool = False  # can reach GOBACK in a called program: returns whether it did


@dataclass
class Program:
    name: str
    path: str
    records: list[DataItem]  # 01 and 77 items of WORKING-STORAGE
    paragraphs: list[Paragraph]
    source_lines: int = 0
    functions: list[Function] = field(default_factory=list)
    entry: list[str] = field(default_factory=list)  # functions run in order from the start
    stats: dict[str, int] = field(default_factory=dict)
    params: list[DataItem] = field(default_factory=list)  # PROCEDURE DIVISION USING, in order
    initial: bool = False  # PROGRAM-ID … IS INITIAL: working storage fresh on every call
    called: bool = False  # called by another program of the unit (its entry is `call`, no main)
    files: list[FileDef] = field(default_factory=list)
    machine: list[str] = field(default_factory=list)  # paragraphs of the GO TO state machine

    def items(self) -> list[DataItem]:
        out: list[DataItem] = []
        for record in self.records:
            out.extend(record.walk())
        return out

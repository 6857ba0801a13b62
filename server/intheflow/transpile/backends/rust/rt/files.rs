//! Sequential and line-sequential files and SORT/MERGE work files, byte for byte as GnuCOBOL 3.1.2
//! writes and reads them. Records are Strings of Latin-1 characters (one char per byte).
//!
//! Every operation sets the FILE STATUS (`status()`); an error status on a file without a FILE
//! STATUS item ends the run with exit code 1, as libcob does (an unhandled end of file included).
//! Files still open at STOP RUN are closed (`close_all`), which writes a pending line end.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, ErrorKind, Read, Seek, SeekFrom, Write};
use std::rc::Rc;

struct FileState {
    name: String,
    assign: String,
    line_seq: bool,
    size: usize,
    optional: bool,
    has_status: bool,
    mode: &'static str, // "" when closed
    reader: Option<BufReader<File>>,
    writer: Option<BufWriter<File>>, // flushed by CLOSE, STOP RUN and a run-ending error
    at_eof: bool,
    needs_nl: bool,
    can_rewrite: bool,
    status: String,
    record: String,
}

thread_local! {
    static OPEN_FILES: RefCell<Vec<Rc<RefCell<FileState>>>> = RefCell::new(Vec::new());
}

/// The file name libcob uses for ASSIGN name: $DD_name, $dd_name, $name, else name itself.
pub fn resolve_assign(name: &str) -> String {
    if name.contains('/') || name.contains('=') || name.contains('\0') {
        return name.to_string();
    }
    for key in [format!("DD_{name}"), format!("dd_{name}"), name.to_string()] {
        if let Ok(value) = std::env::var(&key) {
            if !value.is_empty() {
                return value;
            }
        }
    }
    name.to_string()
}

fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

fn from_latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

fn open_error(e: &io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "35",
        ErrorKind::PermissionDenied => "37",
        _ => "30",
    }
}

impl FileState {
    fn open(&mut self, mode: &'static str) -> &'static str {
        if !self.mode.is_empty() {
            return "41";
        }
        if self.assign.is_empty() {
            return "31"; // ASSIGN TO an item holding spaces
        }
        let path = resolve_assign(&self.assign);
        let exists = std::path::Path::new(&path).exists();
        let mut status = "00";
        if !exists && mode != "OUTPUT" {
            if !self.optional {
                return "35";
            }
            status = "05";
        }
        let opened = match mode {
            "INPUT" if !exists => Ok(()),
            "INPUT" => File::open(&path).map(|f| self.reader = Some(BufReader::new(f))),
            "OUTPUT" => File::create(&path).map(|f| self.writer = Some(BufWriter::new(f))),
            "EXTEND" => OpenOptions::new().append(true).create(true).open(&path).map(|f| self.writer = Some(BufWriter::new(f))),
            _ => OpenOptions::new().read(true).write(true).create(true).open(&path)
                .map(|f| self.reader = Some(BufReader::new(f))),
        };
        if let Err(e) = opened {
            return open_error(&e);
        }
        self.mode = mode;
        self.at_eof = false;
        self.needs_nl = false;
        self.can_rewrite = false;
        status
    }

    fn close(&mut self) -> &'static str {
        if self.mode.is_empty() {
            return "42";
        }
        if let Some(w) = self.writer.as_mut() {
            if self.needs_nl {
                let _ = w.write_all(b"\n");
            }
            let _ = w.flush();
        }
        self.reader = None;
        self.writer = None;
        self.mode = "";
        self.needs_nl = false;
        "00"
    }

    fn read(&mut self, current: &str) -> &'static str {
        if self.mode != "INPUT" && self.mode != "I-O" {
            return "47";
        }
        if self.at_eof {
            return "46";
        }
        self.can_rewrite = false;
        let Some(reader) = self.reader.as_mut() else {
            self.at_eof = true; // OPTIONAL file that does not exist: empty
            return "10";
        };
        let mut buf = Vec::new();
        if self.line_seq {
            // Up to the line end; CRs dropped, the rest of a long line skipped, short lines padded.
            if reader.read_until(b'\n', &mut buf).unwrap_or(0) == 0 {
                self.at_eof = true;
                return "10";
            }
            if buf.last() == Some(&b'\n') {
                buf.pop();
            }
            buf.retain(|&b| b != b'\r');
            buf.truncate(self.size);
            let mut rec = from_latin1(&buf);
            rec.extend(std::iter::repeat(' ').take(self.size - buf.len()));
            self.record = rec;
            return "00";
        }
        buf.resize(self.size, 0);
        let mut got = 0;
        while got < self.size {
            match reader.read(&mut buf[got..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => got += n,
            }
        }
        if got == 0 {
            self.at_eof = true;
            return "10";
        }
        // A short last record overlays the start of the record area (status 04).
        let mut rec = from_latin1(&buf[..got]);
        rec.extend(current.chars().chain(std::iter::repeat(' ')).skip(got).take(self.size - got));
        self.record = rec;
        self.can_rewrite = true;
        if got < self.size { "04" } else { "00" }
    }

    fn advance(w: &mut impl Write, lines: i64) {
        let bytes = match lines {
            -1 => vec![b'\x0c'],
            0 => vec![b'\r'],
            n => vec![b'\n'; n.max(0) as usize],
        };
        let _ = w.write_all(&bytes);
    }

    fn write(&mut self, rec: &str, advancing: &str, lines: i64) -> &'static str {
        if self.mode != "OUTPUT" && self.mode != "EXTEND" {
            return "48";
        }
        let Some(w) = self.writer.as_mut() else { return "48" };
        let mut bytes = latin1(rec);
        if !self.line_seq {
            let _ = w.write_all(&bytes);
            return "00";
        }
        while bytes.last() == Some(&b' ') {
            bytes.pop();
        }
        if advancing == "AFTER" {
            Self::advance(w, lines);
            self.needs_nl = true;
        }
        let _ = w.write_all(&bytes);
        if advancing == "BEFORE" {
            Self::advance(w, lines);
            self.needs_nl = false;
        } else if advancing.is_empty() {
            let _ = w.write_all(b"\n");
            self.needs_nl = false;
        }
        "00"
    }

    fn rewrite(&mut self, rec: &str) -> &'static str {
        if self.mode != "I-O" {
            return "49";
        }
        if !self.can_rewrite {
            return "43";
        }
        self.can_rewrite = false;
        let Some(r) = self.reader.as_mut() else { return "49" };
        let bytes = latin1(rec);
        if r.seek(SeekFrom::Current(-(bytes.len() as i64))).is_err() || r.get_mut().write_all(&bytes).is_err() {
            return "30";
        }
        "00"
    }
}

/// A SELECTed file: sequential (fixed records) or line sequential.
pub struct CobFile {
    st: Rc<RefCell<FileState>>,
}

impl CobFile {
    pub fn new(name: &str, assign: &str, line_seq: bool, size: usize, optional: bool, has_status: bool) -> CobFile {
        let st = Rc::new(RefCell::new(FileState {
            name: name.to_string(), assign: assign.to_string(), line_seq, size, optional, has_status,
            mode: "", reader: None, writer: None, at_eof: false, needs_nl: false, can_rewrite: false,
            status: "00".to_string(), record: " ".repeat(size),
        }));
        OPEN_FILES.with(|all| all.borrow_mut().push(st.clone()));
        CobFile { st }
    }

    /// Record the status; without a FILE STATUS item an error ends the run as libcob does.
    fn finish(&self, status: &'static str, at_end_handled: bool) {
        let (name, has_status) = {
            let mut st = self.st.borrow_mut();
            st.status = status.to_string();
            (st.name.clone(), st.has_status)
        };
        let fine = status.starts_with('0') || has_status || (status == "10" && at_end_handled);
        if !fine {
            let _ = io::stdout().flush();
            eprintln!("libcob: error: {} (status = {status}) for file {name}", describe(status));
            close_all();
            std::process::exit(1);
        }
    }

    pub fn open(&mut self, mode: &'static str) {
        let status = self.st.borrow_mut().open(mode);
        self.finish(status, false);
    }

    pub fn close(&mut self) {
        let status = self.st.borrow_mut().close();
        self.finish(status, false);
    }

    /// OPEN of a file that is not the last of its statement: libcob checks only the last one.
    pub fn open_only(&mut self, mode: &'static str) {
        let status = self.st.borrow_mut().open(mode);
        self.st.borrow_mut().status = status.to_string();
    }

    /// CLOSE of a file that is not the last of its statement (see `open_only`).
    pub fn close_only(&mut self) {
        let status = self.st.borrow_mut().close();
        self.st.borrow_mut().status = status.to_string();
    }

    /// READ: true when a record was read (then `last_record()` holds it, padded to the record size).
    /// `current` is the record area, kept past a short last record of a sequential file.
    pub fn read(&mut self, at_end_handled: bool, current: impl AsRef<str>) -> bool {
        let status = self.st.borrow_mut().read(current.as_ref());
        self.finish(status, at_end_handled);
        status.starts_with('0')
    }

    pub fn write(&mut self, rec: impl AsRef<str>, advancing: &str, lines: i64) {
        let status = self.st.borrow_mut().write(rec.as_ref(), advancing, lines);
        self.finish(status, false);
    }

    pub fn rewrite(&mut self, rec: impl AsRef<str>) {
        let status = self.st.borrow_mut().rewrite(rec.as_ref());
        self.finish(status, false);
    }

    pub fn last_record(&self) -> String {
        self.st.borrow().record.clone()
    }

    /// ASSIGN TO a data item: its value (trailing spaces dropped) names the file at OPEN.
    pub fn set_name(&mut self, name: impl AsRef<str>) {
        self.st.borrow_mut().assign = name.as_ref().trim_end_matches(' ').to_string();
    }

    pub fn status(&self) -> String {
        self.st.borrow().status.clone()
    }

    pub fn at_end(&self) -> bool {
        self.st.borrow().status == "10"
    }
}

fn describe(status: &str) -> &'static str {
    match status {
        "10" => "end of file",
        "31" => "file name is empty",
        "35" => "file does not exist",
        "37" => "permission denied",
        "41" => "file already open",
        "42" => "file not open",
        "43" => "REWRITE without a preceding READ",
        "46" => "READ after the end of file",
        "47" => "READ not allowed, file not open for input",
        "48" => "WRITE not allowed, file not open for output",
        "49" => "REWRITE not allowed, file not open for I-O",
        _ => "I/O error",
    }
}

/// Close every file still open (STOP RUN, or an I/O error ending the run).
pub fn close_all() {
    OPEN_FILES.with(|all| {
        for st in all.borrow().iter() {
            if let Ok(mut st) = st.try_borrow_mut() {
                if !st.mode.is_empty() {
                    st.close();
                }
            }
        }
    });
}

/// One sort key of a record: a number by value, anything else by its bytes.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum KeyValue {
    Num(i64),
    Text(Vec<u8>),
}

fn key_values(keys: &[(usize, usize, bool, bool)], rec: &str) -> Vec<KeyValue> {
    let bytes = latin1(rec);
    keys.iter()
        .map(|&(offset, size, numeric, _)| {
            let field = &bytes[offset.min(bytes.len())..(offset + size).min(bytes.len())];
            if numeric { KeyValue::Num(super::unzone(from_latin1(field))) } else { KeyValue::Text(field.to_vec()) }
        })
        .collect()
}

fn compare_keys(keys: &[(usize, usize, bool, bool)], a: &[KeyValue], b: &[KeyValue]) -> Ordering {
    for (key, (x, y)) in keys.iter().zip(a.iter().zip(b)) {
        let order = if key.3 { x.cmp(y) } else { y.cmp(x) };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// A SORT/MERGE work file (SD): records in memory, ordered by the statement's keys (offset, size,
/// numeric, ascending) with a stable sort, or merged run by run; RETURN hands them out in order.
pub struct SortFile {
    size: usize,
    records: Vec<String>,
    runs: Vec<usize>,
    next: usize,
    record: String,
}

impl SortFile {
    pub fn new(size: usize) -> SortFile {
        SortFile { size, records: Vec::new(), runs: Vec::new(), next: 0, record: " ".repeat(size) }
    }

    pub fn start(&mut self) {
        self.records.clear();
        self.runs.clear();
        self.next = 0;
    }

    /// RELEASE: one record, cut or padded to the work file's record size.
    pub fn release(&mut self, rec: impl AsRef<str>) {
        self.records.push(super::fit(rec, self.size));
    }

    /// USING: every record of the file, which is opened and closed here.
    pub fn take(&mut self, file: &mut CobFile) {
        self.runs.push(self.records.len());
        file.open("INPUT");
        while file.read(true, "") {
            self.release(file.last_record());
        }
        file.close();
    }

    /// GIVING: the records in order into the file, opened and closed here.
    pub fn give(&mut self, file: &mut CobFile) {
        let size = file.st.borrow().size;
        file.open("OUTPUT");
        for rec in &self.records {
            file.write(super::fit(rec, size), "", 0);
        }
        file.close();
    }

    /// SORT: stable, so records with equal keys keep their release order (as cobc).
    pub fn sort(&mut self, keys: &[(usize, usize, bool, bool)]) {
        // Keys are extracted once per record, not at every comparison.
        let mut keyed: Vec<(Vec<KeyValue>, String)> =
            self.records.drain(..).map(|r| (key_values(keys, &r), r)).collect();
        keyed.sort_by(|a, b| compare_keys(keys, &a.0, &b.0));
        self.records = keyed.into_iter().map(|(_, r)| r).collect();
        self.next = 0;
    }

    /// MERGE: repeatedly the smallest head of the runs; equal keys go to the earlier file.
    pub fn merge(&mut self, keys: &[(usize, usize, bool, bool)]) {
        let values: Vec<Vec<KeyValue>> = self.records.iter().map(|r| key_values(keys, r)).collect();
        let mut bounds = self.runs.clone();
        bounds.push(self.records.len());
        let mut heads: Vec<usize> = bounds[..bounds.len() - 1].to_vec();
        let mut merged = Vec::with_capacity(self.records.len());
        loop {
            let mut best: Option<usize> = None;
            for run in 0..heads.len() {
                if heads[run] >= bounds[run + 1] {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some(b) => compare_keys(keys, &values[heads[run]], &values[heads[b]]) == Ordering::Less,
                };
                if better {
                    best = Some(run);
                }
            }
            let Some(run) = best else { break };
            merged.push(self.records[heads[run]].clone());
            heads[run] += 1;
        }
        self.records = merged;
        self.next = 0;
    }

    /// RETURN: the next record in order, false at the end.
    pub fn next_record(&mut self) -> bool {
        if self.next >= self.records.len() {
            return false;
        }
        self.record = self.records[self.next].clone();
        self.next += 1;
        true
    }

    pub fn last_record(&self) -> String {
        self.record.clone()
    }
}
